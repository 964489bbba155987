import "server-only";
import { profileSchema } from "@/lib/account/profile.schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";

/**
 * Updates the signed-in customer's name and company (the user's name and the customer's, kept equal as at
 * sign-up). The audit entry names the fields changed, not their values: personal data is scrubbed on deletion,
 * the audit trail is not.
 */
export async function updateProfile(actor: Actor | null, input: unknown): Promise<Result<{ name: string; company: string | null }>> {
  const allowed = authorize(actor, "account.update");
  if (!allowed.ok) return allowed;
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const customerId = actor?.customerId;
  if (!actor || !customerId) return fail("forbidden", "Your account is not linked to a customer.");
  const name = parsed.data.name;
  const company = parsed.data.company ?? null;

  return db.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id: customerId }, select: { name: true, company: true, status: true } });
    if (!before || before.status === "DELETED") return fail("not_found", "Your account was not found.");
    const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
    const changed = [
      ...(user?.name !== name || before.name !== name ? ["name"] : []),
      ...(before.company !== company ? ["company"] : []),
    ];
    if (changed.length === 0) return ok({ name, company });
    await tx.user.update({ where: { id: actor.userId }, data: { name } });
    await tx.customer.update({ where: { id: customerId }, data: { name, company } });
    await recordAudit(tx, {
      actor: { userId: actor.userId, email: actor.email, role: actor.role },
      action: "account.update",
      target: { type: "customer", id: customerId },
      customerId,
      meta: { fields: changed },
    });
    return ok({ name, company });
  });
}
