import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { revealKey } from "@/lib/keys/reveal-key";
import { newCustomer } from "@/test/fixtures";

describe("the portal's database", () => {
  it("contains no API key value anywhere, after keys are created and revealed", async () => {
    const customer = await newCustomer("premium");
    const values: string[] = [];
    for (const name of ["one", "two", "three"]) {
      const key = await createKey(customer, { name });
      if (!key.ok) throw new Error(key.error.message);
      if (!key.data.value) throw new Error("the key value was not returned");
      values.push(key.data.value);
      await revealKey(customer, key.data.id);
    }
    // Dump every table of the schema, as pg_dump would, and search the text.
    const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(["ApiKey", "AuditLog", "User", "Customer"]));
    let dump = "";
    for (const { tablename } of tables) {
      const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT row_to_json(t)::text AS row FROM "${tablename.replace(/"/g, "")}" t`);
      dump += JSON.stringify(rows);
    }
    expect(dump).toContain(values[0]?.slice(-4)); // the last four are kept, as designed
    for (const value of values) expect(dump).not.toContain(value);
  });
});
