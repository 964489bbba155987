import "server-only";
import { db, type Prisma } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";

export type KeyStatus = "PENDING" | "ACTIVE" | "DISABLED" | "REVOKED" | "FAILED";

export interface KeyView {
  id: string;
  name: string;
  lastFour: string | null;
  status: KeyStatus;
  failureReason: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  /** When a rotated-out key will be disabled automatically. */
  graceEndsAt: Date | null;
  /** The kind of change queued or running on this key right now, if any. */
  inProgress: "creating" | "enabling" | "disabling" | "renaming" | "revoking" | "rotating" | null;
}

const progressLabel = {
  CREATE_KEY: "creating",
  RENAME_KEY: "renaming",
  REVOKE_KEY: "revoking",
  ROTATE_KEY: "rotating",
} as const;

/** Which of a customer's keys the portal lists: live ones, plus failed and revoked ones from the last 30 days. */
export function listedKeysWhere(customerId: string, now = Date.now()) {
  const monthAgo = new Date(now - 30 * 24 * 3600 * 1000);
  return {
    customerId,
    OR: [{ status: { in: LIVE_KEY_STATUSES } }, { status: { in: ["FAILED", "REVOKED"] }, updatedAt: { gte: monthAgo } }],
  } satisfies Prisma.ApiKeyWhereInput;
}

/** The columns a KeyView is made from, with the change queued or running on the key (if any). */
export function keyViewSelect(now = Date.now()) {
  const soon = new Date(now + 60_000);
  return {
    id: true,
    name: true,
    lastFour: true,
    status: true,
    failureReason: true,
    createdAt: true,
    revokedAt: true,
    graceEndsAt: true,
    operations: {
      where: { status: { in: ["QUEUED", "RUNNING"] }, runAfter: { lte: soon } },
      select: { kind: true, input: true },
      take: 1,
      orderBy: { createdAt: "asc" },
    },
  } satisfies Prisma.ApiKeySelect;
}

export const keyListOrder = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.ApiKeyOrderByWithRelationInput[];

type KeyRecord = Prisma.ApiKeyGetPayload<{ select: ReturnType<typeof keyViewSelect> }>;

/** A key record as the dashboard shows it, with the kind of change in progress named. */
export function toKeyView({ operations, ...key }: KeyRecord): KeyView {
  const op = operations[0];
  let inProgress: KeyView["inProgress"] = null;
  if (key.status === "PENDING") inProgress = "creating";
  else if (op?.kind === "SET_KEY_ENABLED") {
    const enabled = typeof op.input === "object" && op.input !== null && !Array.isArray(op.input) && op.input.enabled === true;
    inProgress = enabled ? "enabling" : "disabling";
  } else if (op && op.kind in progressLabel) inProgress = progressLabel[op.kind as keyof typeof progressLabel];
  return { ...key, inProgress };
}

/** The actor's own keys: live ones, plus failed and revoked ones from the last 30 days as a record. */
export async function listOwnKeys(actor: Actor | null): Promise<Result<KeyView[]>> {
  const allowed = authorize(actor, "key.list");
  if (!allowed.ok) return allowed;
  const keys = await db.apiKey.findMany({
    where: listedKeysWhere(actor?.customerId ?? ""),
    orderBy: keyListOrder,
    select: keyViewSelect(),
  });
  return ok(keys.map(toKeyView));
}
