/**
 * Runs local AWS from the command line:
 *   tsx local-aws/cli.ts [--port 4566] [--host 127.0.0.1] [--data-dir .data/aws] [--memory] [--no-rate-limits]
 *                        [--no-seed] [--backend-port 0] [--fault SPEC]... [--fault-seed N] [--metric-minute-days 3]
 *                        [--accounts AKID[:keyLimit],...]
 * --memory ignores --data-dir and keeps everything in memory.
 * --fault (repeatable) injects faults, e.g. "CreateApiKey:error=0.2:kind=5xx", "*:latency=50", "dataplane:drop=0.01"
 * (see faults.ts); --fault-seed makes their random draws reproducible.
 * --accounts (or LOCAL_AWS_ACCOUNTS) serves several accounts told apart by access key id, each with its own API
 * Gateway state and key limit, e.g. "shard-a:100,shard-b:100,shard-c:100" (see accounts.ts).
 */
import { parseAccountsSpec } from './accounts';
import { FaultRuleError, parseFaultSpec, type FaultRule } from './faults';
import { startLocalAws, type LocalAwsOptions } from './server';

function parseArgs(argv: string[]): LocalAwsOptions {
  const opts: LocalAwsOptions = {};
  const faults: FaultRule[] = [];
  let memory = false;
  if (process.env.LOCAL_AWS_ACCOUNTS?.trim()) opts.accounts = parseAccountsSpec(process.env.LOCAL_AWS_ACCOUNTS);
  const number = (flag: string, value: string | undefined) => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a port number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--port':
        opts.port = number(arg, argv[++i]);
        break;
      case '--backend-port':
        opts.backendPort = number(arg, argv[++i]);
        break;
      case '--host':
        opts.host = argv[++i];
        break;
      case '--data-dir':
        opts.dataDir = argv[++i];
        break;
      case '--memory':
        memory = true;
        break;
      case '--no-rate-limits':
        opts.rateLimits = false;
        break;
      case '--no-seed':
        opts.seed = false;
        break;
      case '--fault': {
        const spec = argv[++i];
        if (spec === undefined) throw new Error('--fault needs a rule, e.g. "CreateApiKey:error=0.2:kind=5xx"');
        faults.push(parseFaultSpec(spec));
        break;
      }
      case '--fault-seed': {
        const n = Number(argv[++i]);
        if (!Number.isFinite(n)) throw new Error('--fault-seed needs a number');
        opts.faultSeed = n;
        break;
      }
      case '--accounts':
        opts.accounts = parseAccountsSpec(argv[++i] ?? '');
        break;
      case '--metric-minute-days': {
        const n = Number(argv[++i]);
        if (!(n > 0)) throw new Error('--metric-minute-days needs a positive number of days');
        opts.metricMinuteRetentionDays = n;
        break;
      }
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (memory) opts.dataDir = undefined;
  if (faults.length > 0) opts.faults = faults;
  return opts;
}

let opts: LocalAwsOptions;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof FaultRuleError || error instanceof Error ? error.message : error);
  process.exit(2);
}
const aws = await startLocalAws(opts);
console.log(`local AWS listening on ${aws.url}`);
if (opts.accounts) for (const a of aws.accounts) console.log(`local AWS: account ${a.accessKeyId}: up to ${a.keyLimit} API keys`);
for (const rule of aws.faults.list()) {
  console.log(`local AWS: fault ${rule.operation}: error ${rule.errorRate} (${rule.kind}), latency ${rule.latencyMs} ms, drop ${rule.dropRate}`);
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  aws.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`local AWS: error while stopping on ${signal}:`, error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
