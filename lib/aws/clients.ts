import "server-only";
import { APIGatewayClient, type ServiceInputTypes, type ServiceOutputTypes } from "@aws-sdk/client-api-gateway";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { pacerFor } from "@/lib/aws/shared-pacer";
import { env } from "@/lib/env";
import { primaryShardId, shardConfig, type ShardConfig } from "@/lib/shards/config";
import { currentShardId } from "@/lib/shards/scope";
import { awsFailureOutcome, countAwsCall } from "@/lib/observability/metrics";

// Built once per process and shard. Without GATEHOUSE_SHARDS the one shard "default" uses the SDK's standard chain
// (AWS_REGION, AWS_ENDPOINT_URL, credentials), so local AWS and a real account differ only in the environment. A
// configured shard brings its own region and credentials (profile, role or, locally, static keys). The SDK retries
// throttling and 5xx answers (4 attempts with backoff); durable operations retry further (lib/operations).
const apiGateways = new Map<string, { config: ShardConfig; client: APIGatewayClient }>();
let cloudWatch: CloudWatchClient | undefined;

/**
 * Counts every HTTP attempt (gatehouse_aws_calls_total): in the deserialize step, inside the SDK's retries, so a
 * call throttled twice and then answered counts two "throttled" and one "ok".
 */
function countCalls(client: APIGatewayClient | CloudWatchClient, service: string, shard: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? "unknown";
      try {
        const output = await next(args);
        countAwsCall(service, command, "ok", shard);
        return output;
      } catch (error) {
        countAwsCall(service, command, awsFailureOutcome(error), shard);
        throw error;
      }
    },
    { step: "deserialize", name: "gatehouseCallMetrics", priority: "high" },
  );
}

function credentialsOf(shard: ShardConfig) {
  if (shard.profile) return fromIni({ profile: shard.profile });
  if (shard.roleArn) {
    return fromTemporaryCredentials({
      params: { RoleArn: shard.roleArn, RoleSessionName: `gatehouse-${shard.id}`, ExternalId: shard.externalId },
      clientConfig: shard.region ? { region: shard.region } : undefined,
    });
  }
  if (shard.accessKeyId && shard.secretAccessKey) return { accessKeyId: shard.accessKeyId, secretAccessKey: shard.secretAccessKey };
  return undefined; // the standard chain
}

/** The API Gateway client of a shard: by default the one the running code is scoped to (lib/shards/scope.ts). */
export function apiGatewayClient(shardId: string = currentShardId()): APIGatewayClient {
  const config = shardConfig(shardId);
  const built = apiGateways.get(shardId);
  if (built && built.config === config) return built.client;
  built?.client.destroy();
  // AWS_MAX_ATTEMPTS (the SDK's own variable) overrides the default of 4 attempts.
  const credentials = credentialsOf(config);
  const client = new APIGatewayClient({
    ...(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 4 }),
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
  if (env().GATEHOUSE_AWS_PACING === "aws") {
    // Every attempt waits for its slot in the shard's (its account's) buckets, the SDK's retries too (so a retry
    // never spends a token nobody reserved), and is signed after the wait. Every process on the database shares the
    // buckets (lib/aws/shared-pacer.ts).
    const pacer = pacerFor(shardId);
    const pacing: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
      await pacer.acquire(context.commandName ?? "");
      return next(args);
    };
    client.middlewareStack.addRelativeTo(pacing, { relation: "before", toMiddleware: "httpSigningMiddleware", name: "gatehouseControlPlanePacing" });
  }
  countCalls(client, "apigateway", shardId);
  apiGateways.set(shardId, { config, client });
  return client;
}

export function cloudWatchClient(): CloudWatchClient {
  if (!cloudWatch) {
    cloudWatch = new CloudWatchClient(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 4 });
    countCalls(cloudWatch, "cloudwatch", primaryShardId()); // CloudWatch is read in the first shard's account
  }
  return cloudWatch;
}
