// What the add-in build (webpack.config.js) and the browser preview (webpack.preview.js) share:
// TypeScript through ts-loader with tsconfig.web.json, type checking left to `npm run typecheck`.
"use strict";

const path = require("node:path");

/** resolve + module settings for the TypeScript sources. */
const typescript = {
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
            transpileOnly: true,
          },
        },
      },
    ],
  },
};

/** The engine's Web Worker entry (src/taskpane/engine/client.ts loads it by URL). */
const engineWorker = { import: "./src/taskpane/engine/worker.ts", chunkLoading: "import-scripts" };

/** The origin manifest.xml points at: the dev server. */
const DEV_URL = "https://localhost:3000";

/**
 * The add-in's public URL for a production build (`ADDIN_URL=https://ar.example.com`, a path
 * allowed: `https://intranet.example.com/ar-desk`), without its trailing slash; undefined when
 * not given. Throws on anything Office would not load: it must be https, with no query or hash.
 */
function addinUrl(value) {
  if (value === undefined || value === "") return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_URL must be https (Office loads add-ins only over https): ${value}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_URL must be a plain https origin or folder, no query or hash: ${value}`);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * manifest.xml with every dev-server URL pointed at `url` (as Microsoft's templates do in a
 * production build). Throws if a localhost URL would be left behind.
 */
function rewriteManifest(xml, url) {
  const out = xml.split(DEV_URL + "/").join(url + "/");
  const left = /https?:\/\/localhost[:/]/i.exec(out);
  if (left) throw new Error(`manifest.xml still has a localhost URL after rewriting to ${url}`);
  return out;
}

module.exports = { typescript, engineWorker, DEV_URL, addinUrl, rewriteManifest };
