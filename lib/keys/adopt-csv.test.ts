import { describe, expect, it } from "vitest";
import { parseImportCsv } from "@/lib/keys/adopt-csv";

const v = (n: number) => `existing-key-value-${String(n).padStart(4, "0")}-xyz`;

describe("parseImportCsv", () => {
  it("reads rows with headers in any case and order, quoted cells, a BOM and CRLF; Enabled defaults to true", () => {
    const parsed = parseImportCsv(`\uFEFFcustomer,KEY,Name,enabled,Notes\r\nAda@Example.com,${v(1)},"Ada's key, prod",FALSE,x\r\nbob@example.com,${v(2)},Bob,,\r\n`);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, name: "Ada's key, prod", value: v(1), enabled: false, email: "ada@example.com" },
        { line: 3, name: "Bob", value: v(2), enabled: true, email: "bob@example.com" },
      ],
    });
  });

  it("names every bad row and what is wrong with it, and imports nothing", () => {
    const parsed = parseImportCsv(
      [`Name,Key,Customer,Enabled`, `ok,${v(1)},a@example.com,`, `short,tooshort,a@example.com,`, `,${v(3)},not-an-email,maybe`, `dup,${v(1)},a@example.com,`, `<b>,${v(5)},a@example.com,`].join("\n"),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(parsed.problems[0]?.message).toMatch(/Key must be 20 to 128/);
    expect(parsed.problems[1]?.message).toMatch(/Name: Enter a key name\. Customer: Enter a valid e-mail.*Enabled must be true or false/);
    expect(parsed.problems[2]?.message).toBe("Key is the same as on line 2.");
    expect(parsed.problems[3]?.message).toMatch(/Remove the characters < and >/);
  });

  it("refuses a file that is not CSV, has no required columns, no rows or too many", () => {
    expect(parseImportCsv(`Name,Key,Customer\n"unclosed,${v(1)},a@example.com\n`)).toMatchObject({ ok: false, problems: [{ message: /not valid CSV/ }] });
    expect(parseImportCsv(`Name,Key\na,${v(1)}\n`)).toMatchObject({ ok: false, problems: [{ line: 1, message: /needs the column Customer/ }] });
    expect(parseImportCsv("")).toMatchObject({ ok: false, problems: [{ message: "The file is empty." }] });
    expect(parseImportCsv("Name,Key,Customer\n")).toMatchObject({ ok: false, problems: [{ line: 2 }] });
    const many = ["Name,Key,Customer", ...Array.from({ length: 501 }, (_, i) => `k${i},${v(i)},a@example.com`)].join("\n");
    expect(parseImportCsv(many)).toMatchObject({ ok: false, problems: [{ message: "At most 500 keys per file." }] });
  });
});
