import "server-only";
import { customerIdsMatching, customerNames } from "@/lib/audit/customer-match";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import { operationState, stateWhere, type OperationFilters, type OperationState, OPERATION_STATES } from "@/lib/operations/admin-filter-schema";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { keysetPage, type KeysetPage, type KeysetPosition } from "@/lib/validation/keyset";

export interface OperationRow {
  id: string;
  kind: string;
  state: OperationState;
  /** Queued in compensation mode: undoing what it did, after giving up. */
  compensating: boolean;
  customerId: string | null;
  customerName: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
  attempts: number;
  lastError: string | null;
  runAfter: Date;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const rowSelect = {
  id: true,
  kind: true,
  status: true,
  customerId: true,
  apiKeyId: true,
  attempts: true,
  lastError: true,
  runAfter: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
  compensatedAt: true,
  state: true,
  apiKey: { select: { name: true } },
} as const;

function isCompensating(state: Prisma.JsonValue | null): boolean {
  return typeof state === "object" && state !== null && !Array.isArray(state) && state.compensating === true;
}

export interface OperationsPage extends KeysetPage<OperationRow> {
  /** How many operations are in each state (the whole queue, not only this filter). */
  counts: Record<OperationState, number>;
  customersTruncated: boolean;
}

async function stateCounts(): Promise<Record<OperationState, number>> {
  const [byStatus, retrying, compensated] = await Promise.all([
    db.operation.groupBy({ by: ["status"], _count: { _all: true } }),
    db.operation.count({ where: stateWhere("retrying") }),
    db.operation.count({ where: stateWhere("compensated") }),
  ]);
  const total = (status: string) => byStatus.find((g) => g.status === status)?._count._all ?? 0;
  return {
    queued: total("QUEUED") - retrying,
    retrying,
    running: total("RUNNING"),
    failed: total("FAILED") - compensated,
    compensated,
    succeeded: total("SUCCEEDED"),
  };
}

/** The durable operations queue for admins (operation.list): newest first, filtered by state, kind and customer. */
export async function listOperations(
  actor: Actor | null,
  filters: OperationFilters,
  { before, after, pageSize = 25 }: { before?: KeysetPosition | null; after?: KeysetPosition | null; pageSize?: number } = {},
): Promise<Result<OperationsPage>> {
  const allowed = authorize(actor, "operation.list");
  if (!allowed.ok) return allowed;
  const where: Prisma.OperationWhereInput = {};
  if (filters.status && (OPERATION_STATES as readonly string[]).includes(filters.status)) Object.assign(where, stateWhere(filters.status as OperationState));
  if (filters.kind) where.kind = filters.kind;
  let customersTruncated = false;
  const counts = await stateCounts();
  if (filters.customer) {
    const matched = await customerIdsMatching(filters.customer);
    if (matched.ids.length === 0) return ok({ rows: [], newer: null, older: null, counts, customersTruncated });
    customersTruncated = matched.truncated;
    where.customerId = { in: matched.ids };
  }
  const page = await keysetPage(
    { before, after, pageSize },
    (extra, order, take) => db.operation.findMany({ where: { AND: [where, extra] }, orderBy: [{ createdAt: order }, { id: order }], take, select: rowSelect }),
    async (extra) => (await db.operation.findFirst({ where: { AND: [where, extra] }, select: { id: true } })) !== null,
  );
  const names = await customerNames(page.rows.flatMap((r) => (r.customerId ? [r.customerId] : [])));
  return ok({
    ...page,
    counts,
    customersTruncated,
    rows: page.rows.map((op) => ({
      id: op.id,
      kind: op.kind,
      state: operationState(op),
      compensating: op.status === "QUEUED" && isCompensating(op.state),
      customerId: op.customerId,
      customerName: op.customerId ? (names.get(op.customerId) ?? null) : null,
      apiKeyId: op.apiKeyId,
      apiKeyName: op.apiKey?.name ?? null,
      attempts: op.attempts,
      lastError: op.lastError,
      runAfter: op.runAfter,
      createdAt: op.createdAt,
      updatedAt: op.updatedAt,
      finishedAt: op.finishedAt,
    })),
  });
}

export interface OperationDetail extends OperationRow {
  status: string;
  input: Prisma.JsonValue;
  /** The saved progress of its steps (what a resumed run continues from). */
  steps: Prisma.JsonValue | null;
  lockedUntil: Date | null;
  compensatedAt: Date | null;
  createdBy: { id: string; email: string } | null;
}

const SECRET_FIELD = /value|secret|password|token/i;

/** A JSON value with any field whose name suggests a secret replaced, for display (operations never store key values). */
export function redactSecrets(value: Prisma.JsonValue | null): Prisma.JsonValue | null {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? "[hidden]" : redactSecrets(v ?? null)]));
  }
  return value;
}

/** One operation with its input, saved steps and errors (operation.list). */
export async function getOperation(actor: Actor | null, id: string): Promise<Result<OperationDetail>> {
  const allowed = authorize(actor, "operation.list");
  if (!allowed.ok) return allowed;
  const op = await db.operation.findUnique({ where: { id }, select: { ...rowSelect, input: true, lockedUntil: true, createdById: true } });
  if (!op) return fail("not_found", "That operation does not exist.");
  const [names, creator] = await Promise.all([
    customerNames(op.customerId ? [op.customerId] : []),
    op.createdById ? db.user.findUnique({ where: { id: op.createdById }, select: { id: true, email: true } }) : Promise.resolve(null),
  ]);
  return ok({
    id: op.id,
    kind: op.kind,
    status: op.status,
    state: operationState(op),
    steps: redactSecrets(op.state),
    compensating: op.status === "QUEUED" && isCompensating(op.state),
    customerId: op.customerId,
    customerName: op.customerId ? (names.get(op.customerId) ?? null) : null,
    apiKeyId: op.apiKeyId,
    apiKeyName: op.apiKey?.name ?? null,
    attempts: op.attempts,
    lastError: op.lastError,
    runAfter: op.runAfter,
    createdAt: op.createdAt,
    updatedAt: op.updatedAt,
    finishedAt: op.finishedAt,
    compensatedAt: op.compensatedAt,
    lockedUntil: op.lockedUntil,
    input: redactSecrets(op.input),
    createdBy: creator,
  });
}
