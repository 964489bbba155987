import { randomUUID } from "node:crypto";
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlansCommand,
} from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { isResetTokenUsable } from "@/lib/account/password-reset";
import { settleBackground } from "@/lib/background";
import { db } from "@/lib/db";
import { adoptKey, importKeys, listUnownedKeys } from "@/lib/keys/adopt-keys";
import { createKey } from "@/lib/keys/create-key";
import { flushMail } from "@/lib/mail/send-mail";
import { reconcile } from "@/lib/operations/reconcile";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";
import { outboxMailsTo, testOutbox } from "@/test/outbox";

const mailDir = testOutbox("adopt");

const aws = new APIGatewayClient({ maxAttempts: 1 });
const uid = () => randomUUID().slice(0, 8);
const valueOf = async (id: string) => (await aws.send(new GetApiKeyCommand({ apiKey: id, includeValue: true }))).value;
const plansOf = async (id: string) => ((await aws.send(new GetUsagePlansCommand({ keyId: id }))).items ?? []).map((p) => p.id).sort();

async function foreignKey(name: string) {
  const value = `legacy-${uid()}-${uid()}-${uid()}`;
  const key = await aws.send(new CreateApiKeyCommand({ name, value, enabled: true, customerId: "legacy-crm-42", description: "from the old system" }));
  return { id: key.id ?? "", value };
}

async function dumpDatabase(): Promise<string> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
  let dump = "";
  for (const { tablename } of tables) dump += JSON.stringify(await db.$queryRawUnsafe<unknown[]>(`SELECT row_to_json(t)::text AS row FROM "${tablename.replace(/"/g, "")}" t`));
  return dump;
}

describe("adopting keys that already exist in AWS", () => {
  it("lists the account's keys the portal does not own, and adopts one into an existing customer without changing its value", async () => {
    const tiers = await ensureTiers();
    const premium = tiers.find((t) => t.slug === "premium")!;
    const basic = tiers.find((t) => t.slug === "basic")!;
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer("premium");
    const ownKey = await createKey(customer, { name: "portal key" });
    if (!ownKey.ok) throw new Error(ownKey.error.message);
    const legacy = await foreignKey(`legacy-app-${uid()}`);
    // It was on the basic plan in the old setup: adoption moves it to the customer's (premium) plan.
    await aws.send(new CreateUsagePlanKeyCommand({ usagePlanId: basic.usagePlanId, keyId: legacy.id, keyType: "API_KEY" }));

    const list = await listUnownedKeys(admin, { query: legacy.id });
    if (!list.ok) throw new Error(list.error.message);
    expect(list.data.keys.map((k) => [k.id, k.enabled, k.plans.map((p) => p.id)])).toEqual([[legacy.id, true, [basic.usagePlanId]]]);
    const everything = await listUnownedKeys(admin, { query: "gatehouse-" });
    expect(everything.ok && everything.data.keys).toEqual([]);

    expect((await listUnownedKeys(customer)).ok).toBe(false);
    expect((await adoptKey(customer, { target: "existing", awsKeyId: legacy.id, name: "x", customerEmail: customer.email })).ok).toBe(false);

    const adopted = await adoptKey(admin, { target: "existing", awsKeyId: legacy.id, name: "Legacy app", customerEmail: customer.email.toUpperCase() });
    if (!adopted.ok) throw new Error(adopted.error.message);
    expect(adopted.data).toMatchObject({ customerId: customer.customerId, invited: false, notice: null });

    const record = await db.apiKey.findUniqueOrThrow({ where: { id: adopted.data.keyId } });
    expect([record.status, record.awsKeyId, record.usagePlanId, record.lastFour, record.name]).toEqual(["ACTIVE", legacy.id, premium.usagePlanId, legacy.value.slice(-4), "Legacy app"]);
    expect(record.adoptedAt).toBeInstanceOf(Date);
    expect(await valueOf(legacy.id)).toBe(legacy.value);
    expect(await plansOf(legacy.id)).toEqual([premium.usagePlanId]);
    const inAws = await aws.send(new GetApiKeyCommand({ apiKey: legacy.id }));
    expect([inAws.name, inAws.description, inAws.customerId, inAws.tags?.GatehouseKeyId]).toEqual([`gatehouse-${record.id}`, "Legacy app", customer.customerId, record.id]);

    const audit = await db.auditLog.findMany({ where: { targetId: record.id, action: "key.adopt" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorId, a.outcome])).toEqual([
      [admin.userId, "success"],
      [null, "success"],
    ]);
    // Gone from the list, kept as it is by reconcile, and its value is nowhere in the database.
    const after = await listUnownedKeys(admin, { query: legacy.id });
    expect(after.ok && after.data.keys).toEqual([]);
    await reconcile();
    expect(await valueOf(legacy.id)).toBe(legacy.value);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: record.id } })).status).toBe("ACTIVE");
    expect(await dumpDatabase()).not.toContain(legacy.value);

    const again = await adoptKey(admin, { target: "existing", awsKeyId: legacy.id, name: "twice", customerEmail: customer.email });
    expect(again.ok || again.error.message).toMatch(/already belongs/);
  });

  it("adopts into a new customer invited by e-mail, whose link sets a password", async () => {
    const tiers = await ensureTiers();
    const basic = tiers.find((t) => t.slug === "basic")!;
    const admin = await newStaff("ADMIN");
    const legacy = await foreignKey(`legacy-${uid()}`);
    const email = `invited-${uid()}@example.com`;
    const result = await adoptKey(admin, { target: "new", awsKeyId: legacy.id, name: "Their key", email, customerName: "Invited Co", company: "", tierId: basic.id });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.invited).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { customer: true } });
    expect([user.passwordHash, user.customer?.tierId, user.customer?.name]).toEqual([null, basic.id, "Invited Co"]);
    expect(await plansOf(legacy.id)).toEqual([basic.usagePlanId]);
    await settleBackground();
    await flushMail();
    const mails = outboxMailsTo(mailDir, email);
    expect(mails).toHaveLength(1);
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mails[0]?.text ?? "")?.[1] ?? "";
    expect(await isResetTokenUsable(token)).toBe(true);
    expect(mails[0]?.text).not.toContain(legacy.value);

    const taken = await adoptKey(admin, { target: "new", awsKeyId: (await foreignKey(`l-${uid()}`)).id, name: "k", email, customerName: "Again", tierId: basic.id });
    expect(!taken.ok && taken.error.fieldErrors?.email).toBeTruthy();
  });

  it("gives the key back as it was when it cannot join the tier plan (another plan holds its stage)", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer("basic");
    const originalName = `blocked-${uid()}`;
    const legacy = await foreignKey(originalName);
    const stagePlan = await aws.send(new CreateUsagePlanCommand({ name: `outside-${uid()}`, apiStages: [{ apiId: await demoApiId(), stage: "prod" }] }));
    await aws.send(new CreateUsagePlanKeyCommand({ usagePlanId: stagePlan.id, keyId: legacy.id, keyType: "API_KEY" }));
    const result = await adoptKey(admin, { target: "existing", awsKeyId: legacy.id, name: "blocked", customerEmail: customer.email });
    expect(result.ok).toBe(false);
    const record = await db.apiKey.findFirstOrThrow({ where: { customerId: customer.customerId, name: "blocked" } });
    expect([record.status, record.awsKeyId]).toEqual(["FAILED", null]);
    expect(record.failureReason).toMatch(/another usage plan for the same API stage/);
    const inAws = await aws.send(new GetApiKeyCommand({ apiKey: legacy.id, includeValue: true }));
    expect([inAws.name, inAws.value, inAws.customerId, inAws.description]).toEqual([originalName, legacy.value, "legacy-crm-42", "from the old system"]);
    expect(await plansOf(legacy.id)).toEqual([stagePlan.id]);
    const failure = await db.auditLog.findFirst({ where: { targetId: record.id, action: "key.adopt", outcome: "failure" } });
    expect(failure).not.toBeNull();
  });
});

async function demoApiId(): Promise<string> {
  const { listRestApis } = await import("@/lib/aws/api-gateway");
  return (await listRestApis()).find((a) => a.name === "gatehouse-demo-api")?.id ?? "";
}

describe("importing keys from a CSV file", () => {
  it("imports every row through ImportApiKeys into the customer it names (a new one invited), overwriting an unowned key with the same value", async () => {
    const tiers = await ensureTiers();
    const basic = tiers.find((t) => t.slug === "basic")!;
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer("premium");
    const existing = await foreignKey(`old-${uid()}`);
    const fresh = `fresh-value-${uid()}-${uid()}`;
    const newEmail = `imported-${uid()}@example.com`;
    const csv = `Name,Key,Customer,Enabled\nOld one,${existing.value},${customer.email},true\nFresh,${fresh},${newEmail},false\n`;

    const result = await importKeys(admin, { csv, tierId: basic.id });
    if (!result.ok) throw new Error(`${result.error.message} ${JSON.stringify(result.error.fieldErrors)}`);
    expect(result.data.rows.map((r) => [r.line, r.status, r.invited])).toEqual([
      [2, "adopted", false],
      [3, "adopted", true],
    ]);
    const records = await db.apiKey.findMany({ where: { name: { in: ["Old one", "Fresh"] }, adoptedAt: { not: null }, status: { in: ["ACTIVE", "DISABLED"] } }, orderBy: { name: "asc" } });
    const fresher = records.find((r) => r.name === "Fresh")!;
    const old = records.find((r) => r.name === "Old one" && r.customerId === customer.customerId)!;
    expect(old.awsKeyId).toBe(existing.id); // same key, same value
    expect(await valueOf(existing.id)).toBe(existing.value);
    expect(fresher.status).toBe("DISABLED");
    expect(await valueOf(fresher.awsKeyId ?? "")).toBe(fresh);
    expect(await plansOf(fresher.awsKeyId ?? "")).toEqual([basic.usagePlanId]);
    const invited = await db.user.findUniqueOrThrow({ where: { email: newEmail } });
    expect(invited.customerId).toBe(fresher.customerId);
    expect(await db.auditLog.count({ where: { action: "key.import", actorId: admin.userId } })).toBeGreaterThanOrEqual(2);
    expect(await dumpDatabase()).not.toContain(fresh);

    // The same value again: it now belongs to the portal, so nothing is imported.
    const twice = await importKeys(admin, { csv: `Name,Key,Customer\nAgain,${fresh},${customer.email}\n`, tierId: basic.id });
    expect(!twice.ok && twice.error.fieldErrors?.csv).toEqual(["Line 2: This key already belongs to a customer of the portal."]);
  });

  it("gives an overwritten key its old name back when its adoption fails", async () => {
    const tiers = await ensureTiers();
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer("basic");
    const originalName = `held-${uid()}`;
    const legacy = await foreignKey(originalName);
    const outside = await aws.send(new CreateUsagePlanCommand({ name: `outside-${uid()}`, apiStages: [{ apiId: await demoApiId(), stage: "prod" }] }));
    await aws.send(new CreateUsagePlanKeyCommand({ usagePlanId: outside.id, keyId: legacy.id, keyType: "API_KEY" }));
    const result = await importKeys(admin, { csv: `Name,Key,Customer\nHeld,${legacy.value},${customer.email}\n`, tierId: tiers[0]!.id });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.rows.map((r) => r.status)).toEqual(["failed"]);
    const inAws = await aws.send(new GetApiKeyCommand({ apiKey: legacy.id, includeValue: true }));
    expect([inAws.name, inAws.description, inAws.customerId, inAws.value]).toEqual([originalName, "from the old system", "legacy-crm-42", legacy.value]);
    expect(await plansOf(legacy.id)).toEqual([outside.id]);
  });

  it("marks every row failed, and leaves no key behind, when AWS refuses the import", async () => {
    const tiers = await ensureTiers();
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer("basic");
    const value = `never-imported-${uid()}-${uid()}`;
    const faults = `${process.env.AWS_ENDPOINT_URL}/_localaws/faults`;
    await fetch(faults, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rules: [{ operation: "ImportApiKeys", errorRate: 1, kind: "5xx" }] }) });
    try {
      const result = await importKeys(admin, { csv: `Name,Key,Customer\nDoomed,${value},${customer.email}\n`, tierId: tiers[0]!.id });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.data.rows.map((r) => [r.status, r.message])).toEqual([["failed", expect.stringMatching(/^Importing the keys: AWS is not reachable/)]]);
    } finally {
      await fetch(faults, { method: "DELETE" });
    }
    const record = await db.apiKey.findFirstOrThrow({ where: { customerId: customer.customerId, name: "Doomed" } });
    expect([record.status, record.awsKeyId]).toEqual(["FAILED", null]);
    const all = await aws.send(new GetApiKeysCommand({ nameQuery: `gatehouse-${record.id}` }));
    expect(all.items ?? []).toEqual([]);
    expect(await db.operation.count({ where: { apiKeyId: record.id, status: { in: ["QUEUED", "RUNNING"] } } })).toBe(0);
  });

  it("refuses a bad file with every problem named, and writes nothing", async () => {
    const tiers = await ensureTiers();
    const admin = await newStaff("ADMIN");
    const before = await db.apiKey.count();
    const result = await importKeys(admin, { csv: `Name,Key,Customer\nok,${"v".repeat(30)},a@example.com\nbad,short,not-mail\n`, tierId: tiers[0]!.id });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("invalid");
    expect(result.error.fieldErrors?.csv).toEqual([expect.stringMatching(/^Line 3: Key must be 20 to 128.*Customer: Enter a valid e-mail/)]);
    expect(await db.apiKey.count()).toBe(before);
    expect((await importKeys(admin, { csv: "", tierId: tiers[0]!.id })).ok).toBe(false);
  });
});
