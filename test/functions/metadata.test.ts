/**
 * The functions' metadata, generated here exactly as the build does (custom-functions-metadata's
 * generator on functions.ts, then metadata.js): a golden copy guards functions.json and
 * functions.zh-CN.json, the two languages agree on everything but words, and no name collides
 * with a built-in Excel function or looks like a cell reference.
 *
 * After a deliberate change: UPDATE_GOLDEN=1 npx jest test/functions/metadata.test.ts
 */
import fs from "node:fs";
import path from "node:path";
import type * as Generator from "custom-functions-metadata";
import { finishMetadata, localizeMetadata, type Metadata } from "../../src/functions/metadata";
import { ARG_NAMES_ZH, type ArgName } from "../../src/functions/messages";
import zhTable from "../../src/functions/zh-CN.json";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE = path.join(ROOT, "src/functions/functions.ts");
const GOLDEN = path.join(__dirname, "golden");

// The plugin's own generator (a dependency of custom-functions-metadata-plugin), resolved from it.
const generator = jest.requireActual<typeof Generator>(
  require.resolve("custom-functions-metadata", {
    paths: [path.dirname(require.resolve("custom-functions-metadata-plugin"))],
  }),
);

/** The catalogue: ids in declaration order. */
const IDS = [
  "DAYSOVERDUE",
  "DAYSLATE",
  "AGING",
  "OVERDUE",
  "ACTBY",
  "LEVEL",
  "NEXTACTION",
  "INTEREST",
  "OUTSTANDING",
  "EXPOSURE",
  "HEADROOM",
  "OVERLIMIT",
  "AGINGTABLE",
  "PROVISION",
  "DSO",
  "COLLECTIONRATE",
  "OVERDUERATE",
  "EXPECTEDPAY",
  "CHECKORDER",
];

/**
 * Built-in Excel worksheet functions (and Excel 4.0 macro functions Microsoft says to avoid),
 * covering every name near ours: date arithmetic, finance, lookup, aggregation.
 */
const BUILT_IN =
  `ABS ACCRINT ACCRINTM ACOS ACOSH ACOT ADDRESS AGGREGATE AMORDEGRC AMORLINC AND ARABIC
AREAS ARRAYTOTEXT ASC ASIN ATAN AVEDEV AVERAGE AVERAGEA AVERAGEIF AVERAGEIFS BAHTTEXT BASE BETADIST
BIN2DEC BYCOL BYROW CALL CEILING CELL CHAR CHOOSE CHOOSECOLS CHOOSEROWS CLEAN CODE COLUMN COLUMNS
COMBIN CONCAT CONCATENATE CONFIDENCE CONVERT CORREL COS COUNT COUNTA COUNTBLANK COUNTIF COUNTIFS
COUPDAYBS COUPDAYS COUPDAYSNC COUPNCD COUPNUM COUPPCD COVAR CUBEVALUE CUMIPMT CUMPRINC DATE DATEDIF
DATEVALUE DAVERAGE DAY DAYS DAYS360 DB DCOUNT DCOUNTA DDB DEC2BIN DECIMAL DEGREES DELTA DGET DISC
DMAX DMIN DOLLAR DOLLARDE DOLLARFR DPRODUCT DROP DSTDEV DSUM DURATION DVAR EDATE EFFECT ENCODEURL
EOMONTH ERROR.TYPE EVEN EXACT EXP EXPAND FACT FALSE FILTER FILTERXML FIND FISHER FIXED FLOOR
FORECAST FORECAST.ETS FORECAST.LINEAR FORMULATEXT FREQUENCY FV FVSCHEDULE GAMMA GCD GEOMEAN
GETPIVOTDATA GROUPBY GROWTH HARMEAN HLOOKUP HOUR HSTACK HYPERLINK IF IFERROR IFNA IFS IMAGE INDEX
INDIRECT INFO INT INTERCEPT INTRATE IPMT IRR ISBLANK ISERR ISERROR ISEVEN ISFORMULA ISLOGICAL ISNA
ISNONTEXT ISNUMBER ISODD ISOMITTED ISOWEEKNUM ISPMT ISREF ISTEXT KURT LAMBDA LARGE LCM LEFT LEN LET
LINEST LN LOG LOOKUP LOWER MAKEARRAY MAP MATCH MAX MAXA MAXIFS MDETERM MDURATION MEDIAN MID MIN
MINA MINIFS MINUTE MIRR MOD MODE MONTH MROUND MULTINOMIAL N NA NETWORKDAYS NETWORKDAYS.INTL NOMINAL
NORMDIST NOT NOW NPER NPV NUMBERVALUE ODD ODDFPRICE ODDFYIELD ODDLPRICE ODDLYIELD OFFSET OR PDURATION
PERCENTILE PERCENTRANK PERMUT PHONETIC PI PIVOTBY PMT POISSON POWER PPMT PRICE PRICEDISC PRICEMAT
PROB PRODUCT PROPER PV PY QUARTILE QUOTIENT RADIANS RAND RANDARRAY RANDBETWEEN RANK RATE RECEIVED
REDUCE REGEXEXTRACT REGEXREPLACE REGEXTEST REPLACE REPT RIGHT ROMAN ROUND ROUNDDOWN ROUNDUP ROW ROWS
RRI RSQ RTD SCAN SEARCH SECOND SEQUENCE SHEET SHEETS SIGN SIN SKEW SLN SLOPE SMALL SORT SORTBY SQRT
STANDARDIZE STDEV STDEVA STDEVP STEYX STOCKHISTORY SUBSTITUTE SUBTOTAL SUM SUMIF SUMIFS SUMPRODUCT
SUMSQ SWITCH SYD T TAKE TAN TBILLEQ TBILLPRICE TBILLYIELD TDIST TEXT TEXTAFTER TEXTBEFORE TEXTJOIN
TEXTSPLIT TIME TIMEVALUE TOCOL TODAY TOROW TRANSPOSE TREND TRIM TRIMMEAN TRIMRANGE TRUE TRUNC TYPE
UNICHAR UNICODE UNIQUE UPPER VALUE VALUETOTEXT VAR VARA VARP VDB VLOOKUP VSTACK WEBSERVICE WEEKDAY
WEEKNUM WORKDAY WORKDAY.INTL WRAPCOLS WRAPROWS XIRR XLOOKUP XMATCH XNPV XOR YEAR YEARFRAC YIELD
YIELDDISC YIELDMAT Z.TEST ABSREF ACTIVE.CELL ALERT APP.TITLE ARGUMENT CALLER DEREF DOCUMENTS ECHO
EVALUATE FILES FORMULA GET.CELL GET.DOCUMENT GET.WORKBOOK GET.WORKSPACE GOTO HALT INPUT NAMES
PAUSE REGISTER RESULT RETURN RUN SELECTION SET.NAME SET.VALUE STEP VOLATILE WAIT WINDOWS`.split(
    /\s+/,
  );

let en: Metadata;
let zh: Metadata;
let associations: { functionName: string; id: string }[];

beforeAll(async () => {
  const result = await generator.generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  associations = result.associate;
  en = finishMetadata(JSON.parse(result.metadataJson) as Metadata);
  zh = localizeMetadata(en, zhTable);
});

describe("functions.json and functions.zh-CN.json", () => {
  test.each(["functions.json", "functions.zh-CN.json"])("%s equals its golden copy", (file) => {
    const generated = file === "functions.json" ? en : zh;
    const golden = path.join(GOLDEN, file);
    if (process.env.UPDATE_GOLDEN) {
      fs.mkdirSync(GOLDEN, { recursive: true });
      fs.writeFileSync(golden, JSON.stringify(generated, null, 2) + "\n");
    }
    expect(generated).toEqual(JSON.parse(fs.readFileSync(golden, "utf8")));
  });

  test("the catalogue: every @customfunction, each associated once under its id", () => {
    expect(en.functions.map((f) => f.id)).toEqual(IDS);
    expect(associations.map((a) => a.id)).toEqual(IDS);
    const declared = [...fs.readFileSync(SOURCE, "utf8").matchAll(/^export function (\w+)\(/gm)];
    expect(associations.map((a) => a.functionName)).toEqual(declared.map((m) => m[1]));
  });

  test("error cells reach the functions: allowErrorForDataTypeAny in both files", () => {
    expect(en.allowErrorForDataTypeAny).toBe(true);
    expect(zh.allowErrorForDataTypeAny).toBe(true);
    // Data types (CustomFunctionsRuntime 1.4) are above the declared 1.2 and unused.
    expect("allowCustomDataForDataTypeAny" in en || "allowCustomDataForDataTypeAny" in zh).toBe(
      false,
    );
  });

  test("every parameter and result is a matrix of any (a cell or a range)", () => {
    for (const f of en.functions) {
      expect({ id: f.id, result: f.result }).toEqual({
        id: f.id,
        result: { dimensionality: "matrix" },
      });
      for (const p of f.parameters) {
        expect({ id: f.id, p: p.name, type: p.type, dim: p.dimensionality }).toEqual({
          id: f.id,
          p: p.name,
          type: "any",
          dim: "matrix",
        });
        expect(p.description).toBeTruthy();
      }
      expect(f.description).toBeTruthy();
    }
  });

  test("ids, parameter counts, types, optionality and results agree across languages", () => {
    const shape = (m: Metadata) =>
      m.functions.map((f) => ({
        id: f.id,
        result: f.result,
        options: f.options,
        parameters: f.parameters.map((p) => [p.type, p.dimensionality, p.optional ?? false]),
      }));
    expect(shape(zh)).toEqual(shape(en));
    const { functions: _e, ...enTop } = en;
    const { functions: _z, ...zhTop } = zh;
    expect(zhTop).toEqual(enTop);
  });

  test("parameter names: the English ones are the names messages use, the Chinese ones theirs", () => {
    for (let k = 0; k < en.functions.length; k++) {
      const names = en.functions[k].parameters.map((p) => p.name);
      for (const name of names) expect(Object.keys(ARG_NAMES_ZH)).toContain(name);
      expect(zh.functions[k].parameters.map((p) => p.name)).toEqual(
        names.map((n) => ARG_NAMES_ZH[n as ArgName]),
      );
    }
  });

  test("Chinese names and descriptions are Chinese, and differ from the English", () => {
    for (let k = 0; k < en.functions.length; k++) {
      const [e, z] = [en.functions[k], zh.functions[k]];
      expect(z.name).toMatch(/^\p{Script=Han}+$/u);
      expect(z.description).toMatch(/\p{Script=Han}/u);
      expect(z.description).not.toBe(e.description);
      z.parameters.forEach((p, i) => {
        expect(p.description).toMatch(/\p{Script=Han}/u);
        expect(p.description).not.toBe(e.parameters[i].description);
      });
    }
  });
});

describe("function names", () => {
  const all = () => [
    ...en.functions.map((f) => ({ lang: "en", name: f.name })),
    ...zh.functions.map((f) => ({ lang: "zh", name: f.name })),
  ];

  test("the list of built-in names covers the names at risk", () => {
    for (const name of ["DAYS", "NETWORKDAYS", "WORKDAY", "EDATE", "YEARFRAC", "RATE", "IPMT"]) {
      expect(BUILT_IN).toContain(name);
    }
  });

  test("no English or Chinese name is a built-in Excel function", () => {
    const builtIn = new Set(BUILT_IN.map((n) => n.toUpperCase()));
    for (const { lang, name } of all()) {
      expect({ lang, name, builtIn: builtIn.has(name.toUpperCase()) }).toEqual({
        lang,
        name,
        builtIn: false,
      });
    }
  });

  test("names follow Excel's rules: a letter first, 3+ characters, no cell-reference look", () => {
    for (const { name } of all()) {
      expect(name).toMatch(/^\p{L}[\p{L}0-9._]{2,}$/u);
      expect(name).not.toMatch(/^[A-Z]{1,3}[0-9]+$/i);
      expect(name).not.toMatch(/^R[0-9]*C[0-9]*$/i);
    }
    for (const f of en.functions) expect(f.name).toBe(f.id);
  });

  test("names are unique within and across the languages", () => {
    const names = all().map((n) => n.name.toUpperCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("metadata.js", () => {
  test("refuses a translation that misses or adds a function or a parameter", () => {
    const table = JSON.parse(JSON.stringify(zhTable)) as typeof zhTable;
    expect(() => localizeMetadata(en, { ...table, NOPE: table.DSO })).toThrow(/NOPE/);
    const { DSO: _dso, ...missing } = table;
    expect(() => localizeMetadata(en, missing as typeof table)).toThrow(/DSO/);
    table.DSO.parameters.pop();
    expect(() => localizeMetadata(en, table)).toThrow(/DSO has 3 parameters/);
  });
});
