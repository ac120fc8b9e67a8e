/** Tests run from TypeScript through SWC (no type-check here: `tsc --noEmit` is its own gate in `npm test`). */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
