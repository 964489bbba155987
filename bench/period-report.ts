/**
 * The billing period report at 10,000 customers (npm run bench:period-report): seeds customers straight into the
 * database (a mix of basic, premium and enterprise; 1–3 keys each, some revoked; a share moved tier mid-month and a
 * share deleted) with 31 days of stored usage for every key, then loads the report as /billing does — the first page
 * sorted by amount with the totals of the whole set and the near/over-quota lists — and a few other views (sorted by
 * name, filtered to over-quota, a search, a late page). Prints server time p50/p95 per view. Server time is the
 * report's data work in the server process (one SQL statement plus the page's tier spans and forecasts), not HTML.
 * Flags: --customers N (10000) --rounds N (10) --explain (also print the statement's EXPLAIN ANALYZE).
 */
import pg from 'pg';
import { runNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, quantile, runBenchmark } from './table';

const CUSTOMERS = arg('--customers', 10_000);
const ROUNDS = arg('--rounds', 10);
const MONTH = '2026-10';
const DAYS = 31;

async function seed(databaseUrl: string): Promise<{ keys: number; usageDays: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const tiers = (await client.query<{ id: string; slug: string; usagePlanId: string }>(`SELECT id, slug, "usagePlanId" FROM "Tier"`)).rows;
  const tier = (slug: string) => {
    const t = tiers.find((x) => x.slug === slug);
    if (!t) throw new Error(`no ${slug} tier`);
    return t;
  };
  const [basic, premium, enterprise] = [tier('basic'), tier('premium'), tier('enterprise')];
  // Customers: 70% basic, 25% premium, 5% enterprise; created before the month (the trigger opens their span then).
  await client.query(
    `INSERT INTO "Customer"(id, name, company, status, "tierId", "createdAt", "updatedAt")
     SELECT 'bench-c' || i, 'Bench customer ' || lpad(i::text, 5, '0'), CASE WHEN i % 3 = 0 THEN 'Company ' || i END, 'ACTIVE'::"CustomerStatus",
            CASE WHEN i % 20 = 0 THEN $2 WHEN i % 4 = 1 THEN $3 ELSE $4 END, timestamp '2026-09-01' + (i % 20) * interval '1 day', now()
     FROM generate_series(0, $1 - 1) AS i`,
    [CUSTOMERS, enterprise.id, premium.id, basic.id],
  );
  // Every 10th basic customer moved to premium on 15 October (the trigger closes and opens their spans: set the time).
  await client.query(`UPDATE "Customer" SET "tierId" = $1 WHERE id IN (SELECT 'bench-c' || i FROM generate_series(0, $2 - 1) AS i WHERE i % 20 = 2)`, [premium.id, CUSTOMERS]);
  await client.query(
    `UPDATE "CustomerTierSpan" SET "to" = timestamp '2026-10-15 10:00' WHERE "customerId" IN (SELECT 'bench-c' || i FROM generate_series(0, $1 - 1) AS i WHERE i % 20 = 2) AND "to" IS NOT NULL`,
    [CUSTOMERS],
  );
  await client.query(
    `UPDATE "CustomerTierSpan" SET "from" = timestamp '2026-10-15 10:00' WHERE "customerId" IN (SELECT 'bench-c' || i FROM generate_series(0, $1 - 1) AS i WHERE i % 20 = 2) AND "to" IS NULL`,
    [CUSTOMERS],
  );
  // Every 50th customer deleted on 20 October.
  await client.query(
    `UPDATE "Customer" SET status = 'DELETED', "deletedAt" = timestamp '2026-10-20 12:00' WHERE id IN (SELECT 'bench-c' || i FROM generate_series(0, $1 - 1) AS i WHERE i % 50 = 7)`,
    [CUSTOMERS],
  );
  // Keys: 1–3 per customer, the third revoked; all in the customer's current plan.
  await client.query(
    `INSERT INTO "ApiKey"(id, "customerId", name, "awsKeyId", "usagePlanId", status, "createdAt", "updatedAt", "revokedAt")
     SELECT 'bench-k' || i || '-' || k, c.id, 'key ' || k, 'benchaws' || i || 'x' || k, t."usagePlanId",
            CASE WHEN k = 3 THEN 'REVOKED'::"ApiKeyStatus" ELSE 'ACTIVE'::"ApiKeyStatus" END, c."createdAt", now(), CASE WHEN k = 3 THEN timestamp '2026-10-25' END
     FROM generate_series(0, $1 - 1) AS i JOIN "Customer" c ON c.id = 'bench-c' || i JOIN "Tier" t ON t.id = c."tierId"
     CROSS JOIN generate_series(1, 1 + i % 3) AS k`,
    [CUSTOMERS],
  );
  // 31 days of usage for every key: a daily count around a share of the quota, some customers well over it.
  await client.query(
    `INSERT INTO "UsageDay"("apiKeyId", date, "usagePlanId", used, "fetchedAt")
     SELECT k.id, d::date, k."usagePlanId",
            ((hashtext(k.id || d::text) & 511) * CASE WHEN right(k."customerId", 2) = '13' THEN 4 WHEN right(k."customerId", 1) = '3' THEN 2 ELSE 1 END
              * CASE WHEN k."usagePlanId" = $1 THEN 10 ELSE 1 END)::int, now()
     FROM "ApiKey" k CROSS JOIN generate_series(timestamp '${MONTH}-01', timestamp '${MONTH}-01' + interval '${DAYS - 1} days', interval '1 day') AS d
     WHERE k.id LIKE 'bench-k%'`,
    [premium.usagePlanId],
  );
  const counts = await client.query<{ keys: string; days: string }>(`SELECT (SELECT count(*) FROM "ApiKey") AS keys, (SELECT count(*) FROM "UsageDay") AS days`);
  await client.query('ANALYZE');
  await client.end();
  return { keys: Number(counts.rows[0]?.keys), usageDays: Number(counts.rows[0]?.days) };
}

async function main() {
  const stack = await startStack({ rateLimits: false });
  Object.assign(process.env, stack.env); // before the portal's modules load: they read the environment once
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    const t0 = Date.now();
    const seeded = await seed(stack.databaseUrl);
    console.log(
      `[bench] ${CUSTOMERS.toLocaleString('en-US')} customers, ${seeded.keys.toLocaleString('en-US')} keys, ${seeded.usageDays.toLocaleString('en-US')} usage days (${MONTH}) seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const { periodReport, reportSql } = await import('../lib/billing/period-report');
    if (process.argv.includes('--explain')) {
      const { Prisma } = await import('../lib/generated/prisma');
      const sql = reportSql({ from: `${MONTH}-01`, to: `${MONTH}-31` }, {}, Prisma.sql`ORDER BY r.amount_cents DESC NULLS LAST, r."id"`, Prisma.sql`LIMIT 50`, Prisma.sql`'[]'::json AS near, '[]'::json AS over`);
      const client = new pg.Client({ connectionString: stack.databaseUrl });
      await client.connect();
      await client.query('BEGIN');
      await client.query(`SET LOCAL work_mem = '64MB'`);
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${sql.text}`, sql.values);
      await client.query('COMMIT');
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      await client.end();
    }
    const billing = { userId: 'bench-billing', email: 'billing@bench.local', name: 'Bench', role: 'BILLING' as const, customerId: null, authenticatedAt: new Date() };
    const now = new Date(`${MONTH}-20T12:00:00Z`); // inside the month: the watch lists get forecasts
    const views: [string, Record<string, string>][] = [
      ['first page by amount', { month: MONTH }],
      ['by name', { month: MONTH, sort: 'name', dir: 'asc' }],
      ['over quota', { month: MONTH, quota: 'over' }],
      ['search', { month: MONTH, q: 'customer 012' }],
      ['page 100 of 25', { month: MONTH, page: '100', pageSize: '25' }],
    ];
    const warmStart = performance.now();
    const first = await periodReport(billing, { month: MONTH }, now); // warm-up: modules, connections, plans
    if (!first.ok) throw new Error(first.error.message);
    console.log(`[bench] first (cold) report in ${(performance.now() - warmStart).toFixed(0)} ms`);
    const t = first.data.totals;
    console.log(
      `[bench] report: ${t.customers} customers, ${t.requests.toLocaleString('en-US')} requests, ${t.overageRequests.toLocaleString('en-US')} over quota, amount $${(t.amountCents / 100).toLocaleString('en-US')}; near ${t.nearQuota}, over ${t.overQuota}`,
    );
    if (t.customers !== CUSTOMERS) throw new Error(`expected ${CUSTOMERS} customers in the report, got ${t.customers}`);
    const rows: string[][] = [];
    for (const [label, query] of views) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const started = performance.now();
        const result = await periodReport(billing, query, now);
        times.push(performance.now() - started);
        if (!result.ok) throw new Error(result.error.message);
      }
      times.sort((a, b) => a - b);
      rows.push([label, String(times.length), quantile(times, 0.5).toFixed(0), quantile(times, 0.95).toFixed(0)]);
    }
    printTable(['view', 'runs', 'p50 ms', 'p95 ms'], rows);
  } finally {
    await stack.close();
  }
}

runBenchmark(main);
