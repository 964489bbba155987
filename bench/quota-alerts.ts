/**
 * Quota alerts for every customer (npm run bench:quota-alerts): N customers (10,000) on the premium tier (10,000
 * requests a day) with one key, one person and today's usage spread from 0 to 125% of the quota; then the worker's
 * evaluation for "all" the way scripts/worker.ts runs it every minute. The first run records every crossing and
 * e-mails it (file transport in a temporary directory, unpaced); the following runs find nothing new, which is what
 * the minutely job costs almost all the time. Prints the time of each, the rows and e-mails, and p50/p95 of the
 * steady-state run. No AWS call is made (stored usage only): the counting proxy's figure shows it.
 * Flags: --customers N (10000) --rounds N (5).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, quantile, runBenchmark } from './table';

const CUSTOMERS = arg('--customers', 10_000);
const ROUNDS = arg('--rounds', 5);

async function seedCustomers(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const tier = (await client.query<{ id: string; usagePlanId: string; quotaLimit: number }>(`SELECT id, "usagePlanId", "quotaLimit" FROM "Tier" WHERE slug = 'premium'`)).rows[0];
  if (!tier) throw new Error('no premium tier');
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => i);
  await client.query(
    `INSERT INTO "Customer"(id, name, status, "tierId", "createdAt", "updatedAt")
     SELECT 'bench-c' || i, 'Bench customer ' || i, 'ACTIVE'::"CustomerStatus", $2, now(), now() FROM unnest($1::int[]) AS x(i)`,
    [ids, tier.id],
  );
  await client.query(
    `INSERT INTO "User"(id, email, name, role, "customerId", "createdAt", "updatedAt")
     SELECT 'bench-u' || i, 'bench-' || i || '@example.com', 'Bench ' || i, 'CUSTOMER'::"Role", 'bench-c' || i, now(), now() FROM unnest($1::int[]) AS x(i)`,
    [ids],
  );
  await client.query(
    `INSERT INTO "ApiKey"(id, "customerId", name, "awsKeyId", "usagePlanId", status, "createdAt", "updatedAt")
     SELECT 'bench-k' || i, 'bench-c' || i, 'production', 'benchaws' || i, $2, 'ACTIVE'::"ApiKeyStatus", now(), now() FROM unnest($1::int[]) AS x(i)`,
    [ids, tier.usagePlanId],
  );
  // Usage today from 0 to 125% of the quota, evenly: 36% of customers reach 80%, 20% reach 100%.
  await client.query(
    `INSERT INTO "UsageDay"("apiKeyId", date, "usagePlanId", used) SELECT 'bench-k' || i, (now() AT TIME ZONE 'UTC')::date, $2, ((i * 7919) % $3)::int FROM unnest($1::int[]) AS x(i)`,
    [ids, tier.usagePlanId, Math.round(tier.quotaLimit * 1.25)],
  );
  await client.end();
  return tier.quotaLimit;
}

async function main() {
  const stack = await startStack({ rateLimits: false });
  const mailDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-alert-mail-'));
  Object.assign(process.env, stack.env, { GATEHOUSE_MAIL_DIR: mailDir }); // before the portal's modules load
  const log = console.log;
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    const quota = await seedCustomers(stack.databaseUrl);
    log(`[bench] ${CUSTOMERS.toLocaleString('en-US')} customers on a ${quota.toLocaleString('en-US')}-a-day quota, usage today from 0 to 125%`);
    const { evaluateQuotaAlerts } = await import('../lib/quota-alerts/evaluate');
    const options = { maxMails: CUSTOMERS * 2, mailsPerSecond: 0 };
    const awsBefore = stack.awsCalls();

    console.log = () => undefined; // the file transport prints one line per message
    let started = performance.now();
    const first = await evaluateQuotaAlerts('all', new Date(), options);
    const firstMs = performance.now() - started;
    console.log = log;

    const steady: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      started = performance.now();
      const run = await evaluateQuotaAlerts('all', new Date(), options);
      steady.push(performance.now() - started);
      if (run.recorded || run.emailed || run.failed) throw new Error(`a steady-state run did something: ${JSON.stringify(run)}`);
    }
    steady.sort((a, b) => a - b);
    const mails = readFileSync(join(mailDir, 'outbox.jsonl'), 'utf8').split('\n').filter(Boolean).length;
    printTable(
      ['run', 'customers', 'crossings recorded', 'e-mails', 'time'],
      [
        ['first (records + e-mails)', String(first.customers), String(first.recorded), String(mails), `${(firstMs / 1000).toFixed(2)} s`],
        [`steady state p50 (${ROUNDS} runs)`, String(first.customers), '0', '0', `${quantile(steady, 0.5).toFixed(0)} ms`],
        [`steady state p95 (${ROUNDS} runs)`, String(first.customers), '0', '0', `${quantile(steady, 0.95).toFixed(0)} ms`],
      ],
    );
    log(`[bench] AWS calls during the evaluations: ${stack.awsCalls() - awsBefore} (target 0: stored usage only)`);
  } finally {
    console.log = log;
    rmSync(mailDir, { recursive: true, force: true });
    await stack.close();
  }
}

runBenchmark(main);
