// ESLint flat config (ESLint 9). Run with `npx eslint .`.
"use strict";

const { builtinModules } = require("node:module");
// @eslint/js ships with eslint; resolve it from there rather than relying on hoisting.
const js = require(require.resolve("@eslint/js", { paths: [require.resolve("eslint")] }));
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");

const TS_FILES = ["**/*.{ts,tsx,mts,cts}"];
const JS_FILES = ["**/*.{js,cjs,mjs}"];

// eslint-plugin-office-addins v4 exposes flat configs as arrays (`configs.recommended`,
// `configs.react`), but spreading them would register its own nested copy of
// @typescript-eslint (8.8) beside ours, turn on `prettier/prettier` (Prettier runs separately in
// `npm run lint`) and set `ecmaVersion: 6`. So we take only its `office-addins/*` rules, and the
// eslint-plugin-react instance that its `react` config carries (react is not our direct dependency).
const officeAddinsRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);
const reactPlugin = officeAddins.configs.react.find((config) => config.plugins?.react)?.plugins
  .react;
if (!reactPlugin)
  throw new Error("eslint-plugin-office-addins no longer bundles eslint-plugin-react");

const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "process",
    "console",
    "Buffer",
    "__dirname",
    "__filename",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "URL",
  ].map((name) => [name, "readonly"]),
);

// Layering (DESIGN.md §2): core depends on nothing; sheet only on core. Test files are exempt.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith("_"));
const restrictedPaths = (message, names) => names.map((name) => ({ name, message }));
const CORE_PURE = "src/core is pure: no I/O, no UI, no Office (DESIGN.md §2)";
const SHEET_DATA = "src/sheet is plain data: no file I/O, no UI, no Office (DESIGN.md §2)";
// Relative imports that climb out of the layer into a sibling folder of src/ (or name src/ itself).
const siblingDirs = (dirs) => `^((\\.\\./)+|(.*/)?src/)(${dirs.join("|")})(/|$)`;
const IO_NEUTRAL =
  "src/io is platform-neutral (the CLI and the browser preview share it): no Node, no UI (DESIGN.md §2)";
const DESK_PURE =
  "src/desk runs the use cases for every face: no Node, no UI, no Office (DESIGN.md §2)";
/** A folder of src/ that must not import the given sibling folders. */
const faceRule = (dir, forbidden) => [
  {
    files: [`src/${dir}/**/*.{ts,tsx}`],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: siblingDirs(forbidden),
              message: `src/${dir} must not import src/${forbidden.join(", src/")}: faces share core, sheet and io, never each other (DESIGN.md §2)`,
            },
          ],
        },
      ],
    },
  },
];
const officeGlobals = ["Office", "Excel", "OfficeExtension", "CustomFunctions"].map((name) => ({
  name,
  message: "Office.js belongs in src/excel (DESIGN.md §2)",
}));

module.exports = [
  {
    ignores: ["dist/", "out/", "coverage/", "node_modules/", "test-artifacts/"],
  },
  js.configs.recommended,
  {
    rules: {
      // Chinese text legitimately uses U+3000 (ideographic space) in strings, templates and JSX.
      "no-irregular-whitespace": [
        "error",
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true },
      ],
    },
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: TS_FILES,
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
    },
  },
  {
    // Office.js load/sync rules where Office.js is used: they misread ExcelJS (`ws.getCell(…)`)
    // in the Node adapter as Excel proxies.
    files: [
      "src/excel/**/*.ts",
      "src/taskpane/**/*.{ts,tsx}",
      "src/functions/**/*.ts",
      "test/excel/**/*.ts",
    ],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRules,
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/**/*.tsx"],
    ...reactPlugin.configs.flat.recommended,
    settings: { react: { version: "detect" } },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/**/*.tsx"],
    ...reactPlugin.configs.flat["jsx-runtime"],
    rules: {
      ...reactPlugin.configs.flat["jsx-runtime"].rules,
      "react/prop-types": "off", // props are typed by TypeScript
    },
  },
  {
    // Plain CommonJS for Node: bin/, config files, scripts/*.js.
    files: JS_FILES,
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: nodeGlobals },
    rules: {
      "no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/core/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: restrictedPaths(CORE_PURE, [
            "exceljs",
            "react",
            "react-dom",
            "office-js",
            ...nodeBuiltins,
          ]),
          patterns: [
            {
              group: ["node:*", "exceljs/*", "react/*", "react-dom/*", "@fluentui/*"],
              message: CORE_PURE,
            },
            {
              group: ["@microsoft/office-js", "office-addin-*"],
              message: "src/core knows nothing of Office (DESIGN.md §2)",
            },
            {
              regex: siblingDirs(["excel", "taskpane", "cli", "functions", "sheet", "io", "desk"]),
              message: "src/core depends on nothing else in src (DESIGN.md §2)",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...officeGlobals],
    },
  },
  {
    files: ["src/sheet/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: restrictedPaths(SHEET_DATA, [
            "exceljs",
            "fs",
            "fs/promises",
            "react",
            "react-dom",
            "office",
            "office-js",
          ]),
          patterns: [
            {
              group: ["node:*", "exceljs/*", "react/*", "react-dom/*", "@fluentui/*"],
              message: SHEET_DATA,
            },
            {
              group: ["@microsoft/office-js", "office-addin-*"],
              message: "Office.js belongs in src/excel (DESIGN.md §2)",
            },
            {
              regex: siblingDirs(["excel", "taskpane", "cli", "functions", "io", "desk"]),
              message: "src/sheet may depend on src/core only (DESIGN.md §2)",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...officeGlobals],
    },
  },
  {
    // Platform-neutral readers: the command line and the browser preview both use them.
    files: ["src/io/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: restrictedPaths(IO_NEUTRAL, ["exceljs", "react", "react-dom", ...nodeBuiltins]),
          patterns: [
            { group: ["node:*", "exceljs/*", "react/*", "@fluentui/*"], message: IO_NEUTRAL },
            {
              regex: siblingDirs(["excel", "taskpane", "cli", "functions", "desk"]),
              message: "src/io may depend on src/core and src/sheet only (DESIGN.md §2)",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...officeGlobals],
    },
  },
  {
    // The application layer: the use cases over core and sheet, which every face calls.
    files: ["src/desk/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: restrictedPaths(DESK_PURE, ["exceljs", "react", "react-dom", ...nodeBuiltins]),
          patterns: [
            { group: ["node:*", "exceljs/*", "react/*", "@fluentui/*"], message: DESK_PURE },
            {
              regex: siblingDirs(["excel", "taskpane", "cli", "functions"]),
              message:
                "src/desk serves the faces and imports none of them: core, sheet and io only (DESIGN.md §2)",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...officeGlobals],
    },
  },
  // The faces (functions, taskpane, cli) and the Office.js adapter never import each other's
  // code; nothing imports the command line (DESIGN.md §2).
  ...faceRule("excel", ["taskpane", "functions", "cli"]),
  ...faceRule("functions", ["taskpane", "excel", "cli"]),
  ...faceRule("taskpane", ["functions", "cli"]),
  ...faceRule("cli", ["taskpane", "functions", "excel"]),
];
