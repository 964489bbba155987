/**
 * The usage history snapshot over 10,000 keys × 31 days (npm run bench:snapshot).
 *
 * Starts local AWS (in memory, rate limits off) behind a counting proxy and a migrated database (bench/stack.ts),
 * then seeds both directly: the 10,000 keys go into AWS in one ImportApiKeys call (CSV with the basic tier's usage
 * plan), 31 days of usage through POST /_localaws/usage/backfill, and the portal's customer and key records with
 * plain multi-row INSERTs (not 10,000 portal operations). Then it takes the snapshot the way the worker does
 * (lib/usage-history: one run, claimed, swept page by page) and prints the GetUsage calls (target: at most
 * ceil(keys in the plan / 500) per plan per 90 days), the rows stored and the time (target: under 10 s). A second
 * sweep of the same range shows the rerun (every row already stored: updates instead of inserts).
 * Flags: --keys N (10000) --days N (31).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { APIGatewayClient, ImportApiKeysCommand } from '@aws-sdk/client-api-gateway';
import pg from 'pg';
import { runNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, runBenchmark } from './table';

const KEYS = arg('--keys', 10_000);
const DAYS = arg('--days', 31);
const KEYS_PER_CUSTOMER = 5;
const TARGET_MS = 10_000;

async function main() {
  const stack = await startStack({ rateLimits: false });
  Object.assign(process.env, stack.env); // before the portal's modules are loaded: they read the environment once
  const sql = new pg.Client({ connectionString: stack.databaseUrl });
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    await sql.connect();
    const { rows: tiers } = await sql.query<{ id: string; usagePlanId: string }>(`SELECT "id", "usagePlanId" FROM "Tier" WHERE "slug" = 'basic'`);
    const tier = tiers[0];
    if (!tier) throw new Error('no basic tier after the tier sync');

    // 1. AWS: the keys in one ImportApiKeys call, then their usage.
    const seedStarted = performance.now();
    const aws = new APIGatewayClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
    const tag = randomUUID().slice(0, 8);
    const csv = ['Name,Key,Enabled,UsagePlanIds', ...Array.from({ length: KEYS }, (_, i) => `bench-${i},bench-${tag}-${String(i).padStart(6, '0')}-value-xxxxxxxx,true,${tier.usagePlanId}`)].join('\n');
    const imported = await aws.send(new ImportApiKeysCommand({ body: new TextEncoder().encode(csv), format: 'csv', failOnWarnings: true }));
    const awsKeyIds = imported.ids ?? [];
    console.log(`[bench] ${awsKeyIds.length} keys imported in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    if (awsKeyIds.length !== KEYS) throw new Error(`imported ${awsKeyIds.length} keys, expected ${KEYS}`);
    const today = new Date().toISOString().slice(0, 10);
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const from = day(-(DAYS - 1));
    let expectedUsed = 0;
    for (let i = 0; i < KEYS; i += 2000) {
      const entries = awsKeyIds.slice(i, i + 2000).map((keyId, j) => ({
        usagePlanId: tier.usagePlanId,
        keyId,
        days: Array.from({ length: DAYS }, (_, d) => {
          const used = ((i + j) * 7 + d * 13) % 300;
          expectedUsed += used;
          return { date: day(d - (DAYS - 1)), used };
        }),
      }));
      const res = await fetch(`${stack.aws.url}/_localaws/usage/backfill`, { method: 'POST', body: JSON.stringify({ entries }) });
      if (!res.ok) throw new Error(`backfill: ${res.status} ${await res.text()}`);
    }

    console.log(`[bench] usage backfilled at ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    // 2. The portal's records, directly.
    const customers = Math.ceil(KEYS / KEYS_PER_CUSTOMER);
    for (let c = 0; c < customers; c += 1000) {
      const ids = Array.from({ length: Math.min(1000, customers - c) }, (_, i) => `bench_c_${c + i}`);
      await sql.query(`INSERT INTO "Customer" ("id", "name", "tierId", "updatedAt") SELECT id, 'Bench ' || id, $2, now() FROM unnest($1::text[]) AS id`, [ids, tier.id]);
    }
    for (let k = 0; k < KEYS; k += 2000) {
      const slice = awsKeyIds.slice(k, k + 2000);
      await sql.query(
        `INSERT INTO "ApiKey" ("id", "customerId", "name", "awsKeyId", "usagePlanId", "status", "updatedAt")
         SELECT 'bench_k_' || n, 'bench_c_' || (n / ${KEYS_PER_CUSTOMER}), 'key ' || n, aws, $2, 'ACTIVE', now()
         FROM unnest($1::text[], $3::int[]) AS t(aws, n)`,
        [slice, tier.usagePlanId, slice.map((_, i) => k + i)],
      );
    }
    const seedMs = performance.now() - seedStarted;
    console.log(`[bench] records inserted at ${(seedMs / 1000).toFixed(1)} s`);

    // 3. The snapshot, as the worker takes it.
    const { createSnapshotRun } = await import('../lib/usage-history/create-snapshot-run');
    const { claimAndRunSnapshot } = await import('../lib/usage-history/run-snapshot');
    const { db } = await import('../lib/db');
    const sweeps: string[][] = [];
    for (const label of ['first sweep', 'rerun (same range)']) {
      const run = await createSnapshotRun({ trigger: 'MANUAL', from, to: today, planIds: [tier.usagePlanId] });
      const callsBefore = stack.awsCalls();
      const started = performance.now();
      const outcome = await claimAndRunSnapshot({ runId: run.id });
      const ms = performance.now() - started;
      console.log(`[bench] ${label}: ${(ms / 1000).toFixed(1)} s`);
      const done = await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: run.id } });
      const target = Math.ceil(KEYS / 500) * Math.ceil(DAYS / 90);
      sweeps.push([
        label,
        outcome?.outcome ?? 'not claimed',
        String(stack.awsCalls() - callsBefore),
        String(done.getUsageCalls),
        `≤ ${target}`,
        done.rowsStored.toLocaleString('en-US'),
        `${(ms / 1000).toFixed(2)} s`,
        ms < TARGET_MS ? 'yes' : 'NO',
      ]);
    }
    const stored = await db.usageDay.aggregate({ where: { usagePlanId: tier.usagePlanId }, _sum: { used: true }, _count: { _all: true } });
    console.log(`\nUsage snapshot: ${KEYS.toLocaleString('en-US')} keys × ${DAYS} days in one usage plan (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
    printTable(['sweep', 'outcome', 'AWS calls (proxy)', 'GetUsage calls (run)', 'target calls', 'rows stored', 'time', '< 10 s'], sweeps);
    const complete = stored._count._all === KEYS * DAYS && stored._sum.used === expectedUsed;
    console.log(`Stored: ${stored._count._all.toLocaleString('en-US')} UsageDay rows, ${String(stored._sum.used ?? 0)} requests (expected ${expectedUsed}): ${complete ? 'complete' : 'INCOMPLETE'}`);
    await db.$disconnect();
  } finally {
    await sql.end().catch(() => undefined);
    await stack.close();
  }
}

runBenchmark(main);
