import "server-only";
import { z } from "zod";
import { refusePolicyViolation } from "@/lib/account/password-policy";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, passwordSchema } from "@/lib/auth/credentials.schema";
import { endSessionsIn } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";
import { plainText } from "@/lib/validation/text";

const staffSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: plainText("a name", { max: 100 }),
  role: z.enum(["ADMIN", "BILLING"]),
});

/**
 * Creates (or resets the password and role of) an admin or billing user. Used by the operator's CLI and the
 * first-admin bootstrap from env, never from the web: there is no actor, and the audit entry says so.
 */
export async function upsertStaffUser(input: unknown): Promise<Result<{ id: string; created: boolean }>> {
  const parsed = staffSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, "The staff user's details are invalid.");
  const { email, password, name, role } = parsed.data;
  const weak = refusePolicyViolation("password", password, { email, name }, "The staff user's details are invalid.");
  if (weak) return weak;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, customerId: true } });
    if (existing?.customerId) {
      return invalidInput(new z.ZodError([{ code: "custom", path: ["email"], message: "That e-mail belongs to a customer.", input: email }]));
    }
    const user = await tx.user.upsert({
      where: { email },
      create: { email, name, role, passwordHash },
      update: { role, passwordHash, passwordChangedAt: new Date() },
    });
    if (existing) await endSessionsIn(tx, user.id, { reason: "password_reset" });
    await recordAudit(tx, {
      actor: null,
      action: existing ? "user.staff_update" : "user.staff_create",
      target: { type: "user", id: user.id },
      meta: { role, via: "cli" },
    });
    return ok({ id: user.id, created: !existing });
  });
}
