/**
 * Gateway throughput and added latency (`npm run bench:gateway`).
 *
 * Starts local AWS in memory (rate limits off), lifts every throttle out of the way through the real SDK (a usage plan
 * with very high limits, UpdateStage `*\/*` throttling) and turns the stage cache off for GET /pets, then drives the
 * same request — GET /pets — at the demo backend directly and through the gateway's data plane. The load generator
 * runs in a separate process (child_process.fork of bench/load-worker.ts), so on a 2-core machine the server (gateway
 * + backend, one event loop) and the client each get a core.
 *
 * Phases (after a warm-up each): throughput with N connections, latency with one connection (no queueing, so the
 * difference is what the gateway adds), and a cache-hit run for reference.
 *
 *   tsx bench/gateway-throughput.ts [--seconds 7] [--warmup 1.5] [--connections 32]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { startLocalAws } from '../local-aws/server';
import type { LoadJob, LoadResult } from './load-worker';
import { arg, printTable, runBenchmark } from './table';

const seconds = arg('--seconds', 7);
const warmup = arg('--warmup', 1.5);
const connections = arg('--connections', 32);

const TARGET_RPS = 2000;
const TARGET_ADDED_P99_MS = 2;

function runJob(worker: ChildProcess, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: { ok: boolean; result?: LoadResult; error?: string }) => {
      worker.off('exit', onExit);
      if (msg.ok && msg.result) resolve(msg.result);
      else reject(new Error(msg.error ?? 'load worker failed'));
    };
    const onExit = (code: number | null) => reject(new Error(`load worker exited with ${code}`));
    worker.once('message', onMessage);
    worker.once('exit', onExit);
    worker.send(job);
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const aws = await startLocalAws({ port: 0, rateLimits: false });
  const client = new APIGatewayClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const worker = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const { restApiId, stage } = aws.demo;
    const plan = await client.send(
      new CreateUsagePlanCommand({ name: 'bench-unthrottled', apiStages: [{ apiId: restApiId, stage }], throttle: { rateLimit: 1_000_000, burstLimit: 1_000_000 } }),
    );
    const key = await client.send(new CreateApiKeyCommand({ name: 'bench', enabled: true }));
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
    await client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: stage,
        patchOperations: [
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1000000' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000000' },
          { op: 'replace', path: '/~1pets/GET/caching/enabled', value: 'false' },
        ],
      }),
    );
    const gateway = (path: string) => `${aws.url}/restapis/${restApiId}/${stage}/_user_request_${path}`;
    const headers = { 'x-api-key': key.value! };
    const check = await fetch(gateway('/pets'), { headers });
    if (check.status !== 200 || check.headers.get('x-cache') !== null) throw new Error(`setup check failed: ${check.status} x-cache=${check.headers.get('x-cache')}`);

    const job = (url: string, conns: number): LoadJob => ({ url, headers, connections: conns, warmupMs: warmup * 1000, durationMs: seconds * 1000 });
    const phases: [string, string, number, LoadJob][] = [
      ['backend direct', 'GET /pets', connections, job(`${aws.backendUrl}/pets`, connections)],
      ['through gateway', 'GET /pets', connections, job(gateway('/pets'), connections)],
      ['backend direct', 'GET /pets', 1, job(`${aws.backendUrl}/pets`, 1)],
      ['through gateway', 'GET /pets', 1, job(gateway('/pets'), 1)],
      ['gateway, cache hit', 'GET /pets/1', connections, job(gateway('/pets/1'), connections)],
    ];
    const results: LoadResult[] = [];
    for (const [name, request, conns, j] of phases) {
      process.stderr.write(`  running: ${name} ${request}, ${conns} connection(s), ${seconds} s ...\n`);
      results.push(await runJob(worker, j));
    }

    const f = (n: number, digits = 2) => n.toFixed(digits);
    console.log(`\nGateway throughput — local AWS in memory, rate limits and throttles out of the way; ${cpus().length} CPU core(s).`);
    console.log(`Load generator: separate process (child_process.fork), keep-alive node:http Agent, closed loop; ${seconds} s per phase after ${warmup} s warm-up.\n`);
    printTable(
      ['phase', 'request', 'conns', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-200'],
      phases.map(([name, request, conns], i) => {
        const r = results[i] as LoadResult;
        const non200 = r.requests - (r.statuses['200'] ?? 0) + r.errors;
        return [name, request, String(conns), f(r.rps, 0), f(r.p50Ms), f(r.p90Ms), f(r.p99Ms), f(r.maxMs), String(non200)];
      }),
    );
    const [directN, gatewayN, direct1, gateway1] = results as [LoadResult, LoadResult, LoadResult, LoadResult];
    const addedP50 = gateway1.p50Ms - direct1.p50Ms;
    const addedP99 = gateway1.p99Ms - direct1.p99Ms;
    console.log('');
    printTable(
      ['figure', 'measured', 'target', 'result'],
      [
        [`gateway req/s (${connections} conns)`, f(gatewayN.rps, 0), `>= ${TARGET_RPS}`, gatewayN.rps >= TARGET_RPS ? 'met' : 'NOT met'],
        ['added p50 (1 conn)', `${f(addedP50)} ms`, '', ''],
        ['added p99 (1 conn)', `${f(addedP99)} ms`, `< ${TARGET_ADDED_P99_MS} ms`, addedP99 < TARGET_ADDED_P99_MS ? 'met' : 'NOT met'],
        [`added p50 / p99 (${connections} conns, incl. queueing)`, `${f(gatewayN.p50Ms - directN.p50Ms)} / ${f(gatewayN.p99Ms - directN.p99Ms)} ms`, '', ''],
        ['gateway / direct req/s', `${f((gatewayN.rps / directN.rps) * 100, 0)} %`, '', ''],
      ],
    );
    console.log(`\nTotal time ${f((Date.now() - started) / 1000, 1)} s.`);
  } finally {
    worker.disconnect();
    client.destroy();
    await aws.close();
  }
}

runBenchmark(main);
