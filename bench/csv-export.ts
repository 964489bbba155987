/**
 * The billing CSV exports at scale (npm run bench:csv-export): seeds 10,000 customers × 31 days of stored usage
 * straight into the database (one key each, every 10th customer with a second, rotated-away key: ≈ 341,000
 * UsageDay rows), then streams the daily-usage export and the period-report export (with its totals row) through the exports' own code
 * (lib/billing/*-export.ts: authorization, audit, keyset batches, csv-stringify, the pull stream the route handler
 * returns), read to the end as a client would. Prints rows, bytes, time and memory (RSS and JS heap: at the start,
 * the peak while streaming, and at 25/50/75/100% of the rows) to show memory stays flat while the file grows.
 *
 * The export runs in its own process (like the portal's server), apart from the embedded database, so the memory
 * figures are the export's, not PGlite's. Flags: --customers N (10000) --days N (31) --slow MS (0: a client that
 * waits MS per chunk, to show backpressure holds memory flat for a slow reader too).
 */
import pg from 'pg';
import { runNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, runBenchmark } from './table';

const CUSTOMERS = arg('--customers', 10_000);
const DAYS = arg('--days', 31);
const FROM = '2026-10-01';
const TO = new Date(Date.parse(`${FROM}T00:00:00Z`) + (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);

async function seed(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const tiers = (await client.query<{ id: string; usagePlanId: string }>(`SELECT id, "usagePlanId" FROM "Tier" ORDER BY "sortOrder"`)).rows;
  if (tiers.length === 0) throw new Error('no tiers');
  const tierIds = tiers.map((t) => t.id);
  const planIds = tiers.map((t) => t.usagePlanId);
  // Customers since January (the database records each one's tier span from createdAt), so all are billed in the
  // range. Names and companies include commas, quotes and formula-looking text, as real user input can.
  await client.query(
    `INSERT INTO "Customer"(id, name, company, status, "tierId", "createdAt", "updatedAt")
     SELECT 'bench-c' || i,
            CASE WHEN i % 97 = 0 THEN '=HYPERLINK("http://evil.example","c' || i || '")' ELSE 'Customer ' || lpad(i::text, 5, '0') END,
            CASE WHEN i % 3 = 0 THEN NULL ELSE 'Company ' || i || ', "Ltd"' END,
            'ACTIVE'::"CustomerStatus", ($2::text[])[1 + i % array_length($2::text[], 1)], '2026-01-01'::timestamp, now()
     FROM generate_series(0, $1::int - 1) AS i`,
    [CUSTOMERS, tierIds],
  );
  await client.query(
    `INSERT INTO "ApiKey"(id, "customerId", name, "awsKeyId", "lastFour", "usagePlanId", status, "createdAt", "updatedAt")
     SELECT 'bench-k' || i, 'bench-c' || i, 'production', 'benchaws' || i, lpad((i % 10000)::text, 4, '0'), ($2::text[])[1 + i % array_length($2::text[], 1)], 'ACTIVE'::"ApiKeyStatus", now(), now()
     FROM generate_series(0, $1::int - 1) AS i
     UNION ALL
     SELECT 'bench-r' || i, 'bench-c' || i, 'rotated', 'benchawsr' || i, 'r' || lpad((i % 1000)::text, 3, '0'), ($2::text[])[1 + i % array_length($2::text[], 1)], 'REVOKED'::"ApiKeyStatus", now(), now()
     FROM generate_series(0, $1::int - 1, 10) AS i`,
    [CUSTOMERS, planIds],
  );
  await client.query(
    `INSERT INTO "UsageDay"("apiKeyId", date, "usagePlanId", used, remaining)
     SELECT k.id, d::date, k."usagePlanId", (hashtext(k.id || d::text) & 4095), NULL
     FROM "ApiKey" k CROSS JOIN generate_series($1::date, $2::date, interval '1 day') AS d
     WHERE k.id LIKE 'bench-%'`,
    [FROM, TO],
  );
  const rows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "UsageDay"`)).rows[0]?.n ?? 0);
  await client.query('ANALYZE');
  await client.end();
  return rows;
}

interface Sample {
  rss: number;
  heap: number;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** In the measuring process: stream one export to the end, sampling memory. */
async function measure(label: string, open: () => Promise<ReadableStream<Uint8Array>>, expectedRows: number | null, slowMs: number) {
  globalThis.gc?.();
  const start: Sample = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
  const peak: Sample = { ...start };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
    return m;
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  const reader = (await open()).getReader();
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  const marks: string[] = [];
  const live: number[] = [];
  let nextMark = 0.25;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    chunks++;
    for (const byte of value) if (byte === 0x0a) lines++;
    if (expectedRows && lines - 1 >= nextMark * expectedRows) {
      // Live memory at this point: the heap after a full collection, so garbage waiting for the collector does not count.
      sample();
      globalThis.gc?.();
      const m = process.memoryUsage();
      live.push(m.heapUsed);
      marks.push(`${Math.round(nextMark * 100)}%: ${mb(m.rss)} / ${mb(m.heapUsed)}`);
      nextMark += 0.25;
    }
    if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  const rows = lines - 1; // the header line (cells hold no line breaks in this data)
  if (expectedRows !== null && rows !== expectedRows) throw new Error(`${label}: ${rows} rows, expected ${expectedRows}`);
  return {
    row: [
      label,
      rows.toLocaleString('en-US'),
      `${mb(bytes)} MB`,
      String(chunks),
      `${(ms / 1000).toFixed(2)} s`,
      `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')}`,
      `${mb(start.rss)} → ${mb(peak.rss)} (+${mb(peak.rss - start.rss)})`,
      `${mb(start.heap)} → ${mb(peak.heap)} (+${mb(peak.heap - start.heap)})`,
      `${mb(Math.max(...live) - start.heap)}`,
    ],
    marks,
  };
}

async function measuringProcess() {
  const slowMs = arg('--slow', 0);
  const expectedDailyRows = Number(process.env.BENCH_EXPECTED_ROWS);
  const { upsertStaffUser } = await import('../lib/users/create-staff-user');
  const staff = await upsertStaffUser({ email: 'billing@bench.local', password: 'bench-password-long', name: 'Bench billing', role: 'BILLING' });
  if (!staff.ok) throw new Error(staff.error.message);
  const actor = { userId: staff.data.id, email: 'billing@bench.local', name: 'Bench billing', role: 'BILLING' as const, customerId: null };
  const { exportDailyUsageCsv } = await import('../lib/billing/daily-usage-export');
  const { exportReportCsv } = await import('../lib/billing/report-export');
  const { db } = await import('../lib/db');
  await db.customer.count(); // connections and modules loaded before the first measurement
  const results = [];
  results.push(
    await measure(
      'daily usage',
      async () => {
        const result = await exportDailyUsageCsv(actor, { from: FROM, to: TO, customerId: null });
        if (!result.ok) throw new Error(result.error.message);
        return result.data.stream;
      },
      expectedDailyRows,
      slowMs,
    ),
  );
  results.push(
    await measure(
      'period report',
      async () => {
        const result = await exportReportCsv(actor, { range: { from: FROM, to: TO }, filters: {}, totals: true });
        if (!result.ok) throw new Error(result.error.message);
        return result.data.stream;
      },
      CUSTOMERS + 1, // one row per customer and the totals row
      slowMs,
    ),
  );
  console.log(`\nCSV exports: ${CUSTOMERS.toLocaleString('en-US')} customers × ${DAYS} days (${FROM} to ${TO}), streamed to the end by one reader${slowMs ? ` waiting ${slowMs} ms per chunk` : ''}`);
  printTable(['export', 'rows', 'bytes', 'chunks', 'time', 'rows/s', 'RSS MB start → peak', 'heap MB start → peak', 'live heap MB over start'], results.map((r) => r.row));
  for (const r of results) console.log(`${r.row[0]}: RSS / live heap MB (after a GC) as the rows went by: ${r.marks.join(', ')}`);
}

async function main() {
  if (process.argv.includes('--measure')) return measuringProcess();
  const stack = await startStack({ rateLimits: false });
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    const t0 = Date.now();
    const usageRows = await seed(stack.databaseUrl);
    console.log(`[bench] seeded ${CUSTOMERS.toLocaleString('en-US')} customers and ${usageRows.toLocaleString('en-US')} UsageDay rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await runNode(
      ['--expose-gc', '--import', 'tsx', '--conditions=react-server', 'bench/csv-export.ts', '--measure', ...process.argv.slice(2)],
      { ...stack.env, BENCH_EXPECTED_ROWS: String(usageRows) },
      'export measurement',
    );
  } finally {
    await stack.close();
  }
}

runBenchmark(main);
