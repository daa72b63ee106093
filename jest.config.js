/** Unit tests sit beside the code (*.test.ts); kernel and conformance tests live in test/. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  testMatch: ["<rootDir>/{protocol,common,kernel,magics,public,tutorials,client,notebook-runner,kernelspec,test}/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  testTimeout: 60000,
  maxWorkers: 2,
};
