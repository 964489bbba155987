import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { newStaff } from "@/test/fixtures";

// The audit log is append-only in the database itself (triggers of migration 20261203160000_records), whatever
// client writes to it: Prisma, raw SQL, a psql session. Runs against PGlite and against PostgreSQL (DATABASE_URL).

async function entry(targetId = randomUUID()) {
  await db.$transaction((tx) => recordAudit(tx, { actor: null, action: "key.reconciled_missing", target: { type: "api_key", id: targetId } }));
  return db.auditLog.findFirstOrThrow({ where: { targetId } });
}

const refused = /append-only/;

describe("the audit log is append-only", () => {
  it("accepts new entries and refuses UPDATE, DELETE and TRUNCATE from any client", async () => {
    const row = await entry();
    await expect(db.auditLog.update({ where: { id: row.id }, data: { outcome: "failure" } })).rejects.toThrow(refused);
    await expect(db.auditLog.updateMany({ where: { id: row.id }, data: { meta: { forged: true } } })).rejects.toThrow(refused);
    await expect(db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(refused);
    await expect(db.auditLog.deleteMany({})).rejects.toThrow(refused);
    await expect(db.$executeRawUnsafe(`UPDATE "AuditLog" SET "action" = 'nothing' WHERE id = $1`, row.id)).rejects.toThrow(refused);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = $1`, row.id)).rejects.toThrow(refused);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(refused);
    // Even a statement that matches no row is refused: nobody gets to try.
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE id = 'no-such-entry'`)).rejects.toThrow(refused);
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    // A refused change inside a transaction rolls the whole transaction back.
    const other = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { actor: null, action: "key.reconciled_missing", target: { type: "api_key", id: other } });
        await tx.auditLog.deleteMany({ where: { id: row.id } });
      }),
    ).rejects.toThrow(refused);
    expect(await db.auditLog.count({ where: { targetId: other } })).toBe(0);
  });

  it("deleting a user still works and leaves that user's entries exactly as they were", async () => {
    const staff = await newStaff("ADMIN");
    const targetId = randomUUID();
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: { userId: staff.userId, email: staff.email, role: staff.role }, action: "operation.reconcile", target: { type: "reconcile", id: targetId } }),
    );
    const before = await db.auditLog.findFirstOrThrow({ where: { targetId } });
    await db.user.delete({ where: { id: staff.userId } });
    expect(await db.user.findUnique({ where: { id: staff.userId } })).toBeNull();
    const after = await db.auditLog.findFirstOrThrow({ where: { targetId } });
    expect(after).toEqual(before);
    expect([after.actorId, after.actorEmail, after.actorRole]).toEqual([staff.userId, staff.email, "ADMIN"]);
  });
});
