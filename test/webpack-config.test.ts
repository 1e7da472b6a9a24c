// The add-in's webpack config as the dev server and the production build call it: the dev
// server refuses to start without an https certificate (Office loads nothing over http), and a
// production build rejects an ADDIN_URL Office would not load.
import path from "node:path";

const CONFIG = path.resolve(__dirname, "../webpack.config.js");

type Config = (
  env: Record<string, unknown>,
  argv: Record<string, unknown>,
) => Promise<{ devServer?: { server?: { type?: string } } }>;

/** Calls the config with `devCerts` standing in for office-addin-dev-certs. */
async function run(
  devCerts: () => unknown,
  env: Record<string, unknown>,
  argv: Record<string, unknown>,
): Promise<Awaited<ReturnType<Config>>> {
  let made: Awaited<ReturnType<Config>> | undefined;
  await jest.isolateModulesAsync(async () => {
    jest.doMock("office-addin-dev-certs", devCerts, { virtual: true });
    // A CommonJS build file without typings: required, not imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(CONFIG) as Config;
    made = await config(env, argv);
  });
  return made!;
}

afterEach(() => {
  jest.dontMock("office-addin-dev-certs");
  delete process.env.ADDIN_URL;
});

describe("webpack.config.js", () => {
  test("the dev server serves https with the dev certificate", async () => {
    const made = await run(
      () => ({ getHttpsServerOptions: async () => ({ ca: "ca", key: "key", cert: "cert" }) }),
      { WEBPACK_SERVE: true },
      { mode: "development" },
    );
    expect(made.devServer?.server?.type).toBe("https");
  });

  test("no certificate: the dev server stops and says what to run, never falls back to http", async () => {
    const devCerts = () => ({
      getHttpsServerOptions: async () => {
        throw new Error("keychain locked");
      },
    });
    await expect(run(devCerts, { WEBPACK_SERVE: true }, { mode: "development" })).rejects.toThrow(
      /keychain locked.*office-addin-dev-certs install/s,
    );
  });

  test("office-addin-dev-certs missing: the dev server stops and says so", async () => {
    const missing = () => {
      throw new Error("Cannot find module 'office-addin-dev-certs'");
    };
    await expect(run(missing, { WEBPACK_SERVE: true }, { mode: "development" })).rejects.toThrow(
      /not installed.*https/s,
    );
  });

  test("a production build with an http ADDIN_URL does not start", async () => {
    process.env.ADDIN_URL = "http://ar.example.com";
    await expect(run(() => ({}), {}, { mode: "production" })).rejects.toThrow(/must be https/);
  });
});
