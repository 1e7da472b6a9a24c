/**
 * A UTF-8 CSV is parsed from its bytes (src/io/csv-bytes.ts), not decoded first: whatever the
 * file, the result must be what the decoded text gives (`parseDecodedCsv`): the same rows, the
 * same column store (tags, numbers, the distinct texts in the same order), the same notes at the
 * same rows. Bytes that are not well-formed UTF-8 leave the file to the decoding path.
 */
import { parseCsv, parseDecodedCsv, parseUtf8Csv, type CsvData } from "../src/io/csv";
import { ByteTable } from "../src/io/csv-bytes";
import { CELL_OTHER, type CellValue } from "../src/sheet/grid";

const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? Array.from(utf8(p)) : p)));

/** Everything a reader of the parsed file can see, column store included. */
function seen(p: CsvData) {
  const store = p.cells;
  const columns: { tag: number[]; num: number[]; obj: CellValue[] }[] = [];
  const width = Math.max(
    0,
    ...Array.from({ length: store.rowCount }, (_, r) => store.rowLength(r)),
  );
  for (let c = 0; c < width; c++) {
    const col = store.column(c);
    if (!col) continue;
    const tag = Array.from(col.tag.subarray(0, store.rowCount));
    const num = Array.from(col.num.subarray(0, store.rowCount), (v, r) => (tag[r] === 0 ? 0 : v));
    // CELL_OTHER cells index `obj` in the order put: compared by value.
    const obj = tag.flatMap((t, r) => (t === CELL_OTHER ? [col.obj[num[r]]] : []));
    columns.push({ tag, num: num.map((v, r) => (tag[r] === CELL_OTHER ? 0 : v)), obj });
  }
  return {
    encoding: p.encoding,
    delimiter: p.delimiter,
    notes: p.notes,
    rows: p.rows,
    strings: store.strings,
    lengths: Array.from({ length: store.rowCount }, (_, r) => store.rowLength(r)),
    columns,
  };
}

/** The byte parser takes the file (`utf8`: it must) and gives what decoding gives. */
function check(data: Uint8Array, wellFormed = true): void {
  const general = seen(parseDecodedCsv(data));
  const fast = parseUtf8Csv(data);
  if (wellFormed) expect(fast).not.toBeNull();
  if (fast !== null) expect(seen(fast)).toEqual(general);
  else expect(seen(parseCsv(data))).toEqual(general);
}

let seed = 20250630;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

const PLAIN = [
  "",
  "",
  "a",
  "Acme",
  "Keystone GmbH",
  "客户",
  "厦门博远精密有限公司",
  "月结30天",
  "人民币",
  "USD",
  "😀",
  "x😀y",
  "\uFEFFbom",
  "é",
  "ß∑",
  "12.50",
  "-0.50",
  "-0.00",
  "0.5",
  "007.5",
  "1.",
  ".5",
  "-",
  "1234567890123.45",
  "12345678901234.56",
  "1e3",
  "100",
  " 3.25",
  "1,234.50",
  "1.234,50",
  "12,5",
  "1.234",
  "¥12.00",
  "2025-01-05",
  "13/3/2025",
  "Net 30",
  "#N/A",
];

/** A field as written: plain, or quoted (delimiters, quotes, line breaks inside), or odd. */
function field(d: string): string {
  const r = rnd();
  if (r < 0.7) return pick(PLAIN);
  if (r < 0.8) {
    const inner = pick([...PLAIN, `a${d}b`, 'say ""hi""', "two\nlines", "two\r\nlines", "cr\rx"]);
    return `"${inner}"`;
  }
  if (r < 0.85) return `"${pick(PLAIN)}"${pick(["", "tail", "尾"])}`;
  if (r < 0.88) return `"${pick(PLAIN)}`; // a quote left open
  if (r < 0.9) return `${pick(PLAIN)}"x`;
  return pick(PLAIN) + pick(PLAIN);
}

function randomFile(): string {
  const d = pick([",", ",", ";", "\t", "|"]);
  const width = 2 + Math.floor(rnd() * 6);
  const lines: string[] = [];
  const count = Math.floor(rnd() * 60);
  for (let r = 0; r < count; r++) {
    if (rnd() < 0.05) {
      lines.push("");
      continue;
    }
    const n = rnd() < 0.1 ? Math.floor(rnd() * (width + 3)) : width;
    lines.push(Array.from({ length: n }, () => field(d)).join(d));
  }
  let text = "";
  for (const line of lines) text += line + pick(["\n", "\n", "\r\n", "\r"]);
  if (rnd() < 0.3) text = text.replace(/(\r\n|\n|\r)$/, "");
  const head = rnd();
  if (head < 0.1) text = `sep=${d}${pick(["\n", "\r\n", "\r"])}${text}`;
  else if (head < 0.2) text = `\uFEFF${text}`;
  else if (head < 0.25) text = `\uFEFF\uFEFF${text}`;
  return text;
}

describe("the byte parser reads what the decoded text gives", () => {
  test("random files: quotes, line breaks, multi-byte characters, decimals, BOM, sep=", () => {
    for (let k = 0; k < 400; k++) check(utf8(randomFile()));
  });

  test("awkward files", () => {
    const files = [
      "",
      "\uFEFF",
      "\uFEFF\uFEFF\uFEFFa,b\n",
      "a",
      "\n",
      "\r\n\r\n",
      "\r\r",
      ",",
      ",,\n,",
      '"',
      '""',
      '"""',
      'a,"b',
      'a,"b\n',
      '"a""b",c\r\n"d\r\ne",f\r\n',
      'x,"open\nrest',
      'a,b,c\n1,"2\n3,4,5\n6,7,8\n',
      "sep=;",
      "sep=;\n",
      "sep=;\r\na;b\r\n1,5;2\r\n",
      "sep=|\na|b",
      "sep=\t\na\tb\n1.50\t2.25\n",
      "Kunde;Betrag;Datum\nA;1,5;01.02.2025\nB;2,75;03.02.2025\n",
      "Kunde;Betrag\nA;1.234\nB;2.500\n",
      'Customer,Amount\nA,"1,234.56"\nB,1.234\nC,12.50\n',
      "a,b\n1.5,-0.0\n-0.5,0.05\n",
      "客户,金额\n😀公司,1.50\n\uFEFF客户,\n",
    ];
    for (const f of files) check(utf8(f));
    // A quoted field's lines beyond MAX_FIELD_LINES, and a record per line that a stray quote
    // would swallow.
    const many = ["a,b,c", '1,"x', ...Array.from({ length: 60 }, (_, k) => `${k}`), 'y",2'];
    check(utf8(many.join("\n")));
    const swallow = ["a,b,c", '1,"x,2', "3,4,5", '6,7,8"', "9,10,11"];
    check(utf8(swallow.join("\r\n")));
  });

  test("bytes that are not well-formed UTF-8 go to the decoding path, read as before", () => {
    const good = "客户,金额\nA公司,1.50\nB,2\n";
    const cases = [
      bytes("a,b\n", [0xff], ",x\n"),
      bytes("a,b\nc", [0xe4, 0xb8], ",x\n"),
      bytes("a,b\n", [0xe4, 0xb8], "\n"),
      bytes("a,", [0x80], "\n"),
      bytes("a,", [0xc0, 0xaf], "\n"),
      bytes("a,", [0xed, 0xa0, 0x80], "\n"),
      bytes("a,", [0xf4, 0x90, 0x80, 0x80], "\n"),
      // A character split by a quote: the pieces joined would make it whole.
      bytes('a,"b', [0xe4], '"', [0xb8, 0xad], "\n"),
      bytes('a,"b', [0xe4], '""', [0xb8, 0xad], '"\n'),
      bytes(good, [0xe4]),
      bytes(good.repeat(3), [0xbf, 0xcd, 0xbb, 0xa7], ",1\n"),
      // GBK throughout.
      Uint8Array.from([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0x61, 0x0a, 0xb9, 0xab, 0xcb, 0xbe, 0x2c]),
      // sep= with a delimiter the byte parser does not take.
      bytes("sep=é\naéb\n"),
      bytes('sep="\na"b\n'),
    ];
    for (const data of cases) check(data, false);
    for (const data of cases.slice(0, -2)) expect(parseUtf8Csv(data)).toBeNull();
  });

  test("UTF-16 files are decoded", () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x61, 0, 0x2c, 0, 0x62, 0, 0x0a, 0]);
    expect(parseUtf8Csv(le)).toBeNull();
    check(le, false);
    const bomless = Uint8Array.from([0x61, 0, 0x2c, 0, 0x62, 0, 0x0a, 0]);
    expect(parseUtf8Csv(bomless)).toBeNull();
    check(bomless, false);
  });

  test("a column of distinct texts (held as themselves), of every length", () => {
    const texts = ["", "7", "é", "😀", "客户", "\uFEFFz"];
    const lines = ["id,name,amount"];
    for (let r = 0; r < 20000; r++) {
      const len = r % 31;
      let id = `I${r}`;
      while (id.length < len) id += pick(["x", "9", "é", "客", "😀", " "]);
      lines.push(`${id},${pick(texts)},${(r % 977) / 4}`);
    }
    check(utf8(lines.join("\r\n")));
    // Distinct decimal-comma numbers (and 1.234s) in a ;-separated file, from a row past the
    // sample that makes the column one of distinct texts: counted and converted.
    const eu = ["id;n;amount"];
    for (let r = 0; r < 20000; r++) {
      const n = r < 17000 ? `N${r}` : r % 7 === 0 ? `${r}.${r % 10}00` : `${r},${r % 100}`;
      eu.push(`${r};${n};1,5`);
    }
    check(utf8(eu.join("\n")));
    // Damage late in a column of distinct texts.
    const data = utf8(lines.join("\n") + "\n");
    const damaged = Uint8Array.from([...data.subarray(0, data.length - 8), 0xc3, ...utf8(",1\n")]);
    check(damaged, false);
  });

  test("the delimiter from a head of long multi-byte lines, as from the whole text", () => {
    // 20 lines of 3,000 characters (9,000 bytes) fit the 65,536 characters detectDelimiter reads:
    // on its first 7 lines `;` wins (2 a line against 1), on all 20 only `,` is consistent.
    const long = "宽".repeat(3000);
    const lines = Array.from({ length: 30 }, (_, r) => `${long};a;b${r < 7 ? "" : ";x"},c`);
    const data = utf8(lines.join("\n"));
    expect(parseUtf8Csv(data)?.delimiter).toBe(",");
    check(data);
    for (const d of [";", ","]) {
      const wide = Array.from({ length: 30 }, (_, r) => [long, `${r}`, long].join(d));
      check(utf8(wide.join("\n")));
    }
  });
});

test("the table of distinct texts tells texts apart whatever their hashes", () => {
  // Every text given the same hash: each lookup compares the bytes (in the slot up to 16 bytes,
  // else in the pool), through several doublings of the table.
  const strings: string[] = [];
  const table = new ByteTable(strings);
  const texts: string[] = [];
  for (let len = 1; len <= 40; len++)
    for (let at = 0; at < len; at++) {
      const chars = Array.from({ length: len }, (_, k) => String.fromCharCode(97 + (k % 26)));
      texts.push(chars.join(""));
      chars[at] = "Z";
      texts.push(chars.join(""));
    }
  texts.push("客户", "客户A", "😀", "\uFEFF");
  const unique = [...new Set(texts)];
  const find = (t: string, hash: number) => {
    const b = encoder.encode(t);
    return table.find(b, 0, b.length, hash, t);
  };
  const index = unique.map((t) => find(t, 7));
  expect(index).toEqual(unique.map((_, k) => k));
  expect(strings).toEqual(unique);
  for (let k = unique.length - 1; k >= 0; k--) expect(find(unique[k], 7)).toBe(k);
  // Bytes given inside a larger array are read from where they start.
  const padded = encoder.encode(`xx${unique[100]}yy`);
  expect(table.find(padded, 2, padded.length - 2, 7)).toBe(100);
});
