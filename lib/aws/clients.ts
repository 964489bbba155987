import "server-only";
import { APIGatewayClient, type ServiceInputTypes, type ServiceOutputTypes } from "@aws-sdk/client-api-gateway";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { pacerFor } from "@/lib/aws/shared-pacer";
import { env } from "@/lib/env";

// Built once per process. The SDK reads AWS_REGION, AWS_ENDPOINT_URL and credentials through its standard chain,
// so local AWS and a real account differ only in the environment. The SDK retries throttling and 5xx answers
// (4 attempts with backoff); durable operations retry further (lib/operations).
let apiGateway: APIGatewayClient | undefined;
let cloudWatch: CloudWatchClient | undefined;

export function apiGatewayClient(): APIGatewayClient {
  if (!apiGateway) {
    // AWS_MAX_ATTEMPTS (the SDK's own variable) overrides the default of 4 attempts.
    apiGateway = new APIGatewayClient(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 4 });
    // Every attempt waits for its slot, the SDK's retries too (so a retry never spends a token nobody reserved), and
    // is signed after the wait. Every process on the database shares the account's buckets (lib/aws/shared-pacer.ts).
    const pacing: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
      await pacerFor("default").acquire(context.commandName ?? "");
      return next(args);
    };
    if (env().GATEHOUSE_AWS_PACING === "aws") {
      apiGateway.middlewareStack.addRelativeTo(pacing, { relation: "before", toMiddleware: "httpSigningMiddleware", name: "gatehouseControlPlanePacing" });
    }
  }
  return apiGateway;
}

export function cloudWatchClient(): CloudWatchClient {
  cloudWatch ??= new CloudWatchClient(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: 4 });
  return cloudWatch;
}
