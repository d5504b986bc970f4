/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: {
    // Type errors are caught by `npm run typecheck` (tsc) once for the whole tree; isolated
    // transpilation keeps each test file fast.
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^cors-constructs$': '<rootDir>/lib/core/index.ts',
    '^cors-constructs/(.*)$': '<rootDir>/lib/$1/index.ts',
  },
  // lib/cdktn (cors-constructs/cdktn) is generated from lib/cdktf: regenerate before any test resolves it,
  // so a bare `npx jest` tests the current lib/cdktf too.
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  maxWorkers: 2,
};
