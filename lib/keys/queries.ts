import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";

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

/** The actor's own keys: live ones, plus failed and revoked ones from the last 30 days as a record. */
export async function listOwnKeys(actor: Actor | null): Promise<Result<KeyView[]>> {
  const allowed = authorize(actor, "key.list");
  if (!allowed.ok) return allowed;
  const customerId = actor?.customerId ?? "";
  const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const soon = new Date(Date.now() + 60_000);
  const keys = await db.apiKey.findMany({
    where: {
      customerId,
      OR: [{ status: { in: ["PENDING", "ACTIVE", "DISABLED"] } }, { status: { in: ["FAILED", "REVOKED"] }, updatedAt: { gte: monthAgo } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
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
    },
  });
  return ok(
    keys.map(({ operations, ...key }) => {
      const op = operations[0];
      let inProgress: KeyView["inProgress"] = null;
      if (key.status === "PENDING") inProgress = "creating";
      else if (op?.kind === "SET_KEY_ENABLED") {
        const enabled = typeof op.input === "object" && op.input !== null && !Array.isArray(op.input) && op.input.enabled === true;
        inProgress = enabled ? "enabling" : "disabling";
      } else if (op && op.kind in progressLabel) inProgress = progressLabel[op.kind as keyof typeof progressLabel];
      return { ...key, inProgress };
    }),
  );
}
