// ts-jest transform and the package's own entry points, shared by both projects.
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type errors are caught by `npm run typecheck` (tsc) once for the whole tree; isolated
    // transpilation keeps each test file fast.
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^cors-constructs$': '<rootDir>/lib/core/index.ts',
    '^cors-constructs/(.*)$': '<rootDir>/lib/$1/index.ts',
  },
  snapshotResolver: '<rootDir>/test/snapshot-resolver.js',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'tests',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
    },
    {
      // The cdktf test table once more against CDK Terrain: every module name lib/cdktn's generation renames is
      // mapped the same way (cors-constructs/cdktf to the generated lib/cdktn), so each cdktf test asserts the
      // same on cors-constructs/cdktn with cdktn and @cdktn/provider-aws. Text snapshots are kept apart: cdktn
      // writes `{}` for empty objects and pins another provider (README, "What differs").
      // imports.test.ts checks both entry points itself, in child processes.
      ...shared,
      displayName: 'cdktf tests on cdktn',
      roots: ['<rootDir>/test/cdktf'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cdktf/imports\\.test\\.ts$'],
      moduleNameMapper: {
        '^cdktf$': 'cdktn',
        '^cdktf/(.*)$': 'cdktn/$1',
        '^@cdktf/provider-aws/lib/(.*)$': '@cdktn/provider-aws/lib/$1',
        '^cors-constructs/cdktf$': '<rootDir>/lib/cdktn/index.ts',
        ...shared.moduleNameMapper,
      },
      snapshotResolver: '<rootDir>/test/cdktf/cdktn-snapshot-resolver.js',
    },
  ],
  // lib/cdktn (cors-constructs/cdktn) is generated from lib/cdktf: regenerate before any test resolves it,
  // so a bare `npx jest` tests the current lib/cdktf too.
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  maxWorkers: 2,
};
