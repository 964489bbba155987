// The one state the Keys page shows for a key row, from its status, its rotation and its cached usage. Pure.
import type { ApiKeyStatus } from "@/lib/generated/prisma";
import { formatTimeLeft } from "@/lib/format/time-left";
import type { KeyQuota } from "@/lib/keys/key-usage-summary";

export type KeyRowState =
  | { kind: "provisioning" }
  | { kind: "failed" }
  | { kind: "revoked" }
  | { kind: "disabled" }
  /** Active, but its whole quota is used: every call gets 429 until the quota resets. */
  | { kind: "quota_reached"; resetsAt: Date }
  /** Active, replacing a previous key that still works until `oldKeyEndsAt`. */
  | { kind: "rotating"; oldKeyEndsAt: Date }
  /** Active, replaced by a rotation whose new key is gone (failed or revoked): it stops at `endsAt`. */
  | { kind: "ending"; endsAt: Date }
  | { kind: "active" };

export type StateTone = "success" | "warning" | "danger" | "neutral" | "info";

export interface RowStateInput {
  status: ApiKeyStatus;
  graceEndsAt: Date | null;
  quota: Pick<KeyQuota, "reached" | "resetsAt"> | null;
  /** The previous keys nested under this one. */
  previous: { status: ApiKeyStatus; graceEndsAt: Date | null }[];
}

/** A previous key still working in its grace period: ACTIVE with an end. */
function workingUntil(k: { status: ApiKeyStatus; graceEndsAt: Date | null }): Date | null {
  return k.status === "ACTIVE" && k.graceEndsAt ? k.graceEndsAt : null;
}

export function keyRowState({ status, graceEndsAt, quota, previous }: RowStateInput): KeyRowState {
  switch (status) {
    case "PENDING":
      return { kind: "provisioning" };
    case "FAILED":
      return { kind: "failed" };
    case "REVOKED":
      return { kind: "revoked" };
    case "DISABLED":
      return { kind: "disabled" };
    case "ACTIVE":
      break;
  }
  if (quota?.reached) return { kind: "quota_reached", resetsAt: quota.resetsAt };
  const oldKeyEnds = previous.map(workingUntil).find((d) => d !== null);
  if (oldKeyEnds) return { kind: "rotating", oldKeyEndsAt: oldKeyEnds };
  if (graceEndsAt) return { kind: "ending", endsAt: graceEndsAt };
  return { kind: "active" };
}

export function keyStateLabel(state: KeyRowState, now: Date): string {
  switch (state.kind) {
    case "provisioning":
      return "Provisioning…";
    case "failed":
      return "Failed";
    case "revoked":
      return "Revoked";
    case "disabled":
      return "Disabled";
    case "quota_reached":
      return "Quota reached";
    case "rotating":
      return `Rotating — old key ends in ${formatTimeLeft(state.oldKeyEndsAt, now)}`;
    case "ending":
      return `Replaced — ends in ${formatTimeLeft(state.endsAt, now)}`;
    case "active":
      return "Active";
  }
}

export function keyStateTone(state: KeyRowState): StateTone {
  switch (state.kind) {
    case "active":
      return "success";
    case "quota_reached":
    case "failed":
      return "danger";
    case "rotating":
    case "ending":
    case "provisioning":
      return "warning";
    case "disabled":
    case "revoked":
      return "neutral";
  }
}
