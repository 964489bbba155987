import "server-only";
import { listRestApis } from "@/lib/aws/api-gateway";
import { env } from "@/lib/env";

export interface TargetApi {
  restApiId: string;
  name: string;
  stage: string;
  /** Base URL customers send requests to (no trailing slash). */
  invokeUrl: string;
}

let cached: Promise<TargetApi> | undefined;

/** The REST API and stage this portal fronts: GATEHOUSE_REST_API_ID, else the API named GATEHOUSE_REST_API_NAME. */
export function targetApi(): Promise<TargetApi> {
  cached ??= resolveTargetApi().catch((error: unknown) => {
    cached = undefined; // do not cache a failure
    throw error;
  });
  return cached;
}

async function resolveTargetApi(): Promise<TargetApi> {
  const config = env();
  const apis = await listRestApis();
  const api = config.GATEHOUSE_REST_API_ID
    ? apis.find((a) => a.id === config.GATEHOUSE_REST_API_ID)
    : apis.find((a) => a.name === config.GATEHOUSE_REST_API_NAME);
  if (!api) {
    const wanted = config.GATEHOUSE_REST_API_ID ?? `named "${config.GATEHOUSE_REST_API_NAME}"`;
    throw new Error(`The REST API ${wanted} was not found in AWS region ${config.AWS_REGION}.`);
  }
  const invokeUrl =
    config.GATEHOUSE_GATEWAY_URL ?? `https://${api.id}.execute-api.${config.AWS_REGION}.amazonaws.com/${config.GATEHOUSE_STAGE}`;
  return { restApiId: api.id, name: api.name, stage: config.GATEHOUSE_STAGE, invokeUrl: invokeUrl.replace(/\/+$/, "") };
}
