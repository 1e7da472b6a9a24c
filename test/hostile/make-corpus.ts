/**
 * The regression corpus of hostile files (issue 15): small files, each a way a real export or a
 * hand-made file once lost a row silently, hung, crashed or drove the terminal. Made by code so
 * that every byte is explained here; `npx tsx test/hostile/make-corpus.ts DIR` writes them out
 * to look at. corpus.test.ts runs each through the command and checks its expected outcome.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { strToU8, zipSync } from "fflate";

export interface Expected {
  /** Exit status. */
  status: 0 | 2;
  /** For status 2: the one-line message. */
  message?: RegExp;
  /** For status 0: problem codes that must be reported (with their rows when given). */
  problems?: { code: string; row?: number }[];
  /** For status 0: rows read, imported (the rest skipped or rejected). */
  rows?: { read: number; imported?: number };
  /** For a CSV: lines holding no record of their own (the header). */
  headerLines?: number;
}

export interface Hostile {
  name: string;
  bytes: Uint8Array;
  /** What the file is and why it is here. */
  about: string;
  expected: Expected;
}

const HEADER = "客户,单据编号,业务日期,价税合计";

function invoiceLines(n: number, delimiter = ","): string[] {
  const lines = [HEADER.split(",").join(delimiter)];
  for (let i = 1; i <= n; i++) {
    const k = String(i).padStart(4, "0");
    lines.push([`客户${k}`, `INV${k}`, "2026-05-01", String(100 + i)].join(delimiter));
  }
  return lines;
}

const text = (s: string) => new TextEncoder().encode(s);

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** An inline-string cell, a number cell. */
const s = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const n = (ref: string, v: string | number) => `<c r="${ref}"><v>${v}</v></c>`;

/** A header row and invoice rows as sheetData. */
function invoiceRows(from: number, count: number, extra: (r: number) => string = () => ""): string {
  const rows = [
    `<row r="1">${s("A1", "客户")}${s("B1", "单据编号")}${s("C1", "业务日期")}${s("D1", "价税合计")}</row>`,
  ];
  for (let i = 0; i < count; i++) {
    const r = i + 2;
    rows.push(
      `<row r="${r}">${s(`A${r}`, `客户${from + i}`)}${s(`B${r}`, `INV${from + i}`)}${n(`C${r}`, 46143)}${n(`D${r}`, 100 + i)}${extra(r)}</row>`,
    );
  }
  return rows.join("");
}

/** A workbook of sheets given as (name, whole sheet XML), with an optional shared-string table. */
function workbook(sheets: { name: string; xml: string }[], sst?: string[]): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${sheets
        .map((sh, i) => `<sheet name="${sh.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_sh, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("")}${
        sst
          ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
          : ""
      }</Relationships>`,
    ),
  };
  if (sst)
    files["xl/sharedStrings.xml"] = strToU8(
      `<sst xmlns="${NS}">${sst.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`,
    );
  sheets.forEach((sh, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sh.xml)));
  return zipSync(files, { level: 6 });
}

const sheet = (data: string) =>
  `<worksheet xmlns="${NS}"><sheetData>${data}</sheetData></worksheet>`;

/** The workbook with one part's declared inflated size in the central directory replaced. */
function claimSize(zip: Uint8Array, part: string, size: number): Uint8Array {
  const z = zip.slice();
  const dv = new DataView(z.buffer, z.byteOffset, z.byteLength);
  const name = strToU8(part);
  for (let i = 0; i + 46 < z.length; i++) {
    if (dv.getUint32(i, true) !== 0x02014b50) continue;
    const len = dv.getUint16(i + 28, true);
    const entry = z.subarray(i + 46, i + 46 + len);
    if (len === name.length && entry.every((b, k) => b === name[k]))
      dv.setUint32(i + 24, size, true);
  }
  return z;
}

export function corpus(): Hostile[] {
  const out: Hostile[] = [];

  const stray = invoiceLines(1000);
  stray[3] = stray[3].replace("客户0003", '"客户0003');
  stray[900] = stray[900].replace("客户0900", '"客户0900"');
  out.push({
    name: "stray-quote.csv",
    about: "1,001 lines, one quote never closed on line 4 (it used to swallow 998 rows)",
    bytes: text(stray.join("\n") + "\n"),
    expected: {
      status: 0,
      rows: { read: 1000, imported: 1000 },
      headerLines: 1,
      problems: [{ code: "file.unbalancedQuote", row: 4 }],
    },
  });

  const utf8 = text(invoiceLines(20).join("\n") + "\n");
  const at = Buffer.from(utf8).indexOf(Buffer.from("INV0007"));
  out.push({
    name: "stray-byte.csv",
    about: "UTF-8 with one 0xFF byte on line 8 (it used to decode as GB18030, every name garbled)",
    bytes: Uint8Array.from([...utf8.subarray(0, at), 0xff, ...utf8.subarray(at)]),
    expected: {
      status: 0,
      rows: { read: 20, imported: 20 },
      headerLines: 1,
      problems: [{ code: "file.badBytes", row: 8 }],
    },
  });

  out.push({
    name: "euro.csv",
    about: "a ;-separated export with the decimal comma: 1.234,56 and 1.234 (a thousand)",
    bytes: text(
      "Customer;Invoice;Invoice date;Amount\nA;R1;2026-05-01;1.234,56\nB;R2;2026-05-02;1.234\nC;R3;2026-05-03;12,5\n",
    ),
    expected: {
      status: 0,
      rows: { read: 3, imported: 3 },
      headerLines: 1,
      problems: [{ code: "column.decimalComma", row: 2 }],
    },
  });

  out.push({
    name: "euro-ambiguous.csv",
    about: "a ;-separated file whose amounts are all like 1.234: thousands or decimals?",
    bytes: text(
      "Customer;Invoice;Invoice date;Amount\nA;R1;2026-05-01;1.234\nB;R2;2026-05-02;2.500\n",
    ),
    expected: {
      status: 0,
      rows: { read: 2 },
      headerLines: 1,
      problems: [{ code: "column.ambiguousDecimal", row: 2 }],
    },
  });

  out.push({
    name: "no-header.csv",
    about: "50 rows and no header a person or ar-desk could recognise",
    bytes: text(Array.from({ length: 50 }, (_v, i) => `x${i},y${i},${i}`).join("\n") + "\n"),
    // Nothing imported is an error (issue 13): exit 2, the one line naming the rows and count.
    expected: { status: 2, message: /no header row found.*rows 1–50 rejected, 50 in all/ },
  });

  out.push({
    name: "duplicate-sheets.xlsx",
    about: "two sheets both named 应收明细 (the first used to be read twice, the second never)",
    bytes: workbook([
      { name: "应收明细", xml: sheet(invoiceRows(1, 3)) },
      { name: "应收明细", xml: sheet(invoiceRows(101, 4)) },
    ]),
    expected: {
      status: 0,
      rows: { read: 7, imported: 7 },
      problems: [{ code: "sheet.duplicateName", row: 1 }],
    },
  });

  const bad = (r: number) =>
    r === 3 ? `<c r="E3" t="s"><v>x1</v></c>` : r === 4 ? n("F4", "0x1F") : "";
  out.push({
    name: "bad-cells.xlsx",
    about:
      "a shared-string index that is not a number, a hex number, and cells at A2000000000 and ZZZZZZ5 (which used to hang)",
    bytes: workbook(
      [
        {
          name: "Sheet1",
          xml: sheet(
            invoiceRows(1, 4, bad).replace(
              '<row r="5">',
              `<row r="5">${n("ZZZZZZ5", 1)}${n("A2000000000", 2)}`,
            ),
          ),
        },
      ],
      ["unused"],
    ),
    expected: {
      status: 0,
      rows: { read: 4, imported: 4 },
      problems: [
        { code: "file.badSharedString", row: 3 },
        { code: "file.badNumber", row: 4 },
        { code: "file.outsideGrid" },
      ],
    },
  });

  const whole = sheet(invoiceRows(1, 10));
  out.push({
    name: "truncated.xlsx",
    about: "a sheet's XML cut off in row 7 (the rows after the cut used to vanish without a word)",
    bytes: workbook([{ name: "Sheet1", xml: whole.slice(0, whole.indexOf('<row r="8">') - 20) }]),
    expected: { status: 0, problems: [{ code: "file.truncated" }] },
  });

  out.push({
    name: "bomb.xlsx",
    about: "a sheet part declaring 4 GB inflated (a zip bomb)",
    bytes: claimSize(
      workbook([{ name: "Sheet1", xml: sheet(invoiceRows(1, 3)) }]),
      "xl/worksheets/sheet1.xml",
      0xfffffff0,
    ),
    expected: { status: 2, message: /zip bomb/ },
  });

  out.push({
    name: "open-ended.csv",
    about: "due dates of 9999-12-31, the ERP placeholder for 'no due date' (crashed --json)",
    bytes: text(
      "客户,单据编号,业务日期,到期日,价税合计,已收金额,结清日期\n" +
        "A,P1,2025-01-01,2025-01-31,100,100,2025-02-10\n" +
        "A,X1,2026-05-01,9999-12-31,100,,\n" +
        "B,X2,2026-05-01,9999-12-30,250,,\n",
    ),
    expected: { status: 0, rows: { read: 3, imported: 3 }, headerLines: 1 },
  });

  out.push({
    name: "terminal-names.csv",
    about: "customer names holding ESC sequences, an OSC 8 link, a bare CR and a C1 CSI",
    bytes: text(
      [
        HEADER,
        '"\u001b[2J\u001b[HClear",INV1,2026-05-01,100',
        '"\u001b]8;;https://evil.example/\u0007Link\u001b]8;;\u0007",INV2,2026-05-01,100',
        '"Over\rTOTAL 0.00",INV3,2026-05-01,100',
        '"C1\u009b2J",INV4,2026-05-01,100',
      ].join("\n") + "\n",
    ),
    // The bare CR sits inside a quoted field: 5 physical lines by CR, 4 records.
    expected: { status: 0, rows: { read: 4, imported: 4 } },
  });

  out.push({
    name: "huge-total.csv",
    about: "five amounts of 20 trillion: the total is past 2^53 minor units",
    bytes: text(
      [HEADER, ...Array.from({ length: 5 }, (_v, i) => `A,${i},2026-05-01,20000000000000`)].join(
        "\n",
      ) + "\n",
    ),
    expected: { status: 2, message: /2\^53/ },
  });

  return out;
}

/** Writes the corpus into `dir`; returns the files' paths by name. */
export function writeCorpus(dir: string): Map<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const h of corpus()) {
    const file = path.join(dir, h.name);
    fs.writeFileSync(file, h.bytes);
    files.set(h.name, file);
  }
  return files;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("usage: tsx test/hostile/make-corpus.ts DIR\n");
    process.exit(2);
  }
  for (const [name, file] of writeCorpus(dir)) process.stdout.write(`${name}\t${file}\n`);
}
