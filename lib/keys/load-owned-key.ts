import "server-only";
import { db } from "@/lib/db";
import type { ApiKey } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { PolicyAction } from "@/lib/policy/permissions";
import { fail, ok, type Result } from "@/lib/result";
import { idSchema } from "@/lib/validation/id";

/** The key if the actor may perform `action` on it; another customer's key is reported as not found. */
export async function loadOwnedKey(actor: Actor | null, keyId: unknown, action: PolicyAction): Promise<Result<ApiKey>> {
  const role = authorize(actor, action);
  if (!role.ok) return role;
  const id = idSchema.safeParse(keyId);
  if (!id.success) return fail("not_found", "That key does not exist.");
  const key = await db.apiKey.findUnique({ where: { id: id.data } });
  const owned = authorize(actor, action, { customerId: key?.customerId ?? "" });
  if (!owned.ok) return owned;
  if (!key) return fail("not_found", "That key does not exist.");
  return ok(key);
}

/** True while another change to the key is queued or running (a disable scheduled for later does not count). */
export async function keyIsBusy(keyId: string): Promise<boolean> {
  const soon = new Date(Date.now() + 60_000);
  const busy = await db.operation.count({ where: { apiKeyId: keyId, status: { in: ["QUEUED", "RUNNING"] }, runAfter: { lte: soon } } });
  return busy > 0;
}
