/**
 * Traffic generator for local AWS (`npm run traffic`): realistic load on the demo API's data plane with every API key
 * in a usage plan on `gatehouse-demo-api`/`prod`, found through the real AWS SDK, plus optional backfilled history.
 *
 *   tsx local-aws/traffic.ts [--endpoint URL] [--rate 300] [--duration SECONDS] [--seed N]
 *                            [--backfill-days 30 [--backfill-only] [--force-backfill]]
 *
 * --endpoint        local AWS base URL (default env AWS_ENDPOINT_URL, else http://127.0.0.1:4566)
 * --rate            overall requests per minute, bursts aside (default 300)
 * --duration        stop after this many seconds (default: until Ctrl-C)
 * --backfill-days   first write N days of per-key usage and AWS/ApiGateway metrics history, then run live traffic
 * --backfill-only   exit after the backfill
 * --force-backfill  rewrite metric history even if the range already has some
 * --seed            seed for the request mix
 *
 * Prints one summary line per minute (requests by status); never prints key values.
 * In-process: `startTraffic({ endpoint, durationMs?, signal? })` and `backfillHistory({ endpoint, days })`.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { backfillHistory } from './traffic/backfill';
import { formatStatuses, startTraffic } from './traffic/load';

export { backfillHistory, type BackfillOptions, type BackfillResult } from './traffic/backfill';
export { startTraffic, type KeyStats, type StatusCounts, type TrafficOptions, type TrafficRun, type TrafficStats } from './traffic/load';
export { PROFILES, profileFor, type TrafficProfile } from './traffic/profiles';

interface CliOptions {
  endpoint?: string;
  ratePerMinute?: number;
  durationMs?: number;
  seed?: number;
  backfillDays?: number;
  backfillOnly: boolean;
  forceBackfill: boolean;
}

const USAGE = 'usage: tsx local-aws/traffic.ts [--endpoint URL] [--rate PER_MINUTE] [--duration SECONDS] [--seed N] [--backfill-days N [--backfill-only] [--force-backfill]]';

function parseArgs(argv: string[]): CliOptions {
  const out: CliOptions = { backfillOnly: false, forceBackfill: false };
  const num = (flag: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--endpoint':
        out.endpoint = argv[++i];
        if (!out.endpoint) throw new Error('--endpoint needs a URL');
        break;
      case '--rate':
        out.ratePerMinute = num(arg, argv[++i], 1);
        break;
      case '--duration':
        out.durationMs = num(arg, argv[++i], 1) * 1000;
        break;
      case '--seed':
        out.seed = num(arg, argv[++i], 0);
        break;
      case '--backfill-days':
        out.backfillDays = num(arg, argv[++i], 1);
        if (!Number.isInteger(out.backfillDays)) throw new Error('--backfill-days needs a whole number');
        break;
      case '--backfill-only':
        out.backfillOnly = true;
        break;
      case '--force-backfill':
        out.forceBackfill = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${arg}\n${USAGE}`);
    }
  }
  if (out.backfillOnly && out.backfillDays === undefined) throw new Error('--backfill-only needs --backfill-days');
  return out;
}

async function main(argv: string[]): Promise<void> {
  let cli: CliOptions;
  try {
    cli = parseArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (cli.backfillDays !== undefined) {
    try {
      await backfillHistory({ endpoint: cli.endpoint, days: cli.backfillDays, force: cli.forceBackfill, seed: cli.seed });
    } catch (error) {
      console.error(`[backfill] failed: ${(error as Error).message}`);
      process.exit(1);
    }
    if (cli.backfillOnly) return;
  }
  const controller = new AbortController();
  const run = startTraffic({ endpoint: cli.endpoint, ratePerMinute: cli.ratePerMinute, durationMs: cli.durationMs, seed: cli.seed, signal: controller.signal });
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const stats = await run.done;
  console.log(
    `[traffic] done after ${Math.round(stats.elapsedMs / 1000)} s: ${stats.requests} requests (${formatStatuses(stats.byStatus)})` +
      `${stats.networkErrors > 0 ? `, ${stats.networkErrors} without answer` : ''}, ${stats.keys} key(s)`,
  );
}

function invokedDirectly(): boolean {
  const path = process.argv[1];
  if (!path) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(path)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
