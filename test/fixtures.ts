// Helpers for integration tests: real database rows and real local AWS, no mocks.
import { randomUUID } from "node:crypto";
import { signUp } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";
import { syncTiers } from "@/lib/tiers/sync-tiers";
import { upsertStaffUser } from "@/lib/users/create-staff-user";

export async function ensureTiers() {
  if ((await db.tier.count()) === 0) await syncTiers();
  return db.tier.findMany({ orderBy: { sortOrder: "asc" } });
}

/** Signs up a new customer through the real service and returns it as an actor. */
export async function newCustomer(tierSlug = "basic"): Promise<Actor & { customerId: string }> {
  const tiers = await ensureTiers();
  const tier = tiers.find((t) => t.slug === tierSlug) ?? tiers[0];
  const email = `c-${randomUUID()}@example.com`;
  const result = await signUp({ name: "Test Customer", email, password: "a-long-password", tierId: tier?.id });
  if (!result.ok) throw new Error(result.error.message);
  return { userId: result.data.userId, email, name: "Test Customer", role: "CUSTOMER", customerId: result.data.customerId, authenticatedAt: new Date() };
}

export async function newStaff(role: "ADMIN" | "BILLING"): Promise<Actor> {
  const email = `${role.toLowerCase()}-${randomUUID()}@example.com`;
  const result = await upsertStaffUser({ email, password: "a-long-password", name: role, role });
  if (!result.ok) throw new Error(result.error.message);
  return { userId: result.data.id, email, name: role, role, customerId: null, authenticatedAt: new Date() };
}

/**
 * The integration test files share one database, one file after another. A file whose tests run "the due
 * operations" calls this first, so it does not also run what an earlier file left queued (a test that ended while
 * AWS was faulted): its time and outcome must not depend on which files ran before it.
 */
export async function parkLeftoverOperations(): Promise<void> {
  await db.operation.updateMany({
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    data: { status: "FAILED", lastError: "left behind by an earlier test file", finishedAt: new Date(), lockedUntil: null },
  });
}
