import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvDecimal, spreadsheetCsv, spreadsheetSafeText, type CsvColumn, type CsvValue } from "@/lib/csv/spreadsheet-safe";
import { csvStream } from "@/lib/csv/stream";
import { captureLogs } from "@/test/log-capture";

const HOSTILE = [
  "=1+1",
  "+1",
  "-1",
  "@SUM(A1)",
  "\tx",
  "\rx",
  "\nx",
  '=HYPERLINK("http://evil.example","Click")',
  "=cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "  =1+1",
  "\u00a0+1",
  "\uff1d1+1", // full-width equals sign
  "\uff0b1",
  "\uff0d1",
  "\uff20SUM(A1)",
  "\u3000\uff1d1+1", // ideographic space, then a full-width equals sign
];

describe("spreadsheetSafeText", () => {
  it.each(HOSTILE)("neutralises %j", (cell) => {
    expect(spreadsheetSafeText(cell)).toBe(`'${cell}`);
  });
  it.each(["", "Acme, Inc.", "admin@example.com", "key.create", "1-2", "a=b", "Ōsaka Ltd", "'already quoted", "{\"a\":1}"])("leaves %j alone", (cell) => {
    expect(spreadsheetSafeText(cell)).toBe(cell);
  });
  it("is idempotent", () => {
    for (const cell of HOSTILE) expect(spreadsheetSafeText(spreadsheetSafeText(cell))).toBe(spreadsheetSafeText(cell));
  });
});

describe("CsvDecimal", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [1250, "12.50"],
    [-1250, "-12.50"],
    [-7, "-0.07"],
    [123456789012, "1234567890.12"],
  ])("%i cents is %s", (cents, text) => {
    expect(CsvDecimal.fromCents(cents).text).toBe(text);
  });
  it("refuses anything but whole cents", () => {
    expect(() => CsvDecimal.fromCents(1.5)).toThrow();
    expect(() => CsvDecimal.fromCents(Number.NaN)).toThrow();
  });
});

type Key = "name" | "requests" | "amount" | "note";
const columns: CsvColumn<Key>[] = [
  { key: "name", header: "customer" },
  { key: "requests", header: "requests" },
  { key: "amount", header: "amount" },
  { key: "note", header: "note" },
];

describe("spreadsheetCsv", () => {
  it("quotes text, keeps numbers and money numeric, and neutralises formulas in text only", () => {
    const csv = spreadsheetCsv(
      columns,
      [
        { name: "=HYPERLINK(\"http://evil.example\")", requests: 1200, amount: CsvDecimal.fromCents(-1250), note: "-5" },
        { name: "Comma, Inc.", requests: 0, amount: CsvDecimal.fromCents(9900), note: 'He said "hi"\nthen left' },
        { name: "Plain", requests: 12n, amount: null, note: undefined },
      ],
      { header: true },
    );
    expect(csv.startsWith("\ufeffcustomer,requests,amount,note\r\n")).toBe(true);
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"")",1200,-12.50,"\'-5"\r\n');
    expect(csv).toContain('"Comma, Inc.",0,99.00,"He said ""hi""\nthen left"\r\n');
    expect(csv).toContain('"Plain",12,,\r\n');
    const records = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toEqual([
      { customer: "'=HYPERLINK(\"http://evil.example\")", requests: "1200", amount: "-12.50", note: "'-5" },
      { customer: "Comma, Inc.", requests: "0", amount: "99.00", note: 'He said "hi"\nthen left' },
      { customer: "Plain", requests: "12", amount: "", note: "" },
    ]);
  });

  it("neutralises every hostile text cell", () => {
    const csv = spreadsheetCsv(columns, HOSTILE.map((name) => ({ name, requests: 1, amount: null, note: name })), { header: false });
    const rows = parse(csv, { relax_column_count: false }) as string[][];
    expect(rows.map((r) => r[0])).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(rows.map((r) => r[3])).toEqual(HOSTILE.map((h) => `'${h}`));
  });

  it("refuses values that are not cells (an object would otherwise be written as raw JSON)", () => {
    const bad = { name: "x", requests: 1, amount: null, note: null } as Record<Key, CsvValue>;
    expect(() => spreadsheetCsv(columns, [{ ...bad, requests: Number.POSITIVE_INFINITY }], { header: false })).toThrow();
  });
});

describe("csvStream", () => {
  async function* batchesOf(...batches: Record<Key, CsvValue>[][]) {
    for (const batch of batches) yield batch;
  }
  const row = (name: string): Record<Key, CsvValue> => ({ name, requests: 1, amount: CsvDecimal.fromCents(100), note: null });

  it("is the header alone when there are no records", async () => {
    const bytes = new Uint8Array(await new Response(csvStream(columns, batchesOf(), "test")).arrayBuffer());
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe("\ufeffcustomer,requests,amount,note\r\n");
  });

  it("writes the batches in order, one chunk per batch", async () => {
    const chunks: string[] = [];
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const reader = csvStream(columns, batchesOf([row("a"), row("b")], [], [row("@c")]), "test").getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(decoder.decode(next.value));
    expect(chunks).toEqual(["\ufeffcustomer,requests,amount,note\r\n", '"a",1,1.00,\r\n"b",1,1.00,\r\n', '"\'@c",1,1.00,\r\n']);
  });

  it("reads a batch only when the reader asks, and stops the source when the reader cancels", async () => {
    let produced = 0;
    let finished = false;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          produced++;
          yield [row(`r${i}`)];
        }
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(columns, source(), "test").getReader();
    await reader.read(); // the header
    await reader.read(); // batch 1
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(produced).toBeLessThanOrEqual(2); // batch 1, and at most one more queued ahead
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("errors the stream (a cut-off download, not a complete-looking file) when the source fails", async () => {
    async function* failing() {
      yield [row("a")];
      throw new Error("database went away");
    }
    const logs = captureLogs();
    try {
      await expect(new Response(csvStream(columns, failing(), "test")).text()).rejects.toThrow();
    } finally {
      logs.restore();
    }
    expect(logs.lines).toEqual([expect.objectContaining({ level: "error", export: "test", err: { name: "Error", message: "database went away" } })]);
  });
});
