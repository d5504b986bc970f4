import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

// Debian's `velocity` package and its two dependencies (apt-get install velocity default-jre-headless).
const JARS = ['/usr/share/java/velocity-1.7.jar', '/usr/share/java/commons-collections3.jar', '/usr/share/java/commons-lang.jar'];
const DRIVER = path.join(__dirname, 'VelocityDriver.java');

/** One template rendered for one request. */
export interface VelocityCase {
  readonly template: string;
  /** Request headers as the client sent them (API Gateway keeps the client's case). */
  readonly headers: Readonly<Record<string, string>>;
}

/** What the template set in `$context.responseOverride.header`, or the engine's error. */
export type VelocityResult = { readonly overrides: Readonly<Record<string, string>> } | { readonly error: string };

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

/** Why Apache Velocity 1.7 cannot run here, with the command that fixes it; undefined when it can. */
export function velocityUnavailable(): string | undefined {
  const missing = JARS.filter((jar) => !existsSync(jar));
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (missing.length === 0 && java.status === 0) return undefined;
  return `Apache Velocity 1.7 and a JDK are needed for test/velocity (missing: ${[...missing, ...(java.status === 0 ? [] : ['java'])].join(', ')}): run \`apt-get install -y velocity default-jdk-headless\` (.ci/run does).`;
}

/** Renders every case with the real Apache Velocity 1.7 engine, in one JVM. */
export function renderWithVelocity(cases: readonly VelocityCase[]): VelocityResult[] {
  const input = cases.map((c) => [b64(c.template), ...Object.entries(c.headers).map(([name, value]) => `${b64(name)}:${b64(value)}`)].join('\t')).join('\n');
  // The single-file source launcher compiles the driver in memory (JDK 11+); a larger stack is not given, so a
  // template that needs deep recursion fails here as it would in a default JVM.
  const run = spawnSync('java', ['-cp', JARS.join(':'), DRIVER], { input: `${input}\n`, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`Velocity driver failed (${run.status}): ${run.stderr}`);
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== cases.length) throw new Error(`Velocity driver answered ${lines.length} of ${cases.length} cases: ${run.stderr}`);
  return lines.map((line) => {
    const [status, ...fields] = line.split('\t');
    if (status === 'ERR') return { error: unb64(fields[0] ?? '') };
    return { overrides: Object.fromEntries(fields.map((field) => field.split(':').map(unb64) as [string, string])) };
  });
}
