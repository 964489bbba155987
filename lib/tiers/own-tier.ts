import "server-only";
import { DAY_MS } from "@/lib/usage/utc-days";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { listTiersIncluding, type TierView } from "@/lib/tiers/queries";
import { countLiveKeys } from "@/lib/keys/key-limit";

export interface OwnTierState {
  currentTierId: string;
  tiers: TierView[];
  liveKeys: number;
  moving: boolean;
  pendingRequest: { id: string; toTier: string; createdAt: Date } | null;
  lastDecision: { toTier: string; status: "APPROVED" | "REJECTED"; note: string | null; decidedAt: Date } | null;
}

export async function getOwnTierState(actor: Actor | null): Promise<Result<OwnTierState>> {
  const allowed = authorize(actor, "tier.change");
  if (!allowed.ok) return allowed;
  const customerId = actor?.customerId ?? "";
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { tierId: true } });
  const [tiers, liveKeys, moving, pending, decided] = await Promise.all([
    listTiersIncluding(customer.tierId),
    countLiveKeys(db, customerId),
    db.operation.count({ where: { customerId, kind: "MOVE_TIER", status: { in: ["QUEUED", "RUNNING"] } } }),
    db.tierChangeRequest.findFirst({ where: { customerId, status: "PENDING" }, include: { toTier: { select: { name: true } } } }),
    db.tierChangeRequest.findFirst({
      where: { customerId, status: { in: ["APPROVED", "REJECTED"] }, decidedAt: { gte: new Date(Date.now() - 30 * DAY_MS) } },
      orderBy: { decidedAt: "desc" },
      include: { toTier: { select: { name: true } } },
    }),
  ]);
  return ok({
    currentTierId: customer.tierId,
    tiers,
    liveKeys,
    moving: moving > 0,
    pendingRequest: pending ? { id: pending.id, toTier: pending.toTier.name, createdAt: pending.createdAt } : null,
    lastDecision:
      decided && decided.decidedAt && (decided.status === "APPROVED" || decided.status === "REJECTED")
        ? { toTier: decided.toTier.name, status: decided.status, note: decided.decisionNote, decidedAt: decided.decidedAt }
        : null,
  });
}
