/**
 * Which sheets of a book are receivables to import, for every face that opens whole books (the
 * CLI's files; the pane lets the user choose, with the same detection): a named sheet; else
 * every sheet whose header row names customer, amount and date columns (`detectHeader`), as
 * invoices, payments or customers; a CSV's only sheet as it is. A book given as one kind
 * (`--payments`, `--customers`) contributes the sheets that look like that kind, or its only one.
 */
import type { SheetKind } from "../sheet/fields";
import type { Book } from "../sheet/grid";
import { detectHeader } from "../sheet/headers";
import type { GridInput } from "../sheet/import";

export interface SourceChoice {
  /** Only this sheet (a workbook's sheet name). */
  sheet?: string | null;
  /** Every sheet is of this kind (a payments or customers file). */
  kind?: SheetKind;
}

/** The book's sheets to import; [] when none looks like receivables (the face says so). */
export function sourcesOf(book: Book, choice: SourceChoice = {}): GridInput[] {
  const { kind, sheet } = choice;
  const at = (grid: GridInput["grid"]): GridInput => ({
    grid,
    ...(kind ? { kind } : {}),
    date1904: book.date1904,
  });
  if (book.sheetNames.length === 0) return [at(book.read(null))];
  if (sheet) return [at(book.read(sheet))];
  const out: GridInput[] = [];
  for (const name of book.sheetNames) {
    const grid = book.read(name);
    if (kind && book.sheetNames.length === 1) out.push(at(grid));
    else if (detectHeader(grid, kind)) out.push(at(grid));
  }
  return out;
}
