/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // Type checking is `npm run typecheck`'s job (part of `npm test`); here we only transpile.
    "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }],
  },
  // Generous: the suite must pass on 2 shared cores at load average 15 (no test asserts a time).
  testTimeout: 600000,
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-jest.ts"],
};
