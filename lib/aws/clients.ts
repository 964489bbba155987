import "server-only";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { ControlPlanePacer } from "@/lib/aws/control-plane-limits";
import { shardConfig, type ShardConfig } from "@/lib/shards/config";
import { currentShardId } from "@/lib/shards/scope";

// Built once per process and shard. Without GATEHOUSE_SHARDS the one shard "default" uses the SDK's standard chain
// (AWS_REGION, AWS_ENDPOINT_URL, credentials), so local AWS and a real account differ only in the environment. A
// configured shard brings its own region and credentials (profile, role or, locally, static keys). The SDK retries
// throttling and 5xx answers (4 attempts with backoff); durable operations retry further (lib/operations).
const apiGateways = new Map<string, { config: ShardConfig; client: APIGatewayClient }>();
const pacers = new Map<string, ControlPlanePacer>();
let cloudWatch: CloudWatchClient | undefined;

/**
 * Paces this process's API Gateway calls within one shard's (one account's) control-plane limits: each shard gets
 * its own pacer, as each account has its own limits.
 */
export function pacerFor(shardId: string): { acquire(commandName: string): Promise<void> } {
  let pacer = pacers.get(shardId);
  if (!pacer) pacers.set(shardId, (pacer = new ControlPlanePacer()));
  return pacer;
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
  const client = new APIGatewayClient({
    ...(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 4 }),
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(credentialsOf(config) ? { credentials: credentialsOf(config) } : {}),
  });
  const pacer = pacerFor(shardId);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      await pacer.acquire(context.commandName ?? "");
      return next(args);
    },
    { step: "initialize", name: "gatehouseControlPlanePacing" },
  );
  apiGateways.set(shardId, { config, client });
  return client;
}

export function cloudWatchClient(): CloudWatchClient {
  cloudWatch ??= new CloudWatchClient(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 4 });
  return cloudWatch;
}
