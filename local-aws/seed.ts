/**
 * The seed: the demo REST API `gatehouse-demo-api` with stage `prod`, and the usage plans basic, premium and
 * enterprise (price and visibility in tags, which the portal reads).
 */
import { defaultMethodSetting, methodSettingKey, STAGE_DEFAULT_KEY } from './apigateway/method-settings';
import { newDeploymentId, newResourceId, newRestApiId, newUsagePlanId } from './apigateway/ids';
import type { GatewayState, UsagePlanRecord } from './state';

export const DEMO_API_NAME = 'gatehouse-demo-api';
export const DEMO_STAGE = 'prod';
export const TIERS = ['basic', 'premium', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

export interface DemoInfo {
  restApiId: string;
  stage: string;
  apiName: string;
  usagePlans: Record<Tier, string>;
}

interface TierSpec {
  rateLimit: number;
  burstLimit: number;
  quotaPerDay?: number;
  priceCents: number;
  /** Portal's overage price, whole cents per 1,000 requests over the quota (tag gatehouse:overage-cents-per-1k). */
  overageCentsPer1k?: number;
  visibility: 'public' | 'approval';
  description: string;
}

const TIER_SPECS: Record<Tier, TierSpec> = {
  basic: { rateLimit: 10, burstLimit: 20, quotaPerDay: 1000, priceCents: 0, overageCentsPer1k: 50, visibility: 'public', description: 'Basic tier - 1000 requests/day' },
  premium: { rateLimit: 100, burstLimit: 200, quotaPerDay: 10000, priceCents: 4900, overageCentsPer1k: 20, visibility: 'public', description: 'Premium tier - 10000 requests/day' },
  enterprise: { rateLimit: 1000, burstLimit: 2000, priceCents: 49900, visibility: 'approval', description: 'Enterprise tier - unlimited requests' },
};

export function seedDemo(state: GatewayState, now: number): DemoInfo {
  const { data } = state;
  const apiId = newRestApiId();
  const stageDefault = {
    ...defaultMethodSetting(),
    throttlingRateLimit: 1000,
    throttlingBurstLimit: 2000,
    cachingEnabled: true,
    cacheTtlInSeconds: 300,
  };
  data.restApis[apiId] = {
    id: apiId,
    seq: state.nextSeq(),
    name: DEMO_API_NAME,
    description: 'Demo pet store API served by local AWS',
    createdDate: now,
    rootResourceId: newResourceId(),
    tags: {},
    integration: 'demo',
    stages: {
      [DEMO_STAGE]: {
        stageName: DEMO_STAGE,
        deploymentId: newDeploymentId(),
        description: 'Production',
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
        methodSettings: {
          [STAGE_DEFAULT_KEY]: stageDefault,
          [methodSettingKey('/data', 'GET')]: { ...stageDefault, throttlingRateLimit: 100, throttlingBurstLimit: 200, cacheTtlInSeconds: 3600 },
        },
        variables: {},
        tracingEnabled: false,
        tags: {},
        createdDate: now,
        lastUpdatedDate: now,
      },
    },
  };
  const usagePlans = {} as Record<Tier, string>;
  for (const tier of TIERS) {
    const spec = TIER_SPECS[tier];
    const id = newUsagePlanId();
    const throttle = { rateLimit: spec.rateLimit, burstLimit: spec.burstLimit };
    const plan: UsagePlanRecord = {
      id,
      seq: state.nextSeq(),
      name: tier,
      description: spec.description,
      apiStages: [{ apiId, stage: DEMO_STAGE, throttle: { '*/*': { ...throttle } } }],
      throttle,
      quota: spec.quotaPerDay === undefined ? undefined : { limit: spec.quotaPerDay, offset: 0, period: 'DAY' },
      tags: {
        'gatehouse:price-cents': String(spec.priceCents),
        'gatehouse:visibility': spec.visibility,
        ...(spec.overageCentsPer1k === undefined ? {} : { 'gatehouse:overage-cents-per-1k': String(spec.overageCentsPer1k) }),
      },
      keyIds: [],
    };
    data.usagePlans[id] = plan;
    usagePlans[tier] = id;
  }
  state.changed();
  return { restApiId: apiId, stage: DEMO_STAGE, apiName: DEMO_API_NAME, usagePlans };
}

/** Finds the demo API and tier plans in existing state (after a restart), by name. */
export function findDemo(state: GatewayState): DemoInfo {
  const api = Object.values(state.data.restApis).find((a) => a.name === DEMO_API_NAME);
  const plans = Object.values(state.data.usagePlans);
  const planId = (tier: Tier) => plans.find((p) => p.name === tier)?.id ?? '';
  return {
    restApiId: api?.id ?? '',
    stage: api?.stages[DEMO_STAGE] ? DEMO_STAGE : '',
    apiName: api?.name ?? DEMO_API_NAME,
    usagePlans: { basic: planId('basic'), premium: planId('premium'), enterprise: planId('enterprise') },
  };
}
