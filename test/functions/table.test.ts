/**
 * The declaration table (src/functions/table.ts) and the JSDoc declarations Excel gets
 * (src/functions/functions.ts, read by custom-functions-metadata-plugin) agree: the same
 * functions, each with the same arguments in the same order, optional in both or in neither,
 * and each exported function hands exactly its own parameters, in order, to the driver under its
 * own id. Read with the TypeScript compiler, as the plugin reads the file.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { FUNCTION_IDS, FUNCTIONS, type ArgSpec, type FunctionId } from "../../src/functions/table";

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");

interface Declared {
  id: string;
  exported: boolean;
  params: { name: string; optional: boolean }[];
  jsdocParams: string[];
  /** The driver call in the body: its id and the names passed, or null when it is not one. */
  call: { id: string; args: string[] } | null;
}

function declarations(): Declared[] {
  const file = ts.createSourceFile(
    SOURCE,
    fs.readFileSync(SOURCE, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const out: Declared[] = [];
  for (const node of file.statements) {
    if (!ts.isFunctionDeclaration(node)) continue;
    const tags = ts.getJSDocTags(node);
    const tag = tags.find((t) => t.tagName.text === "customfunction");
    if (tag === undefined) continue;
    const comment = typeof tag.comment === "string" ? tag.comment.trim() : "";
    const exported = (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0;
    const params = node.parameters.map((p) => ({
      name: p.name.getText(file),
      optional: p.questionToken !== undefined,
    }));
    const jsdocParams = tags
      .filter(ts.isJSDocParameterTag)
      .map((t) => t.name.getText(file).replace(/^\[|\]$/g, ""));
    let call: Declared["call"] = null;
    const body = node.body?.statements ?? [];
    const ret = body.length === 1 ? body[0] : undefined;
    if (
      ret !== undefined &&
      ts.isReturnStatement(ret) &&
      ret.expression !== undefined &&
      ts.isCallExpression(ret.expression) &&
      ret.expression.expression.getText(file) === "run"
    ) {
      const [id, list] = ret.expression.arguments;
      if (id && ts.isStringLiteral(id) && list && ts.isArrayLiteralExpression(list)) {
        call = { id: id.text, args: list.elements.map((e) => e.getText(file)) };
      }
    }
    out.push({ id: comment.split(/\s+/)[0], exported, params, jsdocParams, call });
  }
  return out;
}

const declared = declarations();

test("the table and functions.ts declare the same functions, in the same order", () => {
  expect(declared.map((d) => d.id)).toEqual(FUNCTION_IDS);
  for (const d of declared) expect(d.exported).toBe(true);
});

describe.each(declared.map((d) => [d.id, d] as const))("%s", (id, d) => {
  const specs: readonly ArgSpec[] = FUNCTIONS[id as FunctionId];

  test("same argument names, count and order", () => {
    expect(d.params.map((p) => p.name)).toEqual(specs.map((s) => s.name));
    expect(d.jsdocParams).toEqual(specs.map((s) => s.name));
  });

  test("optional in both or in neither", () => {
    expect(d.params.map((p) => p.optional)).toEqual(specs.map((s) => s.optional === true));
  });

  test("hands its parameters, in order, to the driver under its id", () => {
    expect(d.call).toEqual({ id, args: specs.map((s) => s.name) });
  });
});

test("the table is consistent: parallel ranges name an earlier list, bounds and defaults fit", () => {
  for (const id of FUNCTION_IDS) {
    const specs: readonly ArgSpec[] = FUNCTIONS[id];
    const names = specs.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    // Optional arguments come last (Excel's rule for optional parameters).
    const firstOptional = specs.findIndex((s) => s.optional);
    if (firstOptional >= 0) expect(specs.slice(firstOptional).every((s) => s.optional)).toBe(true);
    for (const s of specs) {
      if (s.rows) {
        const j = names.indexOf(s.rows.of);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThan(names.indexOf(s.name));
        expect(specs[j].shape).toBe("list");
        expect(s.shape).toBe("list");
      }
      if (s.min !== undefined && s.max !== undefined) expect(s.min).toBeLessThanOrEqual(s.max);
      if (s.default !== undefined && s.min !== undefined && s.kind !== "date")
        expect(s.default).toBeGreaterThanOrEqual(s.min);
    }
  }
});
