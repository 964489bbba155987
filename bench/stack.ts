/**
 * The pieces the portal benchmarks start: local AWS (in memory, optionally with AWS's control-plane rate limits),
 * a counting proxy in front of it (so a benchmark can say how many AWS calls the portal made), and a migrated
 * database (embedded PGlite in memory, or BENCH_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { startLocalAws, type LocalAws } from '../local-aws/server';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../scripts/embedded-postgres';
import { runNode } from '../scripts/lib/processes';

export interface Stack {
  aws: LocalAws;
  /** AWS endpoint for the portal: the counting proxy. */
  awsEndpoint: string;
  awsCalls(): number;
  /** How many of those AWS answered 429 (throttled). */
  awsThrottled(): number;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startStack({ rateLimits }: { rateLimits: boolean }): Promise<Stack> {
  const aws = await startLocalAws({ port: 0, rateLimits });
  let calls = 0;
  let throttled = 0;
  const target = new URL(aws.url);
  const proxy: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/_localaws') && !req.url?.includes('/_user_request_')) calls++;
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        if (answer.statusCode === 429) throttled++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const awsEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let database: EmbeddedPostgres | undefined;
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (database = await startEmbeddedPostgres({ port: 0 })).url;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AWS_ENDPOINT_URL: awsEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    GATEHOUSE_GATEWAY_URL: `${aws.url}/restapis/${aws.demo.restApiId}/${aws.demo.stage}/_user_request_`,
  };
  await runNode(['scripts/prisma.mjs', 'migrate', 'deploy'], env, 'migrations');
  return {
    aws,
    awsEndpoint,
    awsCalls: () => calls,
    awsThrottled: () => throttled,
    databaseUrl,
    env,
    async close() {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await aws.close();
      await database?.close();
    },
  };
}
