import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashResetToken } from "@/lib/account/password-reset";
import { endSessionsIn } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { changeStaffRoleSchema, inviteStaffSchema, staffChangeRefusal, type StaffRole } from "@/lib/customers/admin-schemas";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import { sendMail } from "@/lib/mail/send-mail";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { INVITE_TTL_MS, inviteMail } from "@/lib/staff/invite-mail";
import { invalidInput } from "@/lib/validation/field-errors";
import { idSchema } from "@/lib/validation/id";
import { errorFields, logger } from "@/lib/observability/log";

// The portal's staff (admins and billing) as admins manage them. Every change is audited in its transaction;
// nobody changes or removes themselves, and the last admin stays an admin (checked with the admins locked).

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  createdAt: Date;
  lastSignInAt: Date | null;
  /** Invited and has not chosen a password yet. */
  invited: boolean;
  isYou: boolean;
}

export async function listStaff(actor: Actor | null): Promise<Result<StaffMember[]>> {
  const allowed = authorize(actor, "staff.list");
  if (!allowed.ok) return allowed;
  const users = await db.user.findMany({
    where: { role: { in: ["ADMIN", "BILLING"] } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, createdAt: true, lastSignInAt: true, passwordHash: true, _count: { select: { accounts: true } } },
  });
  return ok(
    users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role as StaffRole,
      createdAt: u.createdAt,
      lastSignInAt: u.lastSignInAt,
      invited: u.passwordHash === null && u._count.accounts === 0 && u.lastSignInAt === null,
      isYou: u.id === actor?.userId,
    })),
  );
}

const fieldError = (field: string, message: string) =>
  invalidInput(new z.ZodError([{ code: "custom", path: [field], message, input: undefined }]));

async function issueInviteToken(tx: Prisma.TransactionClient, userId: string): Promise<string> {
  const now = new Date();
  await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  const token = randomBytes(32).toString("base64url");
  await tx.passwordResetToken.create({ data: { userId, tokenHash: hashResetToken(token), createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) } });
  return token;
}

export interface Invited {
  userId: string;
  /** "invited": a new user was sent a set-password link; "promoted": an existing user without a customer became staff. */
  kind: "invited" | "promoted";
  message: string;
}

/**
 * Invites a new admin or billing user by e-mail (a set-password link, the password-reset machinery with a 72-hour
 * link), or promotes an existing user who has no customer. A customer's user cannot become staff: a person is
 * either a customer or staff.
 */
export async function inviteStaff(actor: Actor | null, input: unknown): Promise<Result<Invited>> {
  const allowed = authorize(actor, "staff.invite");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const parsed = inviteStaffSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { email, name, role } = parsed.data;
  const label = role === "ADMIN" ? "an admin" : "billing staff";

  const result = await db.$transaction(async (tx): Promise<Result<Invited & { token: string | null }>> => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, customerId: true, passwordHash: true, lastSignInAt: true } });
    if (existing?.customerId) return fieldError("email", "That e-mail belongs to a customer's user. Staff need an address of their own.");
    if (existing && existing.role !== "CUSTOMER") {
      if (existing.passwordHash !== null || existing.lastSignInAt !== null) return fieldError("email", `${email} is already staff. Change their role in the list instead.`);
      // Invited before and never signed in: a new link replaces the old one (the role stays as the list shows it).
      const token = await issueInviteToken(tx, existing.id);
      await recordAudit(tx, { actor, action: "staff.invite", target: { type: "user", id: existing.id }, meta: { role: existing.role, resent: true } });
      return ok({ userId: existing.id, kind: "invited", token, message: `A new invitation was sent to ${email}. The link works for 72 hours.` });
    }
    if (existing) {
      await tx.user.update({ where: { id: existing.id }, data: { role } });
      await endSessionsIn(tx, existing.id, { reason: "admin" });
      await recordAudit(tx, { actor, action: "staff.invite", target: { type: "user", id: existing.id }, meta: { role, promoted: true } });
      return ok({ userId: existing.id, kind: "promoted", token: null, message: `${email} is now ${label}. They sign in with their existing password.` });
    }
    const user = await tx.user.create({ data: { email, name, role, passwordHash: null } });
    const token = await issueInviteToken(tx, user.id);
    await recordAudit(tx, { actor, action: "staff.invite", target: { type: "user", id: user.id }, meta: { role, promoted: false } });
    return ok({ userId: user.id, kind: "invited", token, message: `Invitation sent to ${email} as ${label}. The link works for 72 hours.` });
  });
  if (!result.ok) return result;
  const { token, ...invited } = result.data;
  if (token) {
    try {
      await sendMail(inviteMail(email, token, role === "ADMIN" ? "ADMIN" : "BILLING"));
    } catch (error) {
      logger("staff.invite").error(errorFields(error), "sending the invitation failed");
      return ok({ ...invited, message: `${email} was added as ${label}, but the invitation e-mail could not be sent. Invite the same address again once mail works.` });
    }
  }
  return ok(invited);
}

/** Locks the admins' rows and counts them, so two concurrent demotions cannot leave no admin. */
async function lockedAdminCount(tx: Prisma.TransactionClient): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE role = 'ADMIN' FOR UPDATE`;
  return rows.length;
}

async function loadStaff(tx: Prisma.TransactionClient, userId: string) {
  return tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, customerId: true } });
}

export async function changeStaffRole(actor: Actor | null, userId: unknown, input: unknown): Promise<Result<{ message: string }>> {
  const allowed = authorize(actor, "staff.change_role");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const id = idSchema.safeParse(userId);
  if (!id.success) return fail("not_found", "That staff member does not exist.");
  const parsed = changeStaffRoleSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { role } = parsed.data;
  return db.$transaction(async (tx) => {
    const adminCount = await lockedAdminCount(tx);
    const user = await loadStaff(tx, id.data);
    if (!user || user.customerId) return fail("not_found", "That staff member does not exist.");
    const refusal = staffChangeRefusal({ actorId: actor.userId, targetId: user.id, targetRole: user.role, newRole: role, adminCount });
    if (refusal) return fail("conflict", refusal);
    if (user.role === role) return ok({ message: `${user.email} already has that role.` });
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordAudit(tx, { actor, action: "staff.change_role", target: { type: "user", id: user.id }, meta: { from: user.role, to: role } });
    return ok({ message: `${user.email} is now ${role === "ADMIN" ? "an admin" : "billing staff"}.` });
  });
}

/** Removes a staff member: their user is deleted (sessions and links with it); audit entries keep their e-mail. */
export async function removeStaff(actor: Actor | null, userId: unknown): Promise<Result<{ message: string }>> {
  const allowed = authorize(actor, "staff.remove");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const id = idSchema.safeParse(userId);
  if (!id.success) return fail("not_found", "That staff member does not exist.");
  return db.$transaction(async (tx) => {
    const adminCount = await lockedAdminCount(tx);
    const user = await loadStaff(tx, id.data);
    if (!user || user.customerId) return fail("not_found", "That staff member does not exist.");
    const refusal = staffChangeRefusal({ actorId: actor.userId, targetId: user.id, targetRole: user.role, newRole: null, adminCount });
    if (refusal) return fail("conflict", refusal);
    await recordAudit(tx, { actor, action: "staff.remove", target: { type: "user", id: user.id }, meta: { email: user.email, role: user.role } });
    await tx.user.delete({ where: { id: user.id } });
    return ok({ message: `${user.email} was removed from the staff and can no longer sign in.` });
  });
}
