import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// Runs the bench (esbuild, minified, platform node) so the 5 KB budget of issue 7 is enforced by the suite.
test('withCors adds at most 5 KB minified to an esbuild-bundled handler, and no dependency', () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, '../../bench/bundle-size.js'), '--json'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout) as { differenceBytes: number; budgetBytes: number; bundledFiles: string[] };
  expect(report.budgetBytes).toBe(5 * 1024);
  expect(report.differenceBytes).toBeGreaterThan(0);
  expect(report.differenceBytes).toBeLessThanOrEqual(report.budgetBytes);
  expect(report.bundledFiles.filter((file) => file.includes('node_modules'))).toEqual([]);
  // The runtime may share only the dependency-free parts of the core.
  expect(report.bundledFiles.filter((file) => file.startsWith('lib/core/')).sort()).toEqual(['lib/core/origin.ts', 'lib/core/runtime-contract.ts']);
});
