// Snapshot paths of both jest projects (jest.config.js). The "tests" project keeps jest's default layout
// (<dir>/__snapshots__/<test>.snap); "cdktf tests on cdktn" writes <dir>/__snapshots__/cdktn/<test>.snap, beside
// the cdktf ones, which differ in the formatting of empty objects and in required_providers. resolveTestPath
// knows both layouts, so neither project takes the other's files for obsolete (`jest -u` would delete them).
'use strict';
const path = require('node:path');

const resolveTestPath = (snapshotPath, extension) => {
  const dir = path.dirname(snapshotPath);
  const testDir = path.basename(dir) === 'cdktn' ? path.join(dir, '..', '..') : path.join(dir, '..');
  return path.join(testDir, path.basename(snapshotPath, extension));
};

/** A jest snapshot resolver writing `<dir>/__snapshots__/<subdir>/<test>.snap` (no subdir: jest's default). */
const resolver = (subdir = '') => ({
  resolveSnapshotPath: (testPath, extension) => path.join(path.dirname(testPath), '__snapshots__', subdir, `${path.basename(testPath)}${extension}`),
  resolveTestPath,
  testPathForConsistencyCheck: path.join('test', 'cdktf', 'example.test.ts'),
});

module.exports = { ...resolver(), resolver };
