/** Unit tests sit beside the code (*.test.ts); kernel and conformance tests live in test/. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/kernel", "<rootDir>/magics", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 60000,
  maxWorkers: 2,
};
