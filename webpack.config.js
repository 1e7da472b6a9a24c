// Builds the add-in's web part into dist/web (the CLI's tsc output lives in dist/ beside it).
// Shared runtime (DESIGN.md §7): ONE page, taskpane.html, loads both the task pane and the custom
// functions; the manifest points the task pane, the functions <Page> and <Runtime> at it.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { Compilation, WebpackError, sources } = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { addinUrl, engineWorker, rewriteManifest, typescript } = require("./webpack.shared.js");
const { finishMetadata, localizeMetadata } = require("./src/functions/metadata.js");

const OUTPUT_DIR = path.resolve(__dirname, "dist/web");
const DEV_PORT = 3000; // manifest.xml hard-codes https://localhost:3000/
// Absolute: the plugin resolves a relative input against the working directory, not the config.
const FUNCTIONS_SOURCE = path.resolve(__dirname, "src/functions/functions.ts");
// Names and descriptions of the functions in Chinese; the manifest's zh-CN override of
// Functions.Metadata.Url points Excel at the file made from it.
const FUNCTIONS_ZH_CN = path.resolve(__dirname, "src/functions/zh-CN.json");

/**
 * After CustomFunctionsMetadataPlugin has put functions.json among the assets: finishes it (see
 * metadata.js) and adds functions.zh-CN.json, the same metadata in Chinese.
 */
class LocalizedFunctionsMetadataPlugin {
  apply(compiler) {
    const name = "LocalizedFunctionsMetadataPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const generated = compilation.getAsset("functions.json");
          if (!generated) return; // the metadata plugin has reported why
          compilation.fileDependencies.add(FUNCTIONS_ZH_CN);
          try {
            const en = finishMetadata(JSON.parse(generated.source.source().toString()));
            const table = JSON.parse(fs.readFileSync(FUNCTIONS_ZH_CN, "utf8"));
            const zh = localizeMetadata(en, table);
            compilation.updateAsset(
              "functions.json",
              new sources.RawSource(JSON.stringify(en, null, 4)),
            );
            compilation.emitAsset(
              "functions.zh-CN.json",
              new sources.RawSource(JSON.stringify(zh, null, 4)),
            );
          } catch (err) {
            compilation.errors.push(new WebpackError(`${FUNCTIONS_ZH_CN}: ${err.message}`));
          }
        },
      );
    });
  }
}

// Office only loads add-ins over https, so the dev server has no http fallback: without a
// certificate it stops and says what to do. office-addin-dev-certs is an optionalDependency,
// required lazily and only when serving.
async function devServerTransport() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch {
    throw new Error(
      "[ar-desk] office-addin-dev-certs is not installed, so the dev server cannot serve https, " +
        "and Office will not load an add-in over http. Install it (npm install, it is an " +
        "optional dependency) and run `npx office-addin-dev-certs install`.",
    );
  }
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (err) {
    throw new Error(
      `[ar-desk] could not get the dev certificate (${err.message}). Office will not load an ` +
        "add-in over http. Run `npx office-addin-dev-certs install` (it asks to trust a local " +
        "certificate authority), then start the dev server again.",
    );
  }
}

module.exports = async (env, argv) => {
  // A production build for a host: ADDIN_URL=https://ar.example.com npm run build writes
  // dist/web/manifest.xml with every URL pointing there (README "Deploying").
  const url = addinUrl(process.env.ADDIN_URL);
  if (argv?.mode === "production" && !url && !env.WEBPACK_SERVE) {
    console.warn(
      "[ar-desk] ADDIN_URL is not set: dist/web/manifest.xml keeps the dev server's " +
        "https://localhost:3000 URLs. For a deployable build: ADDIN_URL=https://your.host npm run build",
    );
  }
  return {
    context: __dirname,
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: FUNCTIONS_SOURCE,
      // The task pane's engine (import + analysis) runs in a Web Worker: its own entry, loaded
      // by URL (src/taskpane/engine/client.ts), so it is not part of the pane's initial bundle.
      "engine.worker": engineWorker,
    },
    output: {
      path: OUTPUT_DIR,
      filename: "[name].js",
      clean: true,
    },
    ...typescript,
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
      new LocalizedFunctionsMetadataPlugin(),
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
          { from: "src/support/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            ...(url && { transform: (content) => rewriteManifest(content.toString("utf8"), url) }),
          },
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
