// The custom functions' metadata after custom-functions-metadata-plugin has generated it from the
// JSDoc of functions.ts: the finishing touch for functions.json, and functions.zh-CN.json made
// from it with the names and descriptions of zh-CN.json (ids, parameter counts, types, options and
// results are copied, so the two files cannot disagree on anything but words).
//
// Plain CommonJS: webpack.config.js runs it in Node at build time, the tests import it.
"use strict";

/**
 * functions.json as Excel gets it: error cells reach the functions as values (top-level
 * `allowErrorForDataTypeAny`, which the generator does not write), so a range with a `#N/A` in it
 * still spills a result for every other row. The generator's `allowCustomDataForDataTypeAny` is
 * dropped: it belongs to data types (CustomFunctionsRuntime 1.4, above the 1.2 the manifest
 * declares) and no ar-desk function takes or returns one.
 */
function finishMetadata(generated) {
  // eslint-disable-next-line no-unused-vars
  const { functions, allowCustomDataForDataTypeAny, ...rest } = generated;
  return { ...rest, allowErrorForDataTypeAny: true, functions };
}

/**
 * The metadata with each function's name, description and parameter names and descriptions
 * taken from `table` (zh-CN.json: id -> { name, description, parameters: [{ name, description }] }).
 * Throws when the table misses or adds a function or a parameter.
 */
function localizeMetadata(metadata, table, locale = "zh-CN") {
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(table)) {
    if (!ids.has(id)) throw new Error(`${locale}: ${id} is not a custom function`);
  }
  const functions = metadata.functions.map((f) => {
    const t = table[f.id];
    if (!t) throw new Error(`${locale}: no translation of ${f.id}`);
    if (!t.name || !t.description)
      throw new Error(`${locale}: ${f.id} needs a name and a description`);
    const params = t.parameters || [];
    if (params.length !== f.parameters.length) {
      throw new Error(
        `${locale}: ${f.id} has ${f.parameters.length} parameters, the translation ${params.length}`,
      );
    }
    return {
      ...f,
      name: t.name,
      description: t.description,
      parameters: f.parameters.map((p, i) => ({
        ...p,
        name: params[i].name,
        description: params[i].description,
      })),
    };
  });
  return { ...metadata, functions };
}

module.exports = { finishMetadata, localizeMetadata };
