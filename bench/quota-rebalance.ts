/**
 * npm run bench:rebalance — control-plane calls the pooled-quota sweep (lib/quota/rebalance.ts) makes per minute at
 * 10,000 customers. Seeds local AWS (ImportApiKeys, keys in the basic and premium plans) and the database with a
 * realistic mix inside AWS's 10,000-keys-per-account limit: 10,000 customers, 6,300 with one key, 1,000 with two,
 * 500 with three, 2,200 with none live (9,800 keys); 70% basic (1,000/day), 30% premium (10,000/day). Usage today:
 * most keys light, some past half the quota, a few multi-key customers near it. Then runs a minute of sweeps (6, as
 * at the default 10 s interval) with traffic added between them, counting GetUsage and UpdateUsage calls through the
 * counting proxy, and prints the figures. Calls are not paced here (the count is the point); the time at the default
 * budget of 3 calls/s is calls ÷ 3.
 */
import pg from 'pg';
import { runNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, runBenchmark } from './table';

const CUSTOMERS = arg('--customers', 10_000);
const SWEEPS = arg('--sweeps', 6);

interface SeedKey {
  customer: number;
  index: number;
  plan: 'basic' | 'premium';
  value: string;
}

/** Keys per customer: 0 for 22%, 1 for 63%, 2 for 10%, 3 for 5% (by customer number, deterministic). */
function keysOf(customer: number): number {
  const slot = customer % 100;
  return slot < 22 ? 0 : slot < 85 ? 1 : slot < 95 ? 2 : 3;
}

/** A deterministic pseudo-random fraction per key and round. */
function fraction(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return x - Math.floor(x);
}

async function main() {
  const stack = await startStack({ rateLimits: false });
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    Object.assign(process.env, stack.env, { GATEHOUSE_REBALANCE_CALLS_PER_SECOND: '100000' });
    const plans = { basic: stack.aws.demo.usagePlans.basic, premium: stack.aws.demo.usagePlans.premium };
    const quota = { basic: 1000, premium: 10_000 };

    // Local AWS: every key in one ImportApiKeys call, each in its tier's plan.
    const keys: SeedKey[] = [];
    for (let c = 0; c < CUSTOMERS; c++) {
      const plan = c % 10 < 7 ? 'basic' : 'premium';
      for (let k = 0; k < keysOf(c); k++) keys.push({ customer: c, index: k, plan, value: `rebalancebench${c}x${k}valuevalue` });
    }
    const t0 = Date.now();
    const csv = ['Name,Key,Enabled,UsagePlanIds', ...keys.map((k) => `gatehouse-rb${k.customer}-${k.index},${k.value},true,${plans[k.plan]}`)].join('\n');
    const imported = await fetch(`${stack.aws.url}/apikeys?mode=import&format=csv&failonwarnings=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: 'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/apigateway/aws4_request' },
      body: csv,
    });
    if (imported.status !== 201) throw new Error(`ImportApiKeys: ${imported.status} ${await imported.text()}`);
    const { ids } = (await imported.json()) as { ids: string[] };
    if (ids.length !== keys.length) throw new Error(`imported ${ids.length} of ${keys.length} keys`);

    // The database: customers and their keys (ids as AWS gave them).
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const tiers = new Map(
      (await client.query<{ id: string; slug: string }>(`SELECT id, slug FROM "Tier" WHERE slug IN ('basic','premium')`)).rows.map((r) => [r.slug, r.id]),
    );
    const all = Array.from({ length: CUSTOMERS }, (_, c) => c);
    await client.query(
      `INSERT INTO "Customer"(id, name, status, "tierId", "createdAt", "updatedAt")
       SELECT c, 'Rebalance customer ' || c, 'ACTIVE'::"CustomerStatus", t, now(), now() FROM unnest($1::text[], $2::text[]) AS x(c, t)`,
      [all.map((c) => `rb-c${c}`), all.map((c) => tiers.get(c % 10 < 7 ? 'basic' : 'premium'))],
    );
    await client.query(
      `INSERT INTO "ApiKey"(id, "customerId", name, "awsKeyId", "lastFour", "usagePlanId", status, "createdAt", "updatedAt", "activatedAt")
       SELECT k, c, 'key', a, 'abcd', p, 'ACTIVE'::"ApiKeyStatus", now() - interval '2 days', now(), now() - interval '2 days'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(k, c, a, p)`,
      [keys.map((k) => `rb-k${k.customer}-${k.index}`), keys.map((k) => `rb-c${k.customer}`), ids, keys.map((k) => plans[k.plan])],
    );
    await client.end();
    console.log(`[bench] seeded ${CUSTOMERS} customers and ${keys.length} keys in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // Usage today (local AWS's backfill): 60% of keys light, 25% a third of the quota split over the customer's keys,
    // 10% 45–60% of it, 5% 80–95% of it.
    const today = new Date().toISOString().slice(0, 10);
    const shareOf = (k: SeedKey, round: number) => {
      const f = fraction(k.customer + round * 7919);
      const level = f < 0.6 ? 0.02 : f < 0.85 ? 0.33 : f < 0.95 ? 0.45 + f * 0.15 - 0.1275 : 0.8 + (f - 0.95) * 3;
      return Math.floor((level * quota[k.plan]) / keysOf(k.customer));
    };
    const backfill = async (round: number, mode: 'replace' | 'add') => {
      const entries = keys.map((k, i) => ({
        usagePlanId: plans[k.plan],
        keyId: ids[i],
        days: [{ date: today, used: round === 0 ? shareOf(k, 0) : Math.floor(shareOf(k, round) / 20) }],
      }));
      const res = await fetch(`${stack.aws.url}/_localaws/usage/backfill`, { method: 'POST', body: JSON.stringify({ mode, entries }) });
      if (!res.ok) throw new Error(`backfill: ${res.status} ${await res.text()}`);
    };
    await backfill(0, 'replace');

    const { rebalanceSweep } = await import('../lib/quota/rebalance');
    const rows: string[][] = [];
    let minuteGet = 0;
    let minuteUpdate = 0;
    for (let sweep = 0; sweep <= SWEEPS; sweep++) {
      if (sweep > 1) await backfill(sweep, 'add'); // ten seconds of traffic: about 1/20 of each key's level again
      const before = stack.awsCalls();
      const started = Date.now();
      const s = await rebalanceSweep({ callsPerSecond: 100_000 });
      const wire = stack.awsCalls() - before;
      if (s.plansFailed.length) throw new Error(`sweep failed: ${JSON.stringify(s.plansFailed)}`);
      if (sweep > 0) {
        minuteGet += s.getUsageCalls;
        minuteUpdate += s.updateUsageCalls;
      }
      rows.push([
        sweep === 0 ? 'first (cold: AWS full quota per key)' : `steady ${sweep}`,
        String(s.keysRead),
        String(s.getUsageCalls),
        String(s.updateUsageCalls),
        String(s.customersRebalanced),
        String(wire),
        ((Date.now() - started) / 1000).toFixed(1),
        ((s.getUsageCalls + s.updateUsageCalls) / 3).toFixed(1),
      ]);
    }
    console.log(`\nPooled-quota sweeps at ${CUSTOMERS} customers, ${keys.length} keys (embedded database, local AWS):`);
    printTable(['sweep', 'keys read', 'GetUsage', 'UpdateUsage', 'customers rebalanced', 'AWS calls (wire)', 'seconds (unpaced)', 's at 3 calls/s'], rows);
    const perMinute = minuteGet + minuteUpdate;
    console.log(
      `\ncontrol-plane calls per minute (${SWEEPS} steady sweeps, one every ${60 / SWEEPS} s): ${perMinute} ` +
        `(GetUsage ${minuteGet}, UpdateUsage ${minuteUpdate}) = ${(perMinute / 60).toFixed(2)} calls/s of the account's 10/s`,
    );
  } finally {
    await stack.close();
  }
}

runBenchmark(main);
