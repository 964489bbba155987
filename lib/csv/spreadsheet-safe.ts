// CSV that is safe to open in a spreadsheet: the one home of the cell rule every Gatehouse CSV export uses (the
// audit log, the billing report, daily usage). Pure: no server imports, so it is unit-tested directly.
//
// The rule (OWASP "CSV injection"):
// - Every TEXT cell that a spreadsheet could read as a formula gets a leading apostrophe, so Excel, LibreOffice and
//   Google Sheets show it as text instead of evaluating it. That is a cell starting with = + - @ (or their full-width
//   forms ＝ ＋ － ＠, which some East Asian spreadsheet locales also accept as a formula start), a cell starting
//   with a tab, carriage return or line feed, and one of those characters after leading spaces (some importers trim
//   spaces first). Names, companies, key names, e-mails and ids are user input: they all go through it.
// - NUMERIC cells are never prefixed, so sums and sorting keep working: they are emitted as JS numbers (or bigints),
//   or as a CsvDecimal for money (a fixed-decimal literal such as -12.50, built only from an integer number of
//   cents). A plain number literal, even a negative one, is a number to a spreadsheet, not a formula. The type of the
//   value decides: a string that happens to look like "-5" is text and is prefixed.
// - csv-stringify does the quoting (RFC 4180): every text cell is quoted, inner quotes doubled, commas and line
//   breaks kept inside the quotes; records end with CRLF.
// - The file starts with a UTF-8 byte-order mark: without it Excel reads a CSV in the machine's legacy code page and
//   "Müller" comes out as "MÃ¼ller". Sheets, LibreOffice and csv-parse ({ bom: true }) skip it.
import type { Options } from "csv-stringify";
import { stringify } from "csv-stringify/sync";

const FORMULA_START = /^(?:[\t\r\n]|[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;

/** A text cell as a spreadsheet will show it: a leading apostrophe when it could start a formula. Idempotent. */
export function spreadsheetSafeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A money amount for a CSV cell: decimal currency with two decimals ("-12.50"), always a number to a spreadsheet. */
export class CsvDecimal {
  readonly text: string;
  private constructor(text: string) {
    this.text = text;
  }
  /** From integer cents (the portal's unit for money). */
  static fromCents(cents: number | bigint): CsvDecimal {
    const value = BigInt(cents);
    if (typeof cents === "number" && !Number.isSafeInteger(cents)) throw new RangeError(`Not a whole number of cents: ${cents}`);
    const negative = value < 0n;
    const abs = negative ? -value : value;
    return new CsvDecimal(`${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`);
  }
}

/** What a CSV record may hold: text (made safe), numbers (kept numeric), money, a UTC day or nothing. */
export type CsvValue = string | number | bigint | CsvDecimal | null | undefined;

export interface CsvColumn<K extends string = string> {
  key: K;
  header: string;
}

/**
 * csv-stringify options for every Gatehouse export (header, BOM and columns are added by the caller): text cells
 * neutralised and quoted, numbers left numeric, money as CsvDecimal, dates as ISO 8601 UTC, CRLF line ends.
 */
export const spreadsheetCsvOptions = {
  quoted_string: true,
  record_delimiter: "windows",
  cast: {
    string: (value: string) => spreadsheetSafeText(value),
    number: (value: number) => {
      if (!Number.isFinite(value)) throw new RangeError("A CSV number must be finite.");
      return String(value);
    },
    bigint: (value: bigint) => value.toString(),
    boolean: (value: boolean) => (value ? "true" : "false"),
    date: (value: Date) => value.toISOString(),
    object: (value: object) => {
      if (value instanceof CsvDecimal) return value.text;
      // Anything else is a programming error: it would otherwise end up as unneutralised JSON.
      throw new TypeError("Only text, numbers, dates and CsvDecimal go into a CSV cell.");
    },
  },
} satisfies Options;

/**
 * Records as CSV text with the spreadsheet-safe rule. With `header`, the text starts with the BOM and the header line
 * (plain snake_case names, written unquoted so the file reads cleanly; they are constants, not input).
 */
export function spreadsheetCsv<K extends string>(columns: readonly CsvColumn<K>[], records: readonly Record<K, CsvValue>[], { header }: { header: boolean }): string {
  const body = records.length === 0 ? "" : stringify([...records], { ...spreadsheetCsvOptions, columns: columns.map(({ key }) => key), header: false });
  if (!header) return body;
  for (const { header: name } of columns) if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new TypeError(`A CSV header must be snake_case: ${name}`);
  return `\ufeff${columns.map((c) => c.header).join(",")}\r\n${body}`;
}
