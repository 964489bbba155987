import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";

export interface KeyView {
  id: string;
  name: string;
  lastFour: string | null;
  status: "PENDING" | "ACTIVE" | "DISABLED" | "REVOKED" | "FAILED";
  failureReason: string | null;
  createdAt: Date;
}

/** The actor's own keys (failed attempts from the last day included, so the customer sees what happened). */
export async function listOwnKeys(actor: Actor | null): Promise<Result<KeyView[]>> {
  const allowed = authorize(actor, "key.list");
  if (!allowed.ok) return allowed;
  const customerId = actor?.customerId ?? "";
  const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
  const keys = await db.apiKey.findMany({
    where: { customerId, OR: [{ status: { in: ["PENDING", "ACTIVE", "DISABLED"] } }, { status: "FAILED", createdAt: { gte: dayAgo } }] },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, lastFour: true, status: true, failureReason: true, createdAt: true },
  });
  return ok(keys);
}
