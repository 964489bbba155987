import "server-only";
import { accountKeyIdsByValue, getAccountApiKey, importApiKeysCsv, listAccountApiKeys, usagePlansByKey, type PlanMembership } from "@/lib/aws/import-keys";
import { toAppError } from "@/lib/aws/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { runInBackground } from "@/lib/background";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import { awsKeyName, awsKeyPrefix } from "@/lib/keys/aws-key-name";
import { parseImportCsv, type RowProblem } from "@/lib/keys/adopt-csv";
import { findCustomerByEmail, inviteCustomerIn, inviteMail, type CustomerForKeys } from "@/lib/keys/adopt-customer";
import { adoptKeySchema, importKeysSchema } from "@/lib/keys/adopt.schema";
import { countLiveKeys, keyLimitReached } from "@/lib/keys/key-limit";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";
import { failedMessage, pendingMessage } from "@/lib/keys/outcome-message";
import { sendMail } from "@/lib/mail/send-mail";
import { enqueueOperation } from "@/lib/operations/enqueue";
import type { AdoptKeyInput } from "@/lib/operations/handlers/adopt-key";
import { runOperationNow } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { stringify } from "csv-stringify/sync";
import { invalidInput } from "@/lib/validation/field-errors";

export const UNOWNED_PAGE_SIZE = 25;

export interface UnownedKey {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  createdAt: Date | null;
  plans: PlanMembership[];
}

export interface UnownedKeyPage {
  keys: UnownedKey[];
  total: number;
  page: number;
  pageCount: number;
  /** Keys of the account in all (owned or not), for context. */
  accountTotal: number;
}

/** AWS key ids the portal holds or is taking over right now. */
async function claimedAwsKeyIds(): Promise<Set<string>> {
  const [records, adopting] = await Promise.all([
    db.apiKey.findMany({ where: { awsKeyId: { not: null }, status: { in: LIVE_KEY_STATUSES } }, select: { awsKeyId: true } }),
    db.operation.findMany({ where: { kind: "ADOPT_KEY", status: { in: ["QUEUED", "RUNNING"] } }, select: { input: true } }),
  ]);
  const ids = new Set(records.flatMap((r) => (r.awsKeyId ? [r.awsKeyId] : [])));
  for (const op of adopting) {
    const id = (op.input as { awsKeyId?: unknown } | null)?.awsKeyId;
    if (typeof id === "string") ids.add(id);
  }
  return ids;
}

/**
 * The account's API keys the portal does not own (not named with its prefix, not held by a key record), newest
 * first, searched by name, id or description, a page at a time. Values are never read.
 */
export async function listUnownedKeys(actor: Actor | null, { query = "", page = 1 }: { query?: string; page?: number } = {}): Promise<Result<UnownedKeyPage>> {
  const allowed = authorize(actor, "key.unowned_list");
  if (!allowed.ok) return allowed;
  let all, plans, claimed;
  try {
    [all, plans, claimed] = await Promise.all([listAccountApiKeys(), usagePlansByKey(), claimedAwsKeyIds()]);
  } catch (error) {
    return { ok: false, error: toAppError(error, "Listing the account's API keys") };
  }
  const prefix = awsKeyPrefix();
  const q = query.trim().toLowerCase();
  const unowned = all
    .filter((k) => !k.name.startsWith(prefix) && !claimed.has(k.id))
    .filter((k) => !q || k.name.toLowerCase().includes(q) || k.id.toLowerCase().includes(q) || (k.description ?? "").toLowerCase().includes(q))
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  const pageCount = Math.max(1, Math.ceil(unowned.length / UNOWNED_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const keys = unowned.slice((current - 1) * UNOWNED_PAGE_SIZE, current * UNOWNED_PAGE_SIZE).map((k) => ({
    id: k.id,
    name: k.name,
    description: k.description,
    enabled: k.enabled,
    createdAt: k.createdAt,
    plans: plans.get(k.id) ?? [],
  }));
  return ok({ keys, total: unowned.length, page: current, pageCount, accountTotal: all.length });
}

export interface AdoptedKey {
  keyId: string;
  customerId: string;
  invited: boolean;
  /** Set when AWS was busy and the takeover finishes in the background. */
  notice: string | null;
}

const emailTaken = () =>
  fail("conflict", "Please correct the highlighted fields.", { email: ["An account with that e-mail already exists. Choose “Existing customer” instead."] });

/** Checks a key may be adopted: it exists, the portal does not own it, and no takeover of it is under way. */
async function checkAdoptable(awsKeyId: string): Promise<Result<{ name: string }>> {
  let key;
  try {
    key = await getAccountApiKey(awsKeyId);
  } catch (error) {
    return { ok: false, error: toAppError(error, "Reading the key") };
  }
  if (!key) return fail("not_found", "That key no longer exists in AWS. Refresh the list.");
  if (key.name.startsWith(awsKeyPrefix()) || (await claimedAwsKeyIds()).has(awsKeyId)) {
    return fail("conflict", "That key already belongs to a customer of the portal, or is being adopted right now.");
  }
  return ok({ name: key.name });
}

/**
 * Adopts one key of the account into a customer without changing its value: a key record (PENDING, marked adopted)
 * and an ADOPT_KEY operation are written with the audit entry (and, for a new customer, the customer, its user and
 * its invitation link) in one transaction; then the operation runs: the key joins the customer's tier plan and is
 * renamed as the portal's. The invitation e-mail goes out once that transaction has committed.
 */
export async function adoptKey(actor: Actor | null, input: unknown): Promise<Result<AdoptedKey>> {
  const allowed = authorize(actor, "key.adopt");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in to continue.") : allowed;
  const parsed = adoptKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const form = parsed.data;

  const newTier = form.target === "new" ? await db.tier.findUnique({ where: { id: form.tierId }, select: { id: true, slug: true, available: true } }) : null;
  if (form.target === "new" && !newTier?.available) return fail("invalid", "Please correct the highlighted fields.", { tierId: ["Choose one of the listed tiers."] });
  const adoptable = await checkAdoptable(form.awsKeyId);
  if (!adoptable.ok) return adoptable;

  type Queued = { keyId: string; opId: string; customerId: string; token: string | null };
  let queued: Result<Queued>;
  try {
    queued = await db.$transaction(async (tx): Promise<Result<Queued>> => {
      let customer: CustomerForKeys;
      let token: string | null = null;
      if (form.target === "existing") {
        const found = await findCustomerByEmail(tx, form.customerEmail);
        if (!found) return fail("invalid", "Please correct the highlighted fields.", { customerEmail: ["No customer has a user with that e-mail. Choose “New customer” to invite one."] });
        customer = found;
      } else {
        if (await tx.user.findUnique({ where: { email: form.email }, select: { id: true } })) return emailTaken();
        const invited = await inviteCustomerIn(tx, actor, { email: form.email, name: form.customerName, company: form.company ?? null, tier: newTier! });
        customer = invited.customer;
        token = invited.token;
      }
      const result = await queueAdoptionIn(tx, actor, customer, { name: form.name, input: { awsKeyId: form.awsKeyId, source: "account" } });
      return result.ok ? ok({ ...result.data, customerId: customer.customerId, token }) : result;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return emailTaken();
    throw error;
  }
  if (!queued.ok) return queued;
  const { keyId, opId, customerId, token } = queued.data;
  if (token && form.target === "new") {
    const to = form.email;
    runInBackground("adoption invitation", () => sendMail(inviteMail(to, token)));
  }
  const outcome = await runOperationNow(opId);
  if (outcome.status === "failed") return fail("unavailable", failedMessage("Adopting the key", outcome));
  return ok({ keyId, customerId, invited: token !== null, notice: outcome.status === "succeeded" ? null : pendingMessage("the adoption") });
}

/** Records the intent to adopt one key for a customer (record + operation + audit), within the tier's key limit. */
async function queueAdoptionIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  customer: CustomerForKeys,
  key: { name: string; input: AdoptKeyInput; runAfter?: Date },
): Promise<Result<{ keyId: string; opId: string }>> {
  if (customer.status !== "ACTIVE") return fail("conflict", "That customer's account is not active.");
  const live = await countLiveKeys(tx, customer.customerId);
  if (live >= customer.tier.maxKeys) return fail("conflict", keyLimitReached(customer.tier).replace("Revoke one before creating another.", "Revoke one of the customer's keys or change its tier first."));
  const record = await tx.apiKey.create({
    data: { customerId: customer.customerId, name: key.name, usagePlanId: customer.tier.usagePlanId, status: "PENDING", adoptedAt: new Date(), createdById: actor.userId },
  });
  const op = await enqueueOperation(tx, {
    kind: "ADOPT_KEY",
    customerId: customer.customerId,
    apiKeyId: record.id,
    input: key.input,
    runAfter: key.runAfter,
    createdById: actor.userId,
  });
  await recordAudit(tx, {
    actor,
    action: key.input.source === "import" ? "key.import" : "key.adopt",
    target: { type: "api_key", id: record.id },
    customerId: customer.customerId,
    meta: { awsKeyId: key.input.awsKeyId || null, name: key.name, tier: customer.tier.name },
  });
  return ok({ keyId: record.id, opId: op.id });
}

export interface ImportRowResult {
  line: number;
  name: string;
  customerEmail: string;
  status: "adopted" | "in_progress" | "failed";
  /** A new customer was invited for this row. */
  invited: boolean;
  message: string | null;
}

export interface ImportResult {
  rows: ImportRowResult[];
}

const problemsToErrors = (problems: RowProblem[]) =>
  fail("invalid", `The file has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported.`, {
    csv: problems.map((p) => `Line ${p.line}: ${p.message}`),
  });

/**
 * Imports keys from a file (lib/keys/adopt-csv.ts) through ImportApiKeys, each into the customer its row names
 * (a new customer is invited). Nothing is imported unless every row is valid, no value belongs to a key the portal
 * owns, and every customer has room for its keys. Then, in one transaction, the key records, their ADOPT_KEY
 * operations (due a little later, so the worker waits for the import), new customers and the audit entries; then one
 * ImportApiKeys call with failonwarnings (each key named after its record: its operation finds it by that name, even
 * after a crash right here); then the operations run. If the import call fails, they find no key and mark the records
 * failed.
 */
export async function importKeys(actor: Actor | null, input: unknown): Promise<Result<ImportResult>> {
  const allowed = authorize(actor, "key.import");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in to continue.") : allowed;
  const parsed = importKeysSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const file = parseImportCsv(parsed.data.csv);
  if (!file.ok) return problemsToErrors(file.problems);
  const tier = await db.tier.findUnique({ where: { id: parsed.data.tierId }, select: { id: true, slug: true, available: true } });
  if (!tier?.available) return fail("invalid", "Please correct the highlighted fields.", { tierId: ["Choose one of the listed tiers."] });

  // Values already in the account: an owned one must not be overwritten; an unowned one is taken over.
  let existing;
  try {
    existing = await accountKeyIdsByValue();
  } catch (error) {
    return { ok: false, error: toAppError(error, "Reading the account's keys") };
  }
  const claimed = await claimedAwsKeyIds();
  const prefix = awsKeyPrefix();
  const owned = file.rows.filter((r) => {
    const k = existing.get(r.value);
    return k && (k.name.startsWith(prefix) || claimed.has(k.id));
  });
  if (owned.length > 0) return problemsToErrors(owned.map((r) => ({ line: r.line, message: "This key already belongs to a customer of the portal." })));

  type Planned = { row: (typeof file.rows)[number]; keyId: string; opId: string; invited: boolean };
  const runAfter = new Date(Date.now() + 2 * 60_000);
  let planned: Result<{ items: Planned[]; invites: { email: string; token: string }[] }>;
  try {
    planned = await db.$transaction(
      async (tx) => {
        const items: Planned[] = [];
        const invites: { email: string; token: string }[] = [];
        const customers = new Map<string, CustomerForKeys>();
        const problems: RowProblem[] = [];
        for (const row of file.rows) {
          let customer = customers.get(row.email) ?? (await findCustomerByEmail(tx, row.email));
          let invited = false;
          if (!customer) {
            if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) {
              problems.push({ line: row.line, message: "That e-mail belongs to a staff account, not a customer." });
              continue;
            }
            const made = await inviteCustomerIn(tx, actor, { email: row.email, name: row.email.split("@")[0] ?? row.email, company: null, tier });
            customer = made.customer;
            invites.push({ email: row.email, token: made.token });
            invited = true;
          }
          customers.set(row.email, customer);
          const before = existing.get(row.value);
          const queued = await queueAdoptionIn(tx, actor, customer, {
            name: row.name,
            runAfter,
            input: {
              awsKeyId: "",
              source: "import",
              original: before ? { name: before.name, description: before.description, customerId: before.customerId } : null,
              createdByImport: !before,
            },
          });
          if (!queued.ok) {
            problems.push({ line: row.line, message: queued.error.message });
            continue;
          }
          items.push({ row, keyId: queued.data.keyId, opId: queued.data.opId, invited });
        }
        // A bad row rolls everything back: nothing half-imported.
        if (problems.length > 0) throw new RowsRefused(problems);
        return ok({ items, invites });
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    if (error instanceof RowsRefused) return problemsToErrors(error.problems);
    throw error;
  }
  if (!planned.ok) return planned;
  const { items, invites } = planned.data;

  // One file for AWS: each key named after its record, so the import's result is found by name.
  const body = stringify(
    items.map((i) => [awsKeyName(i.keyId), i.row.value, i.row.name, i.row.enabled ? "true" : "false"]),
    { header: true, columns: ["Name", "Key", "Description", "Enabled"] },
  );
  let importError: string | null = null;
  try {
    await importApiKeysCsv(body, { failOnWarnings: true });
  } catch (error) {
    importError = toAppError(error, "Importing the keys").message;
  }
  for (const invite of invites) runInBackground("import invitation", () => sendMail(inviteMail(invite.email, invite.token)));

  const rows: ImportRowResult[] = [];
  for (const item of items) {
    const outcome = await runOperationNow(item.opId);
    const base = { line: item.row.line, name: item.row.name, customerEmail: item.row.email, invited: item.invited };
    if (outcome.status === "succeeded") rows.push({ ...base, status: "adopted", message: null });
    else if (outcome.status === "failed") rows.push({ ...base, status: "failed", message: importError ?? failedMessage("Adopting the key", outcome) });
    else rows.push({ ...base, status: "in_progress", message: pendingMessage("the adoption") });
  }
  return ok({ rows });
}

class RowsRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super("rows refused");
  }
}

export interface AdoptionTier {
  id: string;
  name: string;
  approval: boolean;
}

/** The tiers an adopted key or invited customer can be put on (every available tier, approval ones included). */
export async function adoptionTiers(actor: Actor | null): Promise<Result<AdoptionTier[]>> {
  const allowed = authorize(actor, "key.unowned_list");
  if (!allowed.ok) return allowed;
  const tiers = await db.tier.findMany({ where: { available: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, visibility: true } });
  return ok(tiers.map((t) => ({ id: t.id, name: t.name, approval: t.visibility !== "PUBLIC" })));
}
