/**
 * A burst of sign-ups against local AWS with AWS's control-plane limits on (npm run bench:signup): N customers sign
 * up at once (each sign-up queues the customer's first key), then the real background worker provisions the keys.
 * Reports keys provisioned per second against API Gateway's ceiling of 5 CreateApiKey per second, and how many
 * were lost (not active, or left in AWS without a record). Flags: --customers N (500) --concurrency N (25).
 */
import { APIGatewayClient, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { runNode, startNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, runBenchmark } from './table';

const CUSTOMERS = arg('--customers', 500);
const CONCURRENCY = arg('--concurrency', 25);

async function main() {
  const stack = await startStack({ rateLimits: true });
  Object.assign(process.env, stack.env); // before the portal's modules are loaded: they read the environment once
  const { signUp } = await import('../lib/customers/sign-up');
  const { db } = await import('../lib/db');
  let worker: import('node:child_process').ChildProcess | undefined;
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    const tier = await db.tier.findFirstOrThrow({ where: { slug: 'basic' } });

    const t0 = Date.now();
    let next = 0;
    const refused: string[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CUSTOMERS) {
          const i = next++;
          const result = await signUp({ name: `Burst ${i}`, email: `burst${i}@example.com`, password: 'burst-password-1', tierId: tier.id });
          if (!result.ok) refused.push(result.error.message);
        }
      }),
    );
    const signUpSeconds = (Date.now() - t0) / 1000;
    console.log(`[bench] ${CUSTOMERS - refused.length} sign-ups in ${signUpSeconds.toFixed(1)} s (${refused.length} refused); each queued its first key`);

    const callsBefore = stack.awsCalls();
    const throttledBefore = stack.awsThrottled();
    const started = Date.now();
    worker = (await startNode([tsxCli, '--conditions=react-server', 'scripts/worker.ts'], stack.env, 'worker', /started/)).child;
    let active = 0;
    let lastChange = Date.now();
    const timeline: [number, number][] = [];
    while (Date.now() - lastChange < 60_000) {
      const now = await db.apiKey.count({ where: { status: 'ACTIVE', customer: { name: { startsWith: 'Burst ' } } } });
      if (now !== active) {
        active = now;
        lastChange = Date.now();
        timeline.push([(lastChange - started) / 1000, active]);
      }
      if (active >= CUSTOMERS) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (lastChange - started) / 1000;
    worker.kill('SIGTERM');

    const statuses = await db.apiKey.groupBy({ by: ['status'], where: { customer: { name: { startsWith: 'Burst ' } } }, _count: { _all: true } });
    const aws = new APIGatewayClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
    let awsKeys = 0;
    let position: string | undefined;
    do {
      const page = await aws.send(new GetApiKeysCommand({ nameQuery: 'gatehouse-', limit: 500, position }));
      awsKeys += page.items?.length ?? 0;
      position = page.position;
    } while (position);

    const rate = active / seconds;
    console.log(`\nSign-up burst: ${CUSTOMERS} customers, local AWS control-plane limits ON (CreateApiKey 5/s, account 10/s burst 40)`);
    printTable(
      ['figure', 'value'],
      [
        ['keys provisioned', `${active} of ${CUSTOMERS}`],
        ['time from worker start to last key active', `${seconds.toFixed(1)} s`],
        ['keys per second', `${rate.toFixed(2)} (${((rate / 5) * 100).toFixed(0)}% of AWS's 5/s; target ≥ 90%)`],
        ['AWS calls by the worker', String(stack.awsCalls() - callsBefore)],
        ['of which answered 429 by AWS', String(stack.awsThrottled() - throttledBefore)],
        ['key records by status', statuses.map((s) => `${s.status} ${s._count._all}`).join(', ')],
        ['gatehouse keys in AWS', String(awsKeys)],
        ['lost (not active, or AWS keys ≠ records)', String(CUSTOMERS - active + Math.abs(awsKeys - active))],
      ],
    );
    console.log(`progress (s, keys active): ${timeline.filter((_, i) => i % Math.max(1, Math.floor(timeline.length / 10)) === 0).map(([t, n]) => `${t.toFixed(0)}s:${n}`).join(' ')}`);
  } finally {
    worker?.kill('SIGTERM');
    await db.$disconnect();
    await stack.close();
  }
}

runBenchmark(main);
