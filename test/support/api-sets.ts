/**
 * Which Excel JavaScript API members a set of source files uses, and the requirement set each
 * needs, read from the typings: @types/office-js documents every member with
 * `[Api set: ExcelApi 1.x]` in its JSDoc. Found with the TypeScript type checker, so a member is
 * recognised whatever the variable holding the object is called.
 *
 * Covered: property accesses and method calls (`range.values`, `ws.getRangeByIndexes(…)`),
 * properties named in `load("a,b/c")` strings, and properties of object literals passed as typed
 * Excel options (`getCellProperties({ format: { wrapText: true } })`).
 *
 * A use is guarded when it sits in the true branch of an `if`, `?:` or `&&` whose condition calls
 * `isSetSupported(…, "1.x")` or `excelApiSupported("1.x")` (any receiver) with a version at least
 * the one needed.
 */
import path from "node:path";
import ts from "typescript";

export interface ApiUse {
  /** `Excel.Range.getMergedAreasOrNullObject` */
  api: string;
  /** The ExcelApi version the typings give, e.g. "1.13". */
  set: string;
  file: string;
  line: number;
  /** The version a surrounding guard checks, if any. */
  guardedBy?: string;
}

const API_SET = /\[\s*Api set:\s*ExcelApi\s+(\d+\.\d+)\s*\]/i;
const GUARDS = new Set(["isSetSupported", "excelApiSupported"]);

/** Compares "1.9" and "1.13" as versions. */
export function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

export function scanExcelApiUse(root: string, files: string[]): ApiUse[] {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  const seen = new Set<string>();

  const setOf = (symbol: ts.Symbol | undefined): { api: string; set: string } | undefined => {
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const decl of symbol.declarations ?? []) {
      const sf = decl.getSourceFile();
      if (!/[\\/]@types[\\/]office-js[\\/]/.test(sf.fileName)) continue;
      const comments = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
      for (const c of comments) {
        const m = API_SET.exec(sf.text.slice(c.pos, c.end));
        if (m) {
          const owner = checker.getFullyQualifiedName(symbol);
          return { api: owner.replace(/^"[^"]*"\./, ""), set: m[1] };
        }
      }
    }
    return undefined;
  };

  /** The highest version a guard around `node` checks. */
  const guardOf = (node: ts.Node): string | undefined => {
    let best: string | undefined;
    const consider = (condition: ts.Node) => {
      const visit = (n: ts.Node) => {
        if (ts.isCallExpression(n)) {
          const callee = n.expression;
          const name = ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : ts.isIdentifier(callee)
              ? callee.text
              : "";
          if (GUARDS.has(name)) {
            for (const arg of n.arguments) {
              if (ts.isStringLiteral(arg) && /^\d+\.\d+$/.test(arg.text)) {
                if (!best || compareVersions(arg.text, best) > 0) best = arg.text;
              }
            }
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(condition);
    };
    let child: ts.Node = node;
    for (let p = node.parent; p; child = p, p = p.parent) {
      if (ts.isIfStatement(p) && p.thenStatement === child) consider(p.expression);
      else if (ts.isConditionalExpression(p) && p.whenTrue === child) consider(p.condition);
      else if (
        ts.isBinaryExpression(p) &&
        p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
        p.right === child
      ) {
        consider(p.left);
      }
    }
    return best;
  };

  const record = (node: ts.Node, symbol: ts.Symbol | undefined) => {
    const found = setOf(symbol);
    if (!found) return;
    const sf = node.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const file = path.relative(root, sf.fileName);
    const key = `${found.api}@${file}:${line}`;
    if (seen.has(key)) return;
    seen.add(key);
    uses.push({ ...found, file, line, guardedBy: guardOf(node) });
  };

  /** A property of `type`, looking through arrays (`items/name`) and unions with null. */
  const propertyOf = (type: ts.Type, name: string): ts.Symbol | undefined => {
    const t = checker.getNonNullableType(type);
    const direct = t.getProperty(name);
    if (direct) return direct;
    const element = checker.getIndexTypeOfType(t, ts.IndexKind.Number);
    return element ? checker.getNonNullableType(element).getProperty(name) : undefined;
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      record(node.name, checker.getSymbolAtLocation(node.name));
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const arg = node.arguments[0];
      if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === "load" &&
        arg &&
        ts.isStringLiteralLike(arg)
      ) {
        for (const item of arg.text.split(",")) {
          let type: ts.Type | undefined = checker.getTypeAtLocation(callee.expression);
          for (const part of item.trim().split("/")) {
            if (!type || !part) break;
            const symbol = propertyOf(type, part);
            record(arg, symbol);
            type = symbol ? checker.getTypeOfSymbolAtLocation(symbol, arg) : undefined;
          }
        }
      }
    } else if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const contextual = checker.getContextualType(node.parent);
      if (contextual && ts.isIdentifier(node.name)) {
        record(node.name, propertyOf(contextual, node.name.text));
      }
    }
    ts.forEachChild(node, visit);
  };

  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not in the program: ${file}`);
    visit(sf);
  }
  return uses.sort((a, b) => compareVersions(b.set, a.set) || a.api.localeCompare(b.api));
}
