/** Shared setup for the local AWS contract tests: a server in memory plus the real SDK client. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { startLocalAws, type LocalAws, type LocalAwsOptions } from './server';

export interface TestAws {
  aws: LocalAws;
  client: APIGatewayClient;
  /** A data-plane URL for `path` on the demo API's prod stage. */
  invokeUrl(path: string): string;
  close(): Promise<void>;
}

export async function startTestAws(opts: LocalAwsOptions = {}): Promise<TestAws> {
  const aws = await startLocalAws({ port: 0, rateLimits: false, ...opts });
  const client = new APIGatewayClient({
    region: 'us-east-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return {
    aws,
    client,
    invokeUrl: (path) => `${aws.url}/restapis/${aws.demo.restApiId}/${aws.demo.stage}/_user_request_${path}`,
    close: async () => {
      client.destroy();
      await aws.close();
    },
  };
}

/** Awaits a promise that must reject and returns the error (fails the test when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } }> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const todayUtc = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10);
