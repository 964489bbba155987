import "server-only";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";

// Built once per process. The SDK reads AWS_REGION, AWS_ENDPOINT_URL and credentials through its standard chain,
// so local AWS and a real account differ only in the environment.
let apiGateway: APIGatewayClient | undefined;
let cloudWatch: CloudWatchClient | undefined;

export function apiGatewayClient(): APIGatewayClient {
  apiGateway ??= new APIGatewayClient({ maxAttempts: 4 });
  return apiGateway;
}

export function cloudWatchClient(): CloudWatchClient {
  cloudWatch ??= new CloudWatchClient({ maxAttempts: 4 });
  return cloudWatch;
}
