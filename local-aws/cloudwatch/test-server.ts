/** Test helper: a real node:http server around handleCloudWatchHttp plus a real SDK client pointed at it. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { handleCloudWatchHttp } from './http';
import { CloudWatchService } from './service';

export type TestCloudWatch = {
  client: CloudWatchClient;
  service: CloudWatchService;
  endpoint: string;
  clock: { ms: number };
  requests: { headers: IncomingHttpHeaders; bytes: number }[];
  close(): Promise<void>;
};

export async function startCloudWatch(startMs: number, service?: CloudWatchService): Promise<TestCloudWatch> {
  const clock = { ms: startMs };
  const svc = service ?? new CloudWatchService({ now: () => clock.ms });
  const requests: TestCloudWatch['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ headers: req.headers, bytes: body.length });
      void handleCloudWatchHttp(svc, req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new CloudWatchClient({
    region: 'us-east-1', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1,
  });
  return {
    client, service: svc, endpoint, clock, requests,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs a promise that must reject and returns the SDK error. */
export async function sdkError(p: Promise<unknown>): Promise<Error & { Code?: string; $metadata?: { httpStatusCode?: number } } & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}
