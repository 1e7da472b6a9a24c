// The browser preview of the task pane (`npm run preview`, `npm run build:preview`): the same
// <App> as in Excel, on an in-memory workbook, built into dist/preview. See
// src/taskpane/preview/index.tsx. The Office build is webpack.config.js.
"use strict";

const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { engineWorker, typescript } = require("./webpack.shared.js");

const OUTPUT_DIR = path.resolve(__dirname, "dist/preview");
const PORT = 3001;

module.exports = (_env, argv = {}) => ({
  context: __dirname,
  mode: argv.mode ?? "production",
  devtool: "source-map",
  entry: {
    preview: "./src/taskpane/preview/index.tsx",
    "engine.worker": engineWorker,
    "reader.worker": {
      import: "./src/taskpane/preview/reader.worker.ts",
      chunkLoading: "import-scripts",
    },
  },
  output: {
    path: OUTPUT_DIR,
    filename: "[name].js",
    clean: true,
  },
  ...typescript,
  plugins: [
    new HtmlWebpackPlugin({
      filename: "index.html",
      template: "./src/taskpane/preview/index.html",
      chunks: ["preview"],
    }),
    new CopyWebpackPlugin({ patterns: [{ from: "assets/sample.xlsx", to: "sample.xlsx" }] }),
  ],
  performance: {
    maxAssetSize: 2 * 1024 * 1024,
    maxEntrypointSize: 2 * 1024 * 1024,
  },
  devServer: {
    port: PORT,
    static: false,
    client: { overlay: { warnings: false } },
  },
});
