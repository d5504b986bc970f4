import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'cdk.out/', 'cdktf.out/', 'cdktn.out/', 'lib/cdktn/', 'node_modules/', 'coverage/', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Scripts, benchmarks and tool configs are plain CommonJS run by node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['lib/core/**/*.ts', 'lib/runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktf', '@cdktf/*', 'constructs', 'cdktn', '@cdktn/*'] }],
    },
  },
  {
    files: ['lib/cdktf/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@cdktf/provider-aws', message: 'Deep-import @cdktf/provider-aws/lib/<resource>: the root loads every resource (1.3 s, ~575 MB).' }], patterns: ['aws-cdk-lib', 'aws-cdk-lib/*', 'cdktn', 'cdktn/*', '@cdktn/*'] }],
    },
  },
  {
    files: ['lib/cdk/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['cdktf', '@cdktf/*', 'cdktn', '@cdktn/*'] }],
    },
  },
);
