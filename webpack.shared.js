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

module.exports = { typescript, engineWorker };
