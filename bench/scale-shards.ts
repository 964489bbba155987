/**
 * The sharded half of the scale benchmark (npm run bench:scale-shards): customers sign up over three AWS accounts
 * of 100 API keys each (local AWS accounts told apart by access key id, AWS's control-plane limits on), placed by
 * the portal on the shard with the most room; their first keys are provisioned, each shard paced on its own. Then
 * sign-ups continue until every shard is full and the portal refuses. Reports keys per shard, whether every key sits
 * in its customer's shard's account, any shard over its limit, and the drift a final reconcile finds.
 * Flags: --customers N (250) --key-limit N (100) --concurrency N (25).
 */
import { randomBytes } from 'node:crypto';
import { APIGatewayClient, GetApiKeysCommand, type ApiKey } from '@aws-sdk/client-api-gateway';
import { startLocalAws } from '../local-aws/server';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { runNode } from '../scripts/lib/processes';
import { arg, printTable, runBenchmark } from './table';

const CUSTOMERS = arg('--customers', 250);
const KEY_LIMIT = arg('--key-limit', 100);
const CONCURRENCY = arg('--concurrency', 25);
const SHARDS = ['shard-a', 'shard-b', 'shard-c'];

async function main() {
  const aws = await startLocalAws({ port: 0, rateLimits: true, accounts: SHARDS.map((id) => ({ accessKeyId: `${id}-akid`, keyLimit: KEY_LIMIT })) });
  const database = process.env.BENCH_DATABASE_URL ? undefined : await startEmbeddedPostgres({ port: 0 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? database?.url,
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    GATEHOUSE_GATEWAY_URL: `${aws.url}/restapis/${aws.demo.restApiId}/${aws.demo.stage}/_user_request_`,
    GATEHOUSE_SHARDS: JSON.stringify(
      SHARDS.map((id) => ({ id, endpoint: aws.url, accessKeyId: `${id}-akid`, secretAccessKey: 'bench', keyLimit: KEY_LIMIT })),
    ),
  };
  const clients = SHARDS.map(
    (id) => new APIGatewayClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: `${id}-akid`, secretAccessKey: 'bench' } }),
  );
  try {
    await runNode(['scripts/prisma.mjs', 'migrate', 'deploy'], env, 'migrations');
    Object.assign(process.env, env); // before the portal's modules are loaded: they read the environment once
    const { signUp } = await import('../lib/customers/sign-up');
    const { db } = await import('../lib/db');
    const { drainOperations } = await import('../lib/operations/run');
    const { reconcile } = await import('../lib/operations/reconcile');
    const { shardFill } = await import('../lib/shards/placement');
    const { syncTiers } = await import('../lib/tiers/sync-tiers');
    await syncTiers(); // tiers from the first shard; every tier's plan found on each shard
    const tier = await db.tier.findFirstOrThrow({ where: { slug: 'basic' } });

    let next = 0;
    const refusals: string[] = [];
    const signUpMany = async (count: number, stopAtRefusal: boolean) => {
      const end = next + count;
      let refused = false;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < end && !(stopAtRefusal && refused)) {
            const i = next++;
            const result = await signUp({ name: `Shard ${i}`, email: `shard${i}@example.com`, password: 'shard-password-1', tierId: tier.id });
            if (!result.ok) {
              refusals.push(result.error.message);
              refused = true;
            }
          }
        }),
      );
    };

    const t0 = Date.now();
    await signUpMany(CUSTOMERS, false);
    const signUpSeconds = (Date.now() - t0) / 1000;
    const refusedInMain = refusals.length;
    const t1 = Date.now();
    await drainOperations({ horizonSeconds: 60 });
    const provisionSeconds = (Date.now() - t1) / 1000;
    const activeMain = await db.apiKey.count({ where: { status: 'ACTIVE' } });
    const fillMain = await shardFill(db);
    console.log(`[bench] ${CUSTOMERS - refusedInMain} sign-ups in ${signUpSeconds.toFixed(1)} s; ${activeMain} keys active ${provisionSeconds.toFixed(1)} s later`);

    // Keep signing up until the portal says every shard is full.
    const beforeFill = next;
    await signUpMany(KEY_LIMIT * SHARDS.length, true);
    await drainOperations({ horizonSeconds: 60 });
    const acceptedWhileFilling = next - beforeFill - (refusals.length - refusedInMain);

    const fill = await shardFill(db);
    const records = await db.apiKey.findMany({ select: { id: true, status: true, awsKeyId: true, customer: { select: { shardId: true } } } });
    const recordById = new Map(records.map((r) => [r.id, r]));
    const awsKeysOf = async (client: APIGatewayClient) => {
      const keys: ApiKey[] = [];
      let position: string | undefined;
      do {
        const page = await client.send(new GetApiKeysCommand({ limit: 500, position }));
        keys.push(...(page.items ?? []));
        position = page.position;
      } while (position);
      return keys;
    };
    let misplaced = 0;
    const rows: string[][] = [];
    for (const [index, shard] of SHARDS.entries()) {
      const inAccount = await awsKeysOf(clients[index] as APIGatewayClient);
      misplaced += inAccount.filter((k) => recordById.get(k.tags?.GatehouseKeyId ?? '')?.customer.shardId !== shard).length;
      const f = fill.find((s) => s.id === shard);
      rows.push([
        shard,
        String(f?.customers ?? 0),
        String(f?.liveKeys ?? 0),
        String(inAccount.length),
        String(KEY_LIMIT),
        (f?.liveKeys ?? 0) > KEY_LIMIT || inAccount.length > KEY_LIMIT ? 'YES' : 'no',
      ]);
    }
    const failedKeys = records.filter((r) => r.status === 'FAILED').length;
    const pending = records.filter((r) => r.status === 'PENDING').length;
    const report = await reconcile();
    const drift = report.orphansDeleted + report.revokedKeysDeleted + report.missingMarkedRevoked + report.enabledFixed + report.plansFixed + report.stalePendingFailed;

    console.log(`\nSharded scale: ${CUSTOMERS} customers over ${SHARDS.length} accounts of ${KEY_LIMIT} keys, local AWS control-plane limits ON`);
    printTable(['shard', 'customers', 'live keys (portal)', 'keys in account', 'limit', 'over limit'], rows);
    console.log('');
    printTable(
      ['figure', 'value'],
      [
        ['sign-ups accepted (main run)', `${CUSTOMERS - refusedInMain} of ${CUSTOMERS}`],
        ['first keys active after main run', `${activeMain} in ${provisionSeconds.toFixed(1)} s (${(activeMain / provisionSeconds).toFixed(1)} keys/s over ${SHARDS.length} accounts)`],
        ['live keys per shard after the main run', fillMain.map((f) => `${f.id} ${f.liveKeys}/${f.keyLimit}`).join(', ')],
        ['further sign-ups until every shard was full', `${acceptedWhileFilling} accepted, then refused: "${refusals[refusedInMain] ?? 'never refused'}"`],
        ['keys in an account other than their customer\'s shard', String(misplaced)],
        ['keys failed (e.g. LimitExceeded) / still pending', `${failedKeys} / ${pending}`],
        ['drift repaired by a final reconcile (all shards)', `${drift} (errors: ${report.errors.length})`],
      ],
    );
    await db.$disconnect();
  } finally {
    for (const client of clients) client.destroy();
    await aws.close();
    await database?.close();
  }
}

runBenchmark(main);
