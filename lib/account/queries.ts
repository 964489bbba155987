import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

export interface Profile {
  name: string;
  email: string;
  company: string | null;
  /** False for accounts that only sign in through Cognito or GitHub. */
  hasPassword: boolean;
  tierName: string;
  memberSince: Date;
  passwordChangedAt: Date | null;
}

/** The signed-in customer's own profile; the user and customer come from the actor, never from input. */
export async function getProfile(actor: Actor | null): Promise<Result<Profile>> {
  const allowed = authorize(actor, "account.read");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: {
      name: true,
      email: true,
      passwordHash: true,
      passwordChangedAt: true,
      createdAt: true,
      customerId: true,
      customer: { select: { company: true, status: true, tier: { select: { name: true } } } },
    },
  });
  if (!user?.customer || user.customerId !== actor.customerId || user.customer.status === "DELETED") {
    return fail("not_found", "Your account was not found.");
  }
  return ok({
    name: user.name,
    email: user.email,
    company: user.customer.company,
    hasPassword: user.passwordHash !== null,
    tierName: user.customer.tier.name,
    memberSince: user.createdAt,
    passwordChangedAt: user.passwordChangedAt,
  });
}
