/**
 * GetUsage over a big plan (`npm run bench:usage`).
 *
 * Starts local AWS in memory with rate limits off, creates 10,000 API keys in one usage plan through the real SDK
 * (CreateApiKey + CreateUsagePlanKey, 32 calls in flight — no in-process shortcut), backfills 31 days of usage for
 * every key (POST /_localaws/usage/backfill, 500 keys per call), then times GetUsage over those 31 days page by page
 * (limit 500) through the real SDK, twice. The SDK client runs in the same process as the server here.
 *
 *   tsx bench/get-usage.ts [--keys 10000] [--concurrency 32]
 */
import { performance } from 'node:perf_hooks';
import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand, GetUsageCommand } from '@aws-sdk/client-api-gateway';
import { startLocalAws } from '../local-aws/server';
import { dayString, epochDayOf } from '../local-aws/usage-ledger';
import { arg, printTable, quantile, runBenchmark } from './table';

const KEYS = arg('--keys', 10_000);
const CONCURRENCY = arg('--concurrency', 32);
const DAYS = 31;
const PAGE = 500;
const TARGET_PAGE_MS = 1000;

async function main(): Promise<void> {
  const started = performance.now();
  const aws = await startLocalAws({ port: 0, rateLimits: false, limits: { maxApiKeys: Math.max(10_000, KEYS) } });
  const client = new APIGatewayClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    const plan = await client.send(
      new CreateUsagePlanCommand({
        name: 'bench-usage',
        apiStages: [{ apiId: aws.demo.restApiId, stage: aws.demo.stage }],
        throttle: { rateLimit: 100, burstLimit: 200 },
        quota: { limit: 1_000_000, period: 'MONTH' },
      }),
    );
    const planId = plan.id!;

    // 1. Keys, through the SDK.
    const createStarted = performance.now();
    const keyIds: string[] = new Array(KEYS);
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < KEYS) {
          const i = next++;
          const key = await client.send(new CreateApiKeyCommand({ name: `bench-${String(i).padStart(5, '0')}`, enabled: true }));
          await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }));
          keyIds[i] = key.id!;
        }
      }),
    );
    const createMs = performance.now() - createStarted;

    // 2. 31 days of usage for every key.
    const today = epochDayOf(Date.now());
    const firstDay = today - (DAYS - 1);
    const startDate = dayString(firstDay);
    const endDate = dayString(today);
    let expectedTotal = 0;
    const backfillStarted = performance.now();
    for (let i = 0; i < keyIds.length; i += PAGE) {
      const entries = keyIds.slice(i, i + PAGE).map((keyId, j) => ({
        usagePlanId: planId,
        keyId,
        days: Array.from({ length: DAYS }, (_, d) => {
          const used = ((i + j) * 7 + d * 13) % 500;
          expectedTotal += used;
          return { date: dayString(firstDay + d), used };
        }),
      }));
      const res = await fetch(`${aws.url}/_localaws/usage/backfill`, { method: 'POST', body: JSON.stringify({ entries }) });
      if (!res.ok) throw new Error(`backfill failed: ${res.status} ${await res.text()}`);
    }
    const backfillMs = performance.now() - backfillStarted;

    // 3. GetUsage, page by page, twice.
    const passes: { pages: number[]; totalMs: number; keys: number; sum: number }[] = [];
    for (let pass = 0; pass < 2; pass++) {
      const pages: number[] = [];
      let keys = 0;
      let sum = 0;
      let position: string | undefined;
      const passStarted = performance.now();
      do {
        const t0 = performance.now();
        const page = await client.send(new GetUsageCommand({ usagePlanId: planId, startDate, endDate, limit: PAGE, position }));
        pages.push(performance.now() - t0);
        for (const days of Object.values(page.items ?? {})) {
          if (days.length !== DAYS) throw new Error(`expected ${DAYS} days per key, got ${days.length}`);
          keys++;
          for (const d of days) sum += d[0] ?? 0;
        }
        position = page.position;
      } while (position);
      passes.push({ pages, totalMs: performance.now() - passStarted, keys, sum });
    }

    const f = (n: number, digits = 1) => n.toFixed(digits);
    console.log(`\nGetUsage over ${DAYS} days — ${KEYS} keys in one usage plan (MONTH quota), local AWS in memory, rate limits off.`);
    console.log(`Keys created through the real SDK (CreateApiKey + CreateUsagePlanKey, ${CONCURRENCY} in flight): ${f(createMs / 1000)} s (${f((KEYS * 2) / (createMs / 1000), 0)} calls/s).`);
    console.log(`Usage backfilled through POST /_localaws/usage/backfill: ${f(backfillMs)} ms. SDK client and server share one process.\n`);
    printTable(
      ['pass', 'pages', 'keys', 'p50 ms/page', 'p90 ms/page', 'max ms/page', 'total ms', 'sums match'],
      passes.map((p, i) => {
        const sorted = [...p.pages].sort((a, b) => a - b);
        return [i === 0 ? 'first' : 'second', String(p.pages.length), String(p.keys), f(quantile(sorted, 0.5)), f(quantile(sorted, 0.9)), f(quantile(sorted, 1)), f(p.totalMs, 0), p.sum === expectedTotal && p.keys === KEYS ? 'yes' : 'NO'];
      }),
    );
    const worst = Math.max(...passes.flatMap((p) => p.pages));
    console.log(`\nTarget < ${TARGET_PAGE_MS} ms per ${PAGE}-key page: ${worst < TARGET_PAGE_MS ? 'met' : 'NOT met'} (worst page ${f(worst)} ms).`);
    console.log(`Total time ${f((performance.now() - started) / 1000)} s.`);
    if (passes.some((p) => p.sum !== expectedTotal || p.keys !== KEYS)) throw new Error('GetUsage returned different numbers than were backfilled');
  } finally {
    client.destroy();
    await aws.close();
  }
}

runBenchmark(main);
