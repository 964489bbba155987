/**
 * Customer dashboard under load (npm run bench:dashboard): 10,000 customers and 20,000 keys in the database, 50
 * signed-in sessions requesting /dashboard concurrently, against the same server's static /api/health/live; plus how many
 * AWS calls a dashboard view makes (counted by a proxy in front of local AWS), which should be 0 on a warm cache.
 * The portal runs as a production build (its standalone server, as deployed), the load from a separate process.
 * For context it also loads /sign-in signed out: a server-rendered page with the same layout and no database query,
 * the floor for any page this server renders per request.
 * Flags: --customers N (10000) --sessions N (50) --seconds N (15) --warmup N (3) --cpu-prof DIR (profile the portal
 * during the dashboard load; see cpu-profile-hook.mjs). BENCH_DATABASE_URL=… uses a server.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { buildIsStale } from '../scripts/lib/build';
import { nextCli, runNode, startNode, tsxCli } from '../scripts/lib/processes';
import { copyStandaloneAssets, standaloneServer } from '../scripts/standalone.mjs';
import type { LoadJob, LoadResult } from './load-worker';
import { startStack } from './stack';
import { arg, printTable, runBenchmark, stringArg } from './table';

const CUSTOMERS = arg('--customers', 10_000);
const SESSIONS = arg('--sessions', 50);
const SECONDS = arg('--seconds', 15);
const WARMUP = arg('--warmup', 3);
const PORT = arg('--port', 3900);
const PASSWORD = 'bench-password-1';
const DIST = '.next-bench';
const PROFILE_HOOK = fileURLToPath(new URL('./cpu-profile-hook.mjs', import.meta.url));
/** --cpu-prof DIR writes V8 CPU profiles of the portal process(es) to DIR, for finding where a view's time goes. */
const CPU_PROF_DIR = stringArg('--cpu-prof');

async function seedCustomers(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const tiers = (await client.query<{ id: string; usagePlanId: string }>(`SELECT id, "usagePlanId" FROM "Tier" WHERE slug IN ('basic','premium') ORDER BY "sortOrder"`)).rows;
  const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const batch = 1000;
  for (let start = 0; start < CUSTOMERS; start += batch) {
    const ids = Array.from({ length: Math.min(batch, CUSTOMERS - start) }, (_, i) => start + i);
    const tier = (i: number) => tiers[i % tiers.length]!;
    await client.query(
      `INSERT INTO "Customer"(id, name, company, status, "tierId", "createdAt", "updatedAt")
       SELECT c, 'Bench customer ' || n, 'Bench Co', 'ACTIVE'::"CustomerStatus", t, now(), now() FROM unnest($1::text[], $2::text[], $3::text[]) AS x(c, n, t)`,
      [ids.map((i) => `bench-c${i}`), ids.map(String), ids.map((i) => tier(i).id)],
    );
    await client.query(
      `INSERT INTO "User"(id, email, name, "passwordHash", role, "customerId", "createdAt", "updatedAt")
       SELECT u, e, 'Bench user', $3, 'CUSTOMER'::"Role", c, now(), now() FROM unnest($1::text[], $2::text[], $4::text[]) AS x(u, e, c)`,
      [ids.map((i) => `bench-u${i}`), ids.map((i) => `bench${i}@example.com`), passwordHash, ids.map((i) => `bench-c${i}`)],
    );
    const keyIds = ids.flatMap((i) => [0, 1].map((k) => ({ i, k })));
    await client.query(
      `INSERT INTO "ApiKey"(id, "customerId", name, "awsKeyId", "lastFour", "usagePlanId", status, "createdAt", "updatedAt", "activatedAt")
       SELECT k, c, n, a, 'abcd', p, 'ACTIVE'::"ApiKeyStatus", now(), now(), now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(k, c, n, a, p)`,
      [
        keyIds.map(({ i, k }) => `bench-k${i}-${k}`),
        keyIds.map(({ i }) => `bench-c${i}`),
        keyIds.map(({ k }) => (k === 0 ? 'production' : 'staging')),
        keyIds.map(({ i, k }) => `benchaws${i}x${k}`),
        keyIds.map(({ i }) => tier(i).usagePlanId),
      ],
    );
  }
  const counts = await client.query<{ customers: string; keys: string }>(`SELECT (SELECT count(*) FROM "Customer") AS customers, (SELECT count(*) FROM "ApiKey") AS keys`);
  await client.end();
  return counts.rows[0];
}

async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${base}/dashboard`, json: 'true' }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c?.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return session;
}

function runJob(job: LoadJob): Promise<LoadResult> {
  const worker = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    worker.once('message', (msg: { ok: boolean; result?: LoadResult; error?: string }) => {
      worker.disconnect();
      if (msg.ok && msg.result) resolve(msg.result);
      else reject(new Error(msg.error ?? 'load worker failed'));
    });
    worker.once('exit', (code) => reject(new Error(`load worker exited with ${code}`)));
    worker.send(job);
  });
}

async function main() {
  const stack = await startStack({ rateLimits: false });
  const env = { ...stack.env, NEXT_DIST_DIR: DIST, NEXTAUTH_URL: `http://127.0.0.1:${PORT}`, PROF_DIR: CPU_PROF_DIR && path.resolve(CPU_PROF_DIR) };
  let portal: import('node:child_process').ChildProcess | undefined;
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], env, 'tier sync');
    const t0 = Date.now();
    const counts = await seedCustomers(stack.databaseUrl);
    console.log(`[bench] seeded ${counts?.customers} customers and ${counts?.keys} keys in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (buildIsStale(DIST)) await runNode([nextCli, 'build'], env, 'next build');
    const profile = CPU_PROF_DIR ? ['--import', PROFILE_HOOK] : [];
    copyStandaloneAssets(DIST);
    portal = (await startNode([...profile, standaloneServer(DIST)], { ...env, PORT: String(PORT), HOSTNAME: '127.0.0.1' }, 'portal', /Ready in/)).child;
    const base = `http://127.0.0.1:${PORT}`;

    const cookies: string[] = [];
    for (let s = 0; s < SESSIONS; s++) cookies.push(await signIn(base, `bench${Math.floor((s * CUSTOMERS) / SESSIONS)}@example.com`));
    for (const cookie of cookies) {
      const page = await fetch(`${base}/dashboard`, { headers: { cookie } });
      const html = await page.text();
      if (page.status !== 200 || !html.includes('Welcome, Bench customer')) throw new Error(`warm-up view failed: ${page.status}`);
    }

    const load = { headers: {}, connections: SESSIONS, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000 };
    const before = stack.awsCalls();
    const toggleProfiler = () => CPU_PROF_DIR && portal?.kill('SIGUSR2');
    toggleProfiler();
    const dashboard = await runJob({ ...load, url: `${base}/dashboard`, headerSets: cookies.map((cookie) => ({ cookie })) });
    toggleProfiler();
    const awsCalls = stack.awsCalls() - before;
    // The floor for any server-rendered page here: the same layout and a form, signed out, no database query.
    const signInPage = await runJob({ ...load, url: `${base}/sign-in` });
    const health = await runJob({ ...load, url: `${base}/api/health/live` });

    const views = dashboard.requests; // measured window only; the calls were counted over warm-up + window
    const row = (name: string, r: LoadResult) => [name, String(r.requests), r.rps.toFixed(0), r.p50Ms.toFixed(1), r.p95Ms.toFixed(1), r.p99Ms.toFixed(1), JSON.stringify(r.statuses), String(r.errors)];
    console.log(`\nDashboard vs static, ${SESSIONS} concurrent sessions, ${SECONDS} s each (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite'}):`);
    printTable(
      ['page', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'statuses', 'errors'],
      [row('/dashboard (signed in)', dashboard), row('/sign-in (rendered, no DB)', signInPage), row('/api/health/live (static)', health)],
    );
    const ratio = (a: LoadResult, b: LoadResult) => `p50 ${(a.p50Ms / b.p50Ms).toFixed(1)}x, p95 ${(a.p95Ms / b.p95Ms).toFixed(1)}x`;
    console.log(`\nratio dashboard/static: ${ratio(dashboard, health)} (target ≤ 2)`);
    console.log(`ratio dashboard/rendered sign-in page: ${ratio(dashboard, signInPage)} (target ≤ 1.5); sign-in/static: ${ratio(signInPage, health)}`);
    console.log(`AWS calls during the dashboard load (warm-up + window): ${awsCalls} for ${views}+ views = ${(awsCalls / Math.max(1, views)).toFixed(3)} per view (target 0)`);
  } finally {
    portal?.kill('SIGTERM');
    await stack.close();
  }
}

runBenchmark(main);
