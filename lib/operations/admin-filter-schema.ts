import { z } from "zod";
import { OperationKind } from "@/lib/generated/prisma";
import { parseFilters, termSchema, type ParsedFilters, type SearchParams } from "@/lib/audit/filter-schema";

// The admin's view of the durable operations queue: the states an admin thinks in, and the list's filters.

/** What an operation is doing, as the admin sees it. "retrying" is QUEUED after at least one attempt. */
export const OPERATION_STATES = ["queued", "running", "retrying", "failed", "compensated", "succeeded"] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

/** Every kind of durable operation (the database enum, so kinds added later are listed too). */
export const OPERATION_KINDS: readonly OperationKind[] = Object.values(OperationKind);

export const stateLabels: Record<OperationState, string> = {
  queued: "Queued",
  running: "Running",
  retrying: "Retrying",
  failed: "Failed",
  compensated: "Compensated",
  succeeded: "Succeeded",
};

export function operationState(op: { status: string; attempts: number; compensatedAt: Date | string | null }): OperationState {
  switch (op.status) {
    case "QUEUED":
      return op.attempts > 0 ? "retrying" : "queued";
    case "RUNNING":
      return "running";
    case "SUCCEEDED":
      return "succeeded";
    default:
      return op.compensatedAt ? "compensated" : "failed";
  }
}

/** The Prisma where clause of one state (the inverse of operationState). */
export function stateWhere(state: OperationState) {
  switch (state) {
    case "queued":
      return { status: "QUEUED" as const, attempts: 0 };
    case "retrying":
      return { status: "QUEUED" as const, attempts: { gt: 0 } };
    case "running":
      return { status: "RUNNING" as const };
    case "succeeded":
      return { status: "SUCCEEDED" as const };
    case "failed":
      return { status: "FAILED" as const, compensatedAt: null };
    case "compensated":
      return { status: "FAILED" as const, compensatedAt: { not: null } };
  }
}

/** "MOVE_TIER" → "Move tier". */
export function kindLabel(kind: string): string {
  const words = kind.toLowerCase().split("_").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const operationFiltersSchema = z.object({
  status: z.string().refine((value) => value === "" || (OPERATION_STATES as readonly string[]).includes(value), "Choose a state from the list."),
  kind: z
    .string()
    .max(40, "Choose a kind from the list.")
    .refine((value) => value === "" || (OPERATION_KINDS as readonly string[]).includes(value), "Choose a kind from the list.")
    .transform((value) => (value === "" ? "" : (value as OperationKind))),
  customer: termSchema(100, "The customer"),
});

export type OperationFilters = z.output<typeof operationFiltersSchema>;
export const OPERATION_FILTER_NAMES = ["status", "kind", "customer"] as const;

export function parseOperationFilters(params: SearchParams): ParsedFilters<OperationFilters> {
  return parseFilters(operationFiltersSchema, params, OPERATION_FILTER_NAMES);
}
