/**
 * Gatehouse past one process (npm run bench:scale): replicas on one PostgreSQL with AWS's control-plane limits on.
 *
 * The replica run: 2 portal processes and 3 worker processes share one database (a fresh database on the PostgreSQL
 * server at 127.0.0.1:5432 when one answers, or BENCH_DATABASE_URL; else the embedded one, which serves one
 * connection at a time) and one local AWS account. 1,000 sign-ups are spread over both portals (bench/scale-portal.ts,
 * the sign-up form's path) while the real workers (scripts/worker.ts) provision the keys; the shared pacer
 * (lib/aws/shared-pacer.ts) keeps all processes together within the account's limits. Prints keys provisioned per
 * second against the 5/s CreateApiKey ceiling (target ≥ 90%), AWS's 429s, keys lost, duplicate keys, and the drift a
 * final reconcile finds (all targets 0).
 *
 * Flags: --customers N (1000) --portals N (2) --workers N (3) --concurrency N (sign-ups in flight per portal, 10)
 * --run replicas (the runs to do, comma-separated; a sharded run goes beside the replica run in `runs`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { APIGatewayClient, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import pg from 'pg';
import { runNode, startNode, stopProcess, tsxCli } from '../scripts/lib/processes';
import { startStack, type Stack } from './stack';
import { arg, printTable, runBenchmark, stringArg } from './table';

const CUSTOMERS = arg('--customers', 1000);
const PORTALS = arg('--portals', 2);
const WORKERS = arg('--workers', 3);
const CONCURRENCY = arg('--concurrency', 10);
const CREATE_API_KEY_PER_SECOND = 5;

/** A fresh database on the local PostgreSQL server, if one answers; dropped at the end. */
async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, drop: async () => undefined };
  if (spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']).status !== 0) return null;
  const admin = 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `gatehouse_bench_scale_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A bench child that waits for "go" on stdin and prints JSON lines. */
function startChild(args: string[], env: NodeJS.ProcessEnv, label: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  const listeners: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    if (text.startsWith('{')) lines.push(JSON.parse(text) as Record<string, unknown>);
    else console.log(`[${label}] ${text}`);
    for (const l of listeners) l();
  });
  createInterface({ input: child.stderr! }).on('line', (text) => console.error(`[${label}] ${text}`));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const next = (key: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const look = () => {
        const line = lines.find((l) => key in l);
        if (line) resolve(line);
      };
      listeners.push(look);
      look();
      void exited.then(() => reject(new Error(`${label} exited before printing ${key}`)));
    });
  return { child, next, exited, go: () => child.stdin?.write('go\n') };
}

interface ReplicaFigures {
  keys: number;
  rate: number;
  seconds: number;
  signUpSeconds: number;
  awsCalls: number;
  throttled: number;
  lost: number;
  duplicates: number;
  drift: number;
  statuses: string;
}

/** The replica run: portals and workers on one database, one AWS account. */
async function replicaRun(stack: Stack): Promise<ReplicaFigures> {
  const { db } = await import('../lib/db');
  const { reconcile } = await import('../lib/operations/reconcile');
  const { repairsIn } = await import('../lib/operations/admin-reconcile');
  await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
  const tier = await db.tier.findFirstOrThrow({ where: { slug: 'basic' } });

  const workers: ChildProcess[] = [];
  const portals = Array.from({ length: PORTALS }, (_, p) => {
    const from = Math.floor((p * CUSTOMERS) / PORTALS) + 1;
    const to = Math.floor(((p + 1) * CUSTOMERS) / PORTALS);
    const args = ['bench/scale-portal.ts', '--from', String(from), '--to', String(to), '--concurrency', String(CONCURRENCY), '--tier', tier.id];
    return startChild(args, stack.env, `portal ${p + 1}`);
  });
  try {
    for (let w = 0; w < WORKERS; w++) {
      workers.push((await startNode([tsxCli, '--conditions=react-server', 'scripts/worker.ts'], stack.env, `worker ${w + 1}`, /started/)).child);
    }
    await Promise.all(portals.map((p) => p.next('ready')));
    const callsBefore = stack.awsCalls();
    const throttledBefore = stack.awsThrottled();
    const started = Date.now();
    for (const p of portals) p.go();

    let signUpSeconds = 0;
    void Promise.all(portals.map((p) => p.next('signUps'))).then((done) => {
      signUpSeconds = (Date.now() - started) / 1000;
      const refused = done.flatMap((d) => d.refused as string[]);
      console.log(`[bench] ${done.reduce((n, d) => n + Number(d.signUps), 0)} sign-ups in ${signUpSeconds.toFixed(1)} s over ${PORTALS} portals${refused.length ? `; refused: ${refused.join('; ')}` : ''}`);
    });

    const ours = { customer: { name: { startsWith: 'Scale ' } } };
    let active = 0;
    let lastChange = Date.now();
    let lastReport = 0;
    while (Date.now() - lastChange < 60_000 && active < CUSTOMERS) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await db.apiKey.count({ where: { status: 'ACTIVE', ...ours } });
      if (now !== active) [active, lastChange] = [now, Date.now()];
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`[bench] ${((Date.now() - started) / 1000).toFixed(0)} s: ${active} keys active, ${stack.awsThrottled() - throttledBefore} AWS 429s`);
      }
    }
    const awsCalls = stack.awsCalls() - callsBefore;
    const throttled = stack.awsThrottled() - throttledBefore;
    await Promise.all(workers.map((w) => stopProcess(w)));
    await Promise.all(portals.map((p) => p.exited));

    // Keys per second by the database's own record of when each key became active.
    const span = await db.apiKey.aggregate({ where: { status: 'ACTIVE', ...ours }, _min: { activatedAt: true }, _max: { activatedAt: true } });
    const seconds = ((span._max.activatedAt?.getTime() ?? 0) - (span._min.activatedAt?.getTime() ?? 0)) / 1000;
    const rate = active > 1 && seconds > 0 ? (active - 1) / seconds : 0;

    const records = await db.apiKey.findMany({ where: ours, select: { id: true, customerId: true, awsKeyId: true, status: true } });
    const statuses = Object.entries(Object.groupBy(records, (r) => r.status)).map(([s, rs]) => `${s} ${rs?.length ?? 0}`).join(', ');
    const awsKeys = await listGatehouseKeys(stack);
    const recordIds = new Set(records.map((r) => r.awsKeyId).filter(Boolean));
    const customersWithKey = new Set(records.filter((r) => r.status === 'ACTIVE').map((r) => r.customerId));
    const keysPerCustomer = Object.values(Object.groupBy(awsKeys, (k) => k.customerId ?? k.id));
    const duplicates = keysPerCustomer.reduce((n, keys) => n + Math.max(0, (keys?.length ?? 0) - 1), 0) + (records.length - new Set(records.map((r) => r.customerId)).size);
    const lost = CUSTOMERS - customersWithKey.size + awsKeys.filter((k) => !recordIds.has(k.id)).length;

    const drift = repairsIn(await reconcile());
    return { keys: active, rate, seconds, signUpSeconds, awsCalls, throttled, lost, duplicates, drift, statuses };
  } finally {
    for (const p of portals) p.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => stopProcess(w)));
    await db.$disconnect();
  }
}

async function listGatehouseKeys(stack: Stack): Promise<{ id: string; customerId?: string }[]> {
  const aws = new APIGatewayClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const keys: { id: string; customerId?: string }[] = [];
  let position: string | undefined;
  do {
    const page = await aws.send(new GetApiKeysCommand({ nameQuery: 'gatehouse-', limit: 500, position }));
    for (const k of page.items ?? []) keys.push({ id: k.id ?? '', customerId: k.customerId });
    position = page.position;
  } while (position);
  return keys;
}

function printReplicaRun(f: ReplicaFigures, database: string) {
  const share = (f.rate / CREATE_API_KEY_PER_SECOND) * 100;
  console.log(`\nReplicas: ${PORTALS} portals and ${WORKERS} workers on one ${database}, ${CUSTOMERS} sign-ups, local AWS control-plane limits ON (CreateApiKey 5/s, account 10/s burst 40)`);
  printTable(
    ['figure', 'value'],
    [
      ['keys provisioned', `${f.keys} of ${CUSTOMERS}`],
      ['sign-ups took (both portals)', `${f.signUpSeconds.toFixed(1)} s`],
      ['first to last key active', `${f.seconds.toFixed(1)} s`],
      ['keys per second', `${f.rate.toFixed(2)} (${share.toFixed(0)}% of AWS's 5/s; target ≥ 90%)`],
      ['AWS calls', `${f.awsCalls} (${(f.awsCalls / Math.max(1, f.keys)).toFixed(2)} per key)`],
      ['throttled calls (AWS 429)', String(f.throttled)],
      ['keys lost (target 0)', String(f.lost)],
      ['duplicate keys (target 0)', String(f.duplicates)],
      ['drift found by a final reconcile (target 0)', String(f.drift)],
      ['key records by status', f.statuses],
    ],
  );
}

/** The runs this benchmark knows; each starts from a fresh stack. A sharded run (several AWS accounts) goes here. */
const runs: Record<string, (stack: Stack, database: string) => Promise<void>> = {
  replicas: async (stack, database) => printReplicaRun(await replicaRun(stack), database),
};

async function main() {
  const chosen = (stringArg('--run') ?? Object.keys(runs).join(',')).split(',');
  for (const name of chosen) {
    const run = runs[name];
    if (!run) throw new Error(`unknown run ${name}; known: ${Object.keys(runs).join(', ')}`);
    const postgres = await freshPostgres();
    if (postgres) process.env.BENCH_DATABASE_URL = postgres.url;
    else console.log('[bench] no PostgreSQL at 127.0.0.1:5432: using the embedded database (one connection at a time)');
    const stack = await startStack({ rateLimits: true });
    Object.assign(process.env, stack.env); // before the portal's modules are loaded: they read the environment once
    try {
      await run(stack, postgres ? 'PostgreSQL' : 'embedded PGlite');
    } finally {
      await stack.close();
      await postgres?.drop();
    }
  }
}

runBenchmark(main);
