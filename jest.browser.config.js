/** Real-browser conformance (`npm run test:browser`): Chromium, Firefox and WebKit against the behaviour model. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^cors-constructs$': '<rootDir>/lib/core/index.ts',
    '^cors-constructs/(.*)$': '<rootDir>/lib/$1/index.ts',
  },
  // One engine at a time, one browser per engine, one set of loopback servers per engine.
  maxWorkers: 1,
  testTimeout: 30000,
};
