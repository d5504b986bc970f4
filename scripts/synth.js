#!/usr/bin/env node
// Builds the library and synthesizes every example app that exists, offline:
// examples/cdk with the cdk CLI into cdk.out/, examples/cdktf and examples/cdktn with plain node into
// cdktf.out/ and cdktn.out/.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (command, args, env = {}) => execFileSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

run('npm', ['run', '--silent', 'build']);
// Examples import 'cors-constructs/cdk' like users do: the package's own exports resolve it to dist/.
if (['examples/cdk', 'examples/cdktf', 'examples/cdktn'].some((dir) => existsSync(path.join(root, dir)))) {
  run(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.examples.json']);
}
const examples = [
  { dir: 'examples/cdk', synth: () => run(path.join(root, 'node_modules/.bin/cdk'), ['synth', '--quiet', '--no-notices', '--output', 'cdk.out'], { CDK_DISABLE_CLI_TELEMETRY: 'true' }) },
  { dir: 'examples/cdktf', synth: () => run('node', ['dist/examples/cdktf/main.js']) },
  { dir: 'examples/cdktn', synth: () => run('node', ['dist/examples/cdktn/main.js']) },
];
let synthesized = 0;
for (const example of examples) {
  if (!existsSync(path.join(root, example.dir))) {
    console.log(`${example.dir}: no example yet, skipped`);
    continue;
  }
  example.synth();
  synthesized += 1;
}
console.log(`synthesized ${synthesized} example app(s)`);
