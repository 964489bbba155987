import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { exportAuditCsv } from "@/lib/audit/export";
import { emptyAuditFilters, type AuditFilters } from "@/lib/audit/filter-schema";
import { listAuditEntries } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { decodeCursor } from "@/lib/validation/keyset";
import { newCustomer, newStaff } from "@/test/fixtures";

const filters = (f: Partial<AuditFilters>): AuditFilters => ({ ...emptyAuditFilters, ...f });

describe("the admin's audit log", () => {
  it("filters by actor, action, customer and date and pages by keyset without gaps or repeats", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer();
    const who = { userId: admin.userId, email: admin.email, role: admin.role };
    const tag = randomUUID();
    for (let i = 0; i < 7; i++) {
      await db.$transaction((tx) =>
        recordAudit(tx, { actor: who, action: "user.end_sessions", target: { type: "user", id: `${tag}-${i}` }, customerId: customer.customerId }),
      );
    }

    const byActor = await listAuditEntries(admin, filters({ actor: admin.email.toUpperCase() }), { pageSize: 3 });
    if (!byActor.ok) throw new Error(byActor.error.message);
    expect(byActor.data.rows).toHaveLength(3);
    expect(byActor.data.newer).toBeNull();
    const seen = byActor.data.rows.map((r) => r.targetId);
    let cursor = byActor.data.older;
    while (cursor) {
      const next = await listAuditEntries(admin, filters({ actor: admin.email }), { pageSize: 3, before: decodeCursor(cursor) });
      if (!next.ok) throw new Error(next.error.message);
      expect(next.data.newer).not.toBeNull();
      seen.push(...next.data.rows.map((r) => r.targetId));
      cursor = next.data.older;
    }
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `${tag}-${i}`));

    // Back to newer pages from the oldest one.
    const oldest = await listAuditEntries(admin, filters({ actor: admin.email }), { pageSize: 3, before: decodeCursor(byActor.data.older) });
    if (!oldest.ok) throw new Error(oldest.error.message);
    const newer = await listAuditEntries(admin, filters({ actor: admin.email }), { pageSize: 3, after: decodeCursor(oldest.data.newer) });
    if (!newer.ok) throw new Error(newer.error.message);
    expect(newer.data.rows.map((r) => r.targetId)).toEqual(byActor.data.rows.map((r) => r.targetId));

    const byCustomer = await listAuditEntries(admin, filters({ customer: customer.customerId, action: "user.end_sessions" }));
    expect(byCustomer.ok && byCustomer.data.rows.map((r) => r.customerName)).toEqual(Array(7).fill("Test Customer"));
    const byEmail = await listAuditEntries(admin, filters({ customer: customer.email, action: "customer.sign_up" }));
    expect(byEmail.ok && byEmail.data.rows.map((r) => r.customerId)).toEqual([customer.customerId]);
    const wildcard = await listAuditEntries(admin, filters({ customer: "%" }));
    // "%" is a literal: only customers with a "%" in their name match (other tests make such names), never all.
    if (!wildcard.ok) throw new Error(wildcard.error.message);
    for (const row of wildcard.data.rows) expect(row.customerName).toContain("%");

    const today = new Date().toISOString().slice(0, 10);
    const inRange = await listAuditEntries(admin, filters({ actor: admin.email, from: today, to: today }));
    expect(inRange.ok && inRange.data.rows).toHaveLength(7);
    const past = await listAuditEntries(admin, filters({ actor: admin.email, from: "2020-01-01", to: "2020-12-31" }));
    expect(past.ok && past.data.rows).toEqual([]);
  });

  it("is for admins only", async () => {
    for (const actor of [null, await newCustomer(), await newStaff("BILLING")]) {
      expect((await listAuditEntries(actor, emptyAuditFilters)).ok).toBe(false);
      expect((await exportAuditCsv(actor, emptyAuditFilters)).ok).toBe(false);
    }
  });

  it("exports the filtered entries as CSV, streamed, with formula cells neutralised, and audits the export", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer();
    for (const targetId of ["=HYPERLINK(\"http://evil.example\")", "+1+1", "-2", "@SUM(A1)", "\tindented", "plain, with comma"]) {
      await db.$transaction((tx) => recordAudit(tx, { actor: null, action: "key.reconciled_missing", target: { type: "api_key", id: targetId }, customerId: customer.customerId }));
    }
    const result = await exportAuditCsv(admin, filters({ customer: customer.customerId, action: "key.reconciled_missing" }));
    if (!result.ok) throw new Error(result.error.message);
    const bytes = Buffer.from(await new Response(result.data).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for spreadsheets
    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual(["time_utc", "action", "outcome", "actor_email", "actor_role", "actor_id", "target_type", "target_id", "customer_id", "meta", "entry_id"]);
    expect(records.map((r) => r.target_id)).toEqual(["plain, with comma", "'\tindented", "'@SUM(A1)", "'-2", "'+1+1", "'=HYPERLINK(\"http://evil.example\")"]);
    for (const r of records) expect(r.target_id).not.toMatch(/^[=+\-@\t\r]/);

    const audited = await db.auditLog.findFirstOrThrow({ where: { action: "audit.export", actorId: admin.userId } });
    expect(audited.meta).toEqual({ filters: { customer: customer.customerId, action: "key.reconciled_missing" } });
  });

  it("streams a large export in batches", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer();
    await db.auditLog.createMany({
      data: Array.from({ length: 1234 }, (_, i) => ({ action: "key.reconciled_missing", targetType: "api_key", targetId: `bulk-${i}`, customerId: customer.customerId })),
    });
    const result = await exportAuditCsv(admin, filters({ customer: customer.customerId, action: "key.reconciled_missing" }));
    if (!result.ok) throw new Error(result.error.message);
    const records = parse(Buffer.from(await new Response(result.data).arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1234);
    expect(new Set(records.map((r) => r.entry_id)).size).toBe(1234);
  });
});
