// Runs before every test file. UI tests wait for a state, never for a fixed time: on a shared
// 2-core machine at load average 15 a render can take seconds, so the ceiling for
// testing-library's findBy*/waitFor is generous. A test that waits that long has failed anyway.
if (typeof window !== "undefined") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configure } = require("@testing-library/dom") as typeof import("@testing-library/dom");
  configure({ asyncUtilTimeout: 180_000 });
}
