/**
 * Tests run from TypeScript through ts-jest in transpile-only mode (isolatedModules): fast, and no native binaries.
 * Type errors are caught by `tsc --noEmit`, its own gate in `npm test`.
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
