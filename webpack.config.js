// Builds the add-in's web part into dist/web (the CLI's tsc output lives in dist/ beside it).
// Shared runtime (DESIGN.md §7): ONE page, taskpane.html, loads both the task pane and the custom
// functions; the manifest points the task pane, the functions <Page> and <Runtime> at it.
"use strict";

const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const OUTPUT_DIR = path.resolve(__dirname, "dist/web");
const DEV_PORT = 3000; // manifest.xml hard-codes https://localhost:3000/
// Absolute: the plugin resolves a relative input against the working directory, not the config.
const FUNCTIONS_SOURCE = path.resolve(__dirname, "src/functions/functions.ts");

// Office only loads add-ins over https. office-addin-dev-certs is an optionalDependency, so it is
// required lazily and only when serving; without it the dev server falls back to plain http.
async function devServerTransport() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch {
    console.warn(
      "[ar-desk] office-addin-dev-certs is not installed: serving over plain http. " +
        "Office will not load http://localhost:3000; install it to get https.",
    );
    return { type: "http" };
  }
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (err) {
    console.warn(`[ar-desk] could not get dev certificates (${err.message}): serving over http.`);
    return { type: "http" };
  }
}

module.exports = async (env) => {
  return {
    context: __dirname,
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: FUNCTIONS_SOURCE,
    },
    output: {
      path: OUTPUT_DIR,
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.web.json"),
              // Type checking is `npm run typecheck`'s job.
              transpileOnly: true,
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/index.html",
        // Functions first, so they are associated even if the task pane fails to render.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    performance: {
      // React + Fluent UI make a large pane; warn only when it gets out of hand.
      maxAssetSize: 2 * 1024 * 1024,
      maxEntrypointSize: 2 * 1024 * 1024,
    },
    devServer: env.WEBPACK_SERVE
      ? {
          port: DEV_PORT,
          server: await devServerTransport(),
          headers: { "Access-Control-Allow-Origin": "*" },
          static: false,
          client: { overlay: { warnings: false } },
        }
      : undefined,
  };
};
