#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { auditSynthesized, describeExtracted, selectExtracted, simulateCors, type CorsSimulation, type ExtractedCors } from '../core/internal';
import { formatJson, formatSarif, formatText, printable, type AuditReport } from './format';
import { InputError, loadInput } from './inputs';

/** Where the CLI writes, and where it resolves relative paths: injectable for in-process tests. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** The working directory. */
  readonly cwd: string;
}

const USAGE = `Usage:
  cors-constructs audit <cdk.out | cdktf.out | file> [--format text|json|sarif]
      Extracts every CORS configuration (S3 buckets, HTTP APIs, function URLs, CloudFront response
      headers policies, REST API OPTIONS methods and gateway responses) and validates it, with the
      situational checks (CloudFront behaviors, HTTP API routes, Lambda proxies, bound function URLs).
      A directory with a manifest.json (cdk.out, cdktf.out) is read through it: every template it names.
      Exit 1 when any error is found, 2 when a path could not be read (the audit is incomplete).
  cors-constructs simulate <cdk.out | cdktf.out | file> --resource <id|path> --origin <origin> --method <method>
      [--header <name[: value]>]... [--credentials] [--runtime-helper] [--format text|json]
      Prints whether a browser on <origin> can make the request, with reasons and headers.
      Exit 0 when allowed, 1 when blocked.
Exit 2 on unreadable input or bad arguments.
`;

function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'cors-constructs' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // keep looking
      }
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

function audit(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (positionals.length !== 1) throw new UsageError('audit takes exactly one path: a cdk.out or cdktf.out directory, or a template file');
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, got ${format}`);
  const { files, skipped } = loadInput(positionals[0]!, io.cwd);
  const report: AuditReport = { files, skipped, findings: files.flatMap((f) => auditSynthesized(f.document, f.items)) };
  io.stdout(format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, packageVersion()) : formatText(report));
  if (report.findings.some((f) => f.diagnostic.severity === 'error')) return 1;
  return skipped.length > 0 ? 2 : 0;
}

function formatSimulation(item: ExtractedCors, request: { origin: string; method: string }, result: CorsSimulation): string {
  const lines = [`${result.allowed ? 'ALLOWED' : 'BLOCKED'}: ${request.method} from ${request.origin} to ${describeExtracted(item)} [${item.target}]`];
  if (result.failure !== undefined) lines.push(`  reason: ${result.failure}`);
  const headers = (title: string, h: Readonly<Record<string, string>>) => {
    lines.push(title);
    const entries = Object.entries(h);
    if (entries.length === 0) lines.push('    (no CORS headers)');
    for (const [name, value] of entries) lines.push(`    ${name}: ${value}`);
  };
  if (result.preflight.sent) headers(`preflight: ${result.preflight.status} ${result.preflight.allowed ? 'passed' : 'failed'}`, result.preflight.responseHeaders);
  else lines.push('preflight: not sent');
  if (result.allowed || Object.keys(result.responseHeaders).length > 0 || !result.preflight.sent || result.preflight.allowed) headers('response:', result.responseHeaders);
  lines.push('steps:');
  for (const reason of result.reasons) lines.push(`  - ${reason}`);
  return `${lines.map(printable).join('\n')}\n`;
}

function simulate(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      resource: { type: 'string' },
      origin: { type: 'string' },
      method: { type: 'string' },
      header: { type: 'string', multiple: true, default: [] },
      credentials: { type: 'boolean', default: false },
      'runtime-helper': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('simulate takes exactly one path: a cdk.out or cdktf.out directory, or a template file');
  for (const required of ['resource', 'origin', 'method'] as const) {
    if (values[required] === undefined || values[required] === '') throw new UsageError(`simulate needs --${required}`);
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got ${values.format}`);
  const input = loadInput(positionals[0]!, io.cwd);
  const items = input.files.flatMap((f) => f.items);
  const selected = selectExtracted(items, values.resource!);
  if (selected.length === 0) {
    const known = items.map(describeExtracted);
    const unread = input.skipped.length > 0 ? ` (not read: ${input.skipped.map((p) => `${p.path}: ${p.reason}`).join('; ')})` : '';
    throw new InputError(`no CORS configuration matches --resource ${values.resource}; found: ${known.length > 0 ? known.join(', ') : 'none'}${unread}`);
  }
  if (selected.length > 1) throw new InputError(`--resource ${values.resource} matches ${selected.length} configurations: ${selected.map(describeExtracted).join(', ')}; use a logical id or a longer path`);
  const item = selected[0]!;
  const request = { origin: values.origin!, method: values.method!, headers: values.header ?? [], credentials: values.credentials === true };
  const result = simulateCors(item.target, item.config, request, { runtimeHelper: values['runtime-helper'] === true });
  io.stdout(values.format === 'json' ? `${JSON.stringify({ resourceId: item.resourceId, constructPath: item.constructPath, target: item.target, request, ...result }, null, 2)}\n` : formatSimulation(item, request, result));
  return result.allowed ? 0 : 1;
}

class UsageError extends Error {}

/**
 * Runs the CLI: `audit` or `simulate`. Returns the exit code (0 ok / allowed, 1 findings with
 * errors / blocked, 2 bad input or arguments); never throws for user mistakes.
 */
export function main(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'audit': return audit(rest, io);
      case 'simulate': return simulate(rest, io);
      case '--version': io.stdout(`${packageVersion()}\n`); return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help': io.stdout(USAGE); return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`cors-constructs: ${printable(error.message)}\n`);
      return 2;
    }
    // parseArgs errors carry an ERR_PARSE_ARGS_* code (checked by code: instanceof fails across realms).
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`cors-constructs: ${printable((error as Error).message)}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`cors-constructs: internal error: ${printable(error instanceof Error ? error.message : String(error))}; please report it\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() });
}
