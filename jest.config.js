/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // Type checking is `npm run typecheck`'s job (part of `npm test`); here we only transpile.
    "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 60000,
};
