import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { evaluateQuotaAlerts } from "@/lib/quota-alerts/evaluate";
import { listQuotaAlerts, ownQuotaAlert } from "@/lib/quota-alerts/queries";
import { refreshOwnUsage } from "@/lib/usage/refresh-own-usage";
import { upsertUsageDays } from "@/lib/usage/store-usage-days";
import { refreshUsage } from "@/lib/usage/sync-usage";
import { addDays, utcDay } from "@/lib/usage/utc-days";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";
import { outboxMailsTo, testOutbox } from "@/test/outbox";

// Real gateway requests through local AWS's data plane, real GetUsage, a real database, the file
// mail transport. No mocks: the one injected sender is a failing one, to see a failed delivery retried.
const mailDir = testOutbox("quota-alert");

const gateway = () => `${process.env.GATEHOUSE_GATEWAY_URL ?? ""}/pets`;

/** A Basic customer (1,000 requests a day) with one live key. */
async function customerWithKey() {
  const customer = await newCustomer("basic");
  const created = await createKey(customer, { name: "alerts test" });
  if (!created.ok || !created.data.value) throw new Error(created.ok ? "key still pending" : created.error.message);
  const record = await db.apiKey.findUniqueOrThrow({ where: { id: created.data.id } });
  return { customer, key: { id: record.id, awsKeyId: record.awsKeyId ?? "", usagePlanId: record.usagePlanId, value: created.data.value } };
}

async function call(value: string, times: number) {
  for (let i = 0; i < times; i++) {
    const res = await fetch(gateway(), { headers: { "x-api-key": value } });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
  }
}

/**
 * Brings the key's count of requests today in AWS to `used`, without sending hundreds of paced requests: local AWS's
 * usage backfill (a local-only endpoint) sets the day's count, which GetUsage then reports like any other.
 */
async function setUsedToday(key: { usagePlanId: string; awsKeyId: string }, used: number) {
  const days = [{ date: utcDay(new Date()), used }];
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL}/_localaws/usage/backfill`, { method: "POST", body: JSON.stringify({ usagePlanId: key.usagePlanId, keyId: key.awsKeyId, days }) });
  if (!res.ok) throw new Error(`backfill: ${res.status} ${await res.text()}`);
}

const alertsOf = (customerId: string) => db.quotaAlert.findMany({ where: { customerId }, orderBy: [{ periodStart: "asc" }, { threshold: "asc" }] });

describe("quota alerts at 80% and 100% of the pooled quota", () => {
  beforeAll(async () => {
    await ensureTiers();
  });

  it("records and e-mails each threshold once per period, however many evaluations run at once, and again in a new period", async () => {
    const { customer, key } = await customerWithKey();
    await call(key.value, 3);
    // Nothing below 80%.
    const quiet = await refreshOwnUsage(customer);
    expect(quiet.ok).toBe(true);
    expect(await alertsOf(customer.customerId)).toEqual([]);
    expect(await ownQuotaAlert(customer)).toBeNull();

    // 800 of 1,000: the customer's own refresh records the 80% crossing and e-mails it.
    await setUsedToday(key, 800);
    await db.customer.update({ where: { id: customer.customerId }, data: { usageSyncedAt: null } }); // past the refresh cooldown
    const refreshed = await refreshOwnUsage(customer);
    expect(refreshed.ok).toBe(true);
    let alerts = await alertsOf(customer.customerId);
    expect(alerts).toHaveLength(1);
    const today = utcDay(new Date());
    expect(alerts[0]).toMatchObject({ threshold: 80, period: "DAY", quota: 1000, used: 800, recipients: 1, emailError: null });
    expect(alerts[0]?.periodStart.toISOString()).toBe(`${today}T00:00:00.000Z`);
    expect(alerts[0]?.periodEnd.toISOString()).toBe(`${addDays(today, 1)}T00:00:00.000Z`);
    expect(alerts[0]?.emailedAt).toBeInstanceOf(Date);
    let mails = outboxMailsTo(mailDir, customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("You have used 80% of your daily Gatehouse quota");
    expect(mails[0]?.text).toContain("800 of 1,000 requests, counted across all of your API keys");
    expect(mails[0]?.text).toContain(`resets at 00:00 UTC on ${new Date(`${addDays(today, 1)}T00:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })}`);
    expect(mails[0]?.text).toMatch(/See your usage: http\S+\/dashboard\/usage\n/);
    expect(mails[0]?.text).toMatch(/Move to a tier with a higher quota: http\S+\/dashboard\/tier\n/);
    expect(mails[0]?.html).toContain('/dashboard/tier">Move to a tier with a higher quota</a>');
    expect(mails[0]?.text).not.toContain(key.value);
    expect(await ownQuotaAlert(customer)).toMatchObject({ level: 80, used: 800, quota: 1000, period: "DAY" });

    // Evaluating again, twice at once and for everyone, changes nothing.
    await Promise.all([evaluateQuotaAlerts([customer.customerId]), evaluateQuotaAlerts([customer.customerId]), evaluateQuotaAlerts("all")]);
    expect(await alertsOf(customer.customerId)).toHaveLength(1);
    expect(outboxMailsTo(mailDir, customer.email)).toHaveLength(1);

    // The whole quota: two evaluations at once record the 100% crossing once and send one e-mail.
    await setUsedToday(key, 1000);
    const synced = await refreshUsage(customer.customerId);
    expect(synced.ok).toBe(true);
    const runs = await Promise.all([evaluateQuotaAlerts([customer.customerId]), evaluateQuotaAlerts([customer.customerId])]);
    expect(runs.map((r) => r.recorded).sort()).toEqual([0, 1]);
    expect(runs.reduce((n, r) => n + r.emailed, 0)).toBe(1);
    alerts = await alertsOf(customer.customerId);
    expect(alerts.map((a) => [a.threshold, a.used])).toEqual([
      [80, 800],
      [100, 1000],
    ]);
    mails = outboxMailsTo(mailDir, customer.email);
    expect(mails.map((m) => m.subject)).toEqual(["You have used 80% of your daily Gatehouse quota", "You have used your whole daily Gatehouse quota"]);
    expect(mails[1]?.text).toContain('the API refuses your requests (HTTP 429 "Limit Exceeded")');
    expect(await ownQuotaAlert(customer)).toMatchObject({ level: 100, used: 1000 });

    // A new quota period (tomorrow, for a daily quota) starts from zero and alerts again.
    const tomorrow = addDays(today, 1);
    const tomorrowNoon = new Date(`${tomorrow}T12:00:00Z`);
    expect((await evaluateQuotaAlerts([customer.customerId], tomorrowNoon)).recorded).toBe(0);
    await db.$executeRaw(upsertUsageDays([{ apiKeyId: key.id, usagePlanId: key.usagePlanId, date: tomorrow, used: 950, remaining: 50 }], new Date()));
    const next = await Promise.all([evaluateQuotaAlerts([customer.customerId], tomorrowNoon), evaluateQuotaAlerts("all", tomorrowNoon)]);
    expect(next.reduce((n, r) => n + r.recorded, 0)).toBe(1);
    alerts = await alertsOf(customer.customerId);
    expect(alerts.map((a) => [a.periodStart.toISOString().slice(0, 10), a.threshold, a.used])).toEqual([
      [today, 80, 800],
      [today, 100, 1000],
      [tomorrow, 80, 950],
    ]);
    expect(outboxMailsTo(mailDir, customer.email)).toHaveLength(3);
    await db.usageDay.deleteMany({ where: { apiKeyId: key.id, date: new Date(`${tomorrow}T00:00:00Z`) } });
  });

  it("retries a failed delivery on the next evaluation and never sends a marked alert again", async () => {
    const { customer, key } = await customerWithKey();
    await setUsedToday(key, 900);
    expect((await refreshUsage(customer.customerId)).ok).toBe(true);

    const refused = async () => {
      throw new Error("421 mail server busy");
    };
    const first = await evaluateQuotaAlerts([customer.customerId], new Date(), { send: refused });
    expect(first).toMatchObject({ recorded: 1, emailed: 0, failed: 1 });
    let [alert] = await alertsOf(customer.customerId);
    expect(alert).toMatchObject({ threshold: 80, used: 900, emailedAt: null, emailClaimedAt: null, emailAttempts: 1, emailError: "Error: 421 mail server busy" });
    expect(outboxMailsTo(mailDir, customer.email)).toHaveLength(0);

    // Billing sees the crossing, not yet e-mailed.
    const billing = await newStaff("BILLING");
    const listed = await listQuotaAlerts(billing, { period: "", threshold: "80" });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data.rows.find((r) => r.customerId === customer.customerId)).toMatchObject({ threshold: 80, used: 900, quota: 1000, tierName: "Basic", emailedAt: null });
    const onlyFull = await listQuotaAlerts(billing, { period: "", threshold: "100" });
    expect(onlyFull.ok && onlyFull.data.rows.some((r) => r.customerId === customer.customerId)).toBe(false);

    const second = await evaluateQuotaAlerts([customer.customerId]);
    expect(second).toMatchObject({ recorded: 0, emailed: 1, failed: 0 });
    [alert] = await alertsOf(customer.customerId);
    expect(alert).toMatchObject({ emailAttempts: 2, emailError: null, recipients: 1 });
    expect(alert?.emailedAt).toBeInstanceOf(Date);
    expect(outboxMailsTo(mailDir, customer.email)).toHaveLength(1);

    // Marked: neither a working nor a failing sender is asked again.
    expect(await evaluateQuotaAlerts([customer.customerId], new Date(), { send: refused })).toMatchObject({ emailed: 0, failed: 0 });
    expect(outboxMailsTo(mailDir, customer.email)).toHaveLength(1);
  });

  it("lets billing staff and admins list crossings, newest first and paged, and refuses customers", async () => {
    const customers = [];
    for (let i = 0; i < 3; i++) {
      const { customer, key } = await customerWithKey();
      await setUsedToday(key, 1000);
      expect((await refreshUsage(customer.customerId)).ok).toBe(true);
      customers.push(customer);
    }
    await evaluateQuotaAlerts(customers.map((c) => c.customerId));
    const admin = await newStaff("ADMIN");
    const firstPage = await listQuotaAlerts(admin, { period: "", threshold: "" }, { pageSize: 4 });
    if (!firstPage.ok) throw new Error(firstPage.error.message);
    expect(firstPage.data.rows).toHaveLength(4);
    expect(firstPage.data.newer).toBeNull();
    expect(firstPage.data.older).not.toBeNull();
    const times = firstPage.data.rows.map((r) => r.crossedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const { decodeCursor } = await import("@/lib/validation/keyset");
    const secondPage = await listQuotaAlerts(admin, { period: "", threshold: "" }, { pageSize: 4, before: decodeCursor(firstPage.data.older) });
    if (!secondPage.ok) throw new Error(secondPage.error.message);
    expect(secondPage.data.newer).not.toBeNull();
    const ids = new Set(firstPage.data.rows.map((r) => r.id));
    expect(secondPage.data.rows.every((r) => !ids.has(r.id))).toBe(true);

    const refused = await listQuotaAlerts(customers[0] ?? null, { period: "", threshold: "" });
    expect(refused.ok ? "allowed" : refused.error.code).toBe("forbidden");
    expect((await listQuotaAlerts(null, { period: "", threshold: "" })).ok).toBe(false);

    // A month whose periods have no crossings lists nothing.
    const empty = await listQuotaAlerts(admin, { period: "2001-01", threshold: "" });
    expect(empty.ok && empty.data.rows).toEqual([]);
  });
});
