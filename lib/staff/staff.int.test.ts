import { describe, expect, it } from "vitest";
import { resetPassword } from "@/lib/account/password-reset";
import { db } from "@/lib/db";
import { flushMail } from "@/lib/mail/send-mail";
import { changeStaffRole, inviteStaff, listStaff, removeStaff } from "@/lib/staff/staff";
import { newCustomer, newStaff } from "@/test/fixtures";
import { outboxMailsTo, testOutbox } from "@/test/outbox";

const mailDir = testOutbox("staff");

const unique = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
const audited = async (targetId: string) => (await db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } })).map((a) => a.action);

describe("staff management", () => {
  it("is for admins only", async () => {
    const billing = await newStaff("BILLING");
    const customer = await newCustomer();
    for (const who of [billing, customer]) {
      for (const r of [await listStaff(who), await inviteStaff(who, { email: unique("x"), name: "X", role: "ADMIN" }), await changeStaffRole(who, billing.userId, { role: "ADMIN" }), await removeStaff(who, billing.userId)]) {
        expect(r.ok ? "" : r.error.code).toBe("forbidden");
      }
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: billing.userId } })).role).toBe("BILLING");
  });

  it("invites a new billing user with a set-password link that works once, audited", async () => {
    const admin = await newStaff("ADMIN");
    const email = unique("billing");
    const invited = await inviteStaff(admin, { email: email.toUpperCase(), name: "Bea Billing", role: "BILLING" });
    if (!invited.ok) throw new Error(invited.error.message);
    expect(invited.data.kind).toBe("invited");
    await flushMail();
    const mails = outboxMailsTo(mailDir, email);
    expect(mails).toHaveLength(1);
    const token = /token=([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? "")?.[1] ?? "";
    expect(token).toHaveLength(43);
    const listed = await listStaff(admin);
    expect(listed.ok && listed.data.find((s) => s.email === email)).toMatchObject({ role: "BILLING", invited: true });

    const set = await resetPassword({ token, password: "Ledger-Quartz-7731-Orbit", confirmPassword: "Ledger-Quartz-7731-Orbit" });
    expect(set.ok ? "" : JSON.stringify(set.error)).toBe("");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("BILLING");
    expect(user.passwordHash).not.toBeNull();
    expect(await audited(user.id)).toEqual(["staff.invite", "account.password_reset"]);
  });

  it("refuses a customer's e-mail and an existing staff member's, with the message on the e-mail field", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer();
    const asCustomer = await inviteStaff(admin, { email: customer.email, name: "C", role: "ADMIN" });
    expect(asCustomer.ok ? "" : asCustomer.error.fieldErrors?.email?.[0]).toMatch(/belongs to a customer/);
    const other = await newStaff("BILLING");
    const asStaff = await inviteStaff(admin, { email: other.email, name: "O", role: "ADMIN" });
    expect(asStaff.ok ? "" : asStaff.error.fieldErrors?.email?.[0]).toMatch(/already staff/);
    const bad = await inviteStaff(admin, { email: "not-an-email", name: "", role: "OWNER" });
    expect(bad.ok ? [] : Object.keys(bad.error.fieldErrors ?? {}).sort()).toEqual(["email", "name", "role"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: customer.userId } })).role).toBe("CUSTOMER");
  });

  it("promotes a user without a customer, changes roles, and never demotes or removes the last admin or oneself", async () => {
    const admin = await newStaff("ADMIN");
    const loner = await db.user.create({ data: { email: unique("loner"), name: "Loner", role: "CUSTOMER" } });
    const promoted = await inviteStaff(admin, { email: loner.email, name: "ignored", role: "ADMIN" });
    expect(promoted.ok && promoted.data.kind).toBe("promoted");
    expect((await db.user.findUniqueOrThrow({ where: { id: loner.id } })).role).toBe("ADMIN");

    const self = await changeStaffRole(admin, admin.userId, { role: "BILLING" });
    expect(self.ok ? "" : self.error.message).toMatch(/your own role/);
    const selfRemove = await removeStaff(admin, admin.userId);
    expect(selfRemove.ok ? "" : selfRemove.error.message).toMatch(/remove yourself/);

    const demoted = await changeStaffRole(admin, loner.id, { role: "BILLING" });
    expect(demoted.ok).toBe(true);
    const badRole = await changeStaffRole(admin, loner.id, { role: "CUSTOMER" });
    expect(badRole.ok ? "" : badRole.error.code).toBe("invalid");

    // Make `admin` the only admin, then let another admin try to demote it: refused.
    const others = await db.user.findMany({ where: { role: "ADMIN", id: { not: admin.userId } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "BILLING" } });
    try {
      const second = await newStaff("BILLING");
      const last = await changeStaffRole({ ...second, role: "ADMIN" }, admin.userId, { role: "BILLING" });
      expect(last.ok ? "" : last.error.message).toMatch(/last admin/);
      const lastRemove = await removeStaff({ ...second, role: "ADMIN" }, admin.userId);
      expect(lastRemove.ok ? "" : lastRemove.error.message).toMatch(/last admin/);
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "ADMIN" } });
    }

    const removed = await removeStaff(admin, loner.id);
    expect(removed.ok).toBe(true);
    expect(await db.user.findUnique({ where: { id: loner.id } })).toBeNull();
    expect(await audited(loner.id)).toEqual(["staff.invite", "staff.change_role", "staff.remove"]);
  });
});
