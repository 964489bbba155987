import { parse } from "csv-parse/sync";
import { z } from "zod";
import { customerEmailSchema, MAX_IMPORT_ROWS } from "@/lib/keys/adopt.schema";
import { plainText } from "@/lib/validation/text";

// The import file, checked before anything is written or sent to AWS (pure: unit-tested, usable anywhere).
//
// Columns (header row, names case-insensitive, any order; others ignored): Name, Key and Customer (the e-mail of the
// customer the key goes to: a user of an existing customer, or a new customer invited by e-mail) are required;
// Enabled (true/false, default true) is optional. It is AWS's API key file format plus the Customer column.

export interface ImportRow {
  /** Line in the file (the header is line 1). */
  line: number;
  name: string;
  value: string;
  enabled: boolean;
  email: string;
}

export interface RowProblem {
  line: number;
  message: string;
}

export type ParsedImport = { ok: true; rows: ImportRow[] } | { ok: false; problems: RowProblem[] };

const nameSchema = plainText("a key name", { max: 64 });
const KEY_VALUE = /^[\x21-\x7e]{20,128}$/;
const REQUIRED = ["name", "key", "customer"] as const;

const firstMessage = (error: z.ZodError) => error.issues[0]?.message ?? "is not valid";

export function parseImportCsv(text: string): ParsedImport {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, message: "The file is not valid CSV (check the quotes on this line)." }] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [{ line: 1, message: "The file is empty." }] };
  const column = new Map<string, number>();
  header.forEach((title, index) => {
    const key = title.trim().toLowerCase();
    if (!column.has(key)) column.set(key, index);
  });
  const missing = REQUIRED.filter((c) => !column.has(c));
  if (missing.length > 0) {
    const names = missing.map((c) => c[0]?.toUpperCase() + c.slice(1));
    return { ok: false, problems: [{ line: 1, message: `The header row needs the column${names.length > 1 ? "s" : ""} ${names.join(", ")} (Name, Key, Customer; Enabled optional).` }] };
  }
  if (body.length === 0) return { ok: false, problems: [{ line: 2, message: "The file has no keys below its header row." }] };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problems: [{ line: MAX_IMPORT_ROWS + 2, message: `At most ${MAX_IMPORT_ROWS} keys per file.` }] };

  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, index) => {
    const line = index + 2;
    const cell = (c: string) => cells[column.get(c) ?? -1] ?? "";
    const rowProblems: string[] = [];
    const value = cell("key");
    if (!KEY_VALUE.test(value)) rowProblems.push("Key must be 20 to 128 visible ASCII characters, without spaces.");
    else if (seen.has(value)) rowProblems.push(`Key is the same as on line ${seen.get(value)}.`);
    const name = nameSchema.safeParse(cell("name"));
    if (!name.success) rowProblems.push(`Name: ${firstMessage(name.error)}`);
    const email = customerEmailSchema.safeParse(cell("customer"));
    if (!email.success) rowProblems.push(`Customer: ${firstMessage(email.error)}`);
    const enabledText = cell("enabled").toLowerCase();
    if (!["", "true", "false"].includes(enabledText)) rowProblems.push("Enabled must be true or false.");
    if (rowProblems.length > 0 || !name.success || !email.success) {
      problems.push({ line, message: rowProblems.join(" ") });
      return;
    }
    seen.set(value, line);
    rows.push({ line, name: name.data, value, enabled: enabledText !== "false", email: email.data });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
