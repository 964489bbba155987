/**
 * Finds what the traffic generator drives, through the real AWS SDK: the demo REST API and its stage, the usage plans
 * on that stage and their keys (values from GetApiKey includeValue, kept in memory only), plus today's usage of keys
 * in plans with a quota. Control-plane calls are paced so the generator never eats the portal's share of the
 * account's rate limit (10 requests/s).
 */
import {
  APIGatewayClient,
  GetApiKeyCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetUsageCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  type QuotaPeriodType,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { dayString, epochDayOf } from '../usage-ledger';
import { periodBounds } from './profiles';

export const DEMO_API_NAME = 'gatehouse-demo-api';
export const DEMO_STAGE = 'prod';

export function defaultEndpoint(): string {
  return (process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566').replace(/\/+$/, '');
}

function clientConfig(endpoint: string) {
  return {
    region: process.env.AWS_REGION ?? 'us-east-1',
    endpoint,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  };
}

export const apiGatewayClient = (endpoint: string) => new APIGatewayClient(clientConfig(endpoint));
export const cloudWatchClient = (endpoint: string) => new CloudWatchClient(clientConfig(endpoint));

export interface PlanInfo {
  id: string;
  name: string;
  /** Per-key quota, when the plan has one. */
  quota?: { limit: number; period: QuotaPeriodType };
  rateLimit?: number;
  burstLimit?: number;
}

export interface KeyInfo {
  id: string;
  name: string;
  planId: string;
  enabled: boolean;
}

export interface Topology {
  apiId: string;
  apiName: string;
  stage: string;
  /** Stage default has detailed (per-method) CloudWatch metrics on. */
  detailedMetrics: boolean;
  plans: Map<string, PlanInfo>;
  /** Keys in plans on the stage, in plan order. */
  keys: KeyInfo[];
}

export class DiscoveryError extends Error {}

/** A token bucket for control-plane calls: `burst` at once, then `perSecond`. */
export function pacer(perSecond: number, burst = 8): () => Promise<void> {
  let tokens = burst;
  let last = Date.now();
  return async () => {
    for (;;) {
      const now = Date.now();
      tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await new Promise((r) => setTimeout(r, ((1 - tokens) * 1000) / perSecond));
    }
  };
}

export async function discoverTopology(client: APIGatewayClient, pace: () => Promise<void>, known?: { apiId: string }): Promise<Topology> {
  let apiId = known?.apiId;
  let apiName = DEMO_API_NAME;
  if (!apiId) {
    let position: string | undefined;
    do {
      await pace();
      const page = await client.send(new GetRestApisCommand({ limit: 500, position }));
      const api = page.items?.find((a) => a.name === DEMO_API_NAME);
      if (api?.id) {
        apiId = api.id;
        apiName = api.name ?? DEMO_API_NAME;
        break;
      }
      position = page.position;
    } while (position);
  }
  if (!apiId) throw new DiscoveryError(`the demo REST API "${DEMO_API_NAME}" does not exist`);
  await pace();
  const stage = await client.send(new GetStageCommand({ restApiId: apiId, stageName: DEMO_STAGE }));
  const detailedMetrics = stage.methodSettings?.['*/*']?.metricsEnabled === true;

  const plans = new Map<string, PlanInfo>();
  let position: string | undefined;
  do {
    await pace();
    const page = await client.send(new GetUsagePlansCommand({ limit: 500, position }));
    for (const p of page.items ?? []) {
      if (!p.id || !p.apiStages?.some((s) => s.apiId === apiId && s.stage === DEMO_STAGE)) continue;
      const quota = p.quota?.limit !== undefined && p.quota.period ? { limit: p.quota.limit, period: p.quota.period } : undefined;
      plans.set(p.id, { id: p.id, name: p.name ?? p.id, quota, rateLimit: p.throttle?.rateLimit, burstLimit: p.throttle?.burstLimit });
    }
    position = page.position;
  } while (position);

  const keys: KeyInfo[] = [];
  for (const plan of plans.values()) {
    let keyPosition: string | undefined;
    do {
      await pace();
      const page = await client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, limit: 500, position: keyPosition }));
      for (const k of page.items ?? []) if (k.id) keys.push({ id: k.id, name: k.name ?? k.id, planId: plan.id, enabled: true });
      keyPosition = page.position;
    } while (keyPosition);
  }
  return { apiId, apiName, stage: DEMO_STAGE, detailedMetrics, plans, keys };
}

/** GetApiKey includeValue: the key's value (never logged) and whether it is enabled. */
export async function fetchKeyValue(client: APIGatewayClient, pace: () => Promise<void>, keyId: string): Promise<{ value: string; enabled: boolean } | undefined> {
  await pace();
  const key = await client.send(new GetApiKeyCommand({ apiKey: keyId, includeValue: true }));
  return key.value ? { value: key.value, enabled: key.enabled === true } : undefined;
}

/** Requests used so far in the current quota period, per key, for every plan with a quota (GetUsage, paged). */
export async function fetchPeriodUsage(client: APIGatewayClient, pace: () => Promise<void>, plans: Iterable<PlanInfo>, nowMs: number): Promise<Map<string, number>> {
  const used = new Map<string, number>();
  const today = epochDayOf(nowMs);
  for (const plan of plans) {
    if (!plan.quota) continue;
    const { startDay } = periodBounds(plan.quota.period, today);
    let position: string | undefined;
    do {
      await pace();
      const page = await client.send(
        new GetUsageCommand({ usagePlanId: plan.id, startDate: dayString(startDay), endDate: dayString(today), limit: 500, position }),
      );
      for (const [keyId, days] of Object.entries(page.items ?? {})) {
        used.set(`${plan.id}/${keyId}`, days.reduce((s, d) => s + (d[0] ?? 0), 0));
      }
      position = page.position;
    } while (position);
  }
  return used;
}
