/**
 * The emulator's API Gateway state: plain JSON-serialisable records plus the indexes the data plane needs
 * to stay fast. Every control-plane mutation goes through `changed()`, which bumps `version` (so derived
 * caches know to rebuild) and schedules a debounced save.
 */

export interface ThrottleSettings {
  burstLimit?: number;
  rateLimit?: number;
}

export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

export interface QuotaSettings {
  limit?: number;
  offset?: number;
  period?: QuotaPeriod;
}

export interface ApiStageRecord {
  apiId: string;
  stage: string;
  /** Keys like "/pets/GET" or "*\/*". */
  throttle?: Record<string, ThrottleSettings>;
}

export interface UsagePlanRecord {
  id: string;
  seq: number;
  name: string;
  description?: string;
  apiStages: ApiStageRecord[];
  throttle?: ThrottleSettings;
  quota?: QuotaSettings;
  tags: Record<string, string>;
  /** Key ids in the order they were added. */
  keyIds: string[];
}

export interface ApiKeyRecord {
  id: string;
  seq: number;
  value: string;
  name: string;
  description?: string;
  customerId?: string;
  enabled: boolean;
  /** epoch milliseconds */
  createdDate: number;
  lastUpdatedDate: number;
  /** "restApiId/stageName" */
  stageKeys: string[];
  tags: Record<string, string>;
}

export interface MethodSettingRecord {
  metricsEnabled: boolean;
  loggingLevel: string;
  dataTraceEnabled: boolean;
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  cachingEnabled: boolean;
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: string;
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize: string;
  /** Keys as stored by AWS: "*\/*" or "~1data/GET". */
  methodSettings: Record<string, MethodSettingRecord>;
  variables: Record<string, string>;
  tracingEnabled: boolean;
  tags: Record<string, string>;
  createdDate: number;
  lastUpdatedDate: number;
}

export interface RestApiRecord {
  id: string;
  seq: number;
  name: string;
  description?: string;
  createdDate: number;
  rootResourceId: string;
  tags: Record<string, string>;
  stages: Record<string, StageRecord>;
  /** Which built-in integration serves this API ("demo" = the demo backend). */
  integration: 'demo';
}

export interface KeyUsageRecord {
  /** "YYYY-MM-DD" (UTC) → requests counted that day. */
  days: Record<string, number>;
  /** Set by UpdateUsage: shifts the remaining quota for one quota period. */
  adjustment?: { periodStart: string; delta: number };
}

export interface GatewayStateData {
  version: 1;
  nextSeq: number;
  restApis: Record<string, RestApiRecord>;
  apiKeys: Record<string, ApiKeyRecord>;
  usagePlans: Record<string, UsagePlanRecord>;
  /** planId → keyId → usage */
  usage: Record<string, Record<string, KeyUsageRecord>>;
}

export function emptyStateData(): GatewayStateData {
  return { version: 1, nextSeq: 1, restApis: {}, apiKeys: {}, usagePlans: {}, usage: {} };
}

export class GatewayState {
  /** Bumped on every control-plane change; derived caches compare against it. */
  version = 0;
  /** The indexes are rebuilt lazily, on the first lookup after a change (bulk changes stay O(n), not O(n²)). */
  private indexStale = true;
  private keyIdByValue = new Map<string, string>();
  /** `${keyId}|${apiId}|${stage}` → planId */
  private planByKeyStage = new Map<string, string>();

  constructor(
    readonly data: GatewayStateData,
    private readonly onDirty: () => void = () => {},
  ) {}

  nextSeq(): number {
    return this.data.nextSeq++;
  }

  /** Call after any change to keys, plans, APIs or stages. */
  changed(): void {
    this.version++;
    this.indexStale = true;
    this.onDirty();
  }

  /** Call after usage counters change (hot path: no reindex). */
  usageChanged(): void {
    this.onDirty();
  }

  keyByValue(value: string): ApiKeyRecord | undefined {
    if (this.indexStale) this.reindex();
    const id = this.keyIdByValue.get(value);
    return id === undefined ? undefined : this.data.apiKeys[id];
  }

  planForKeyStage(keyId: string, apiId: string, stage: string): UsagePlanRecord | undefined {
    if (this.indexStale) this.reindex();
    const planId = this.planByKeyStage.get(`${keyId}|${apiId}|${stage}`);
    return planId === undefined ? undefined : this.data.usagePlans[planId];
  }

  plansOfKey(keyId: string): UsagePlanRecord[] {
    return Object.values(this.data.usagePlans).filter((p) => p.keyIds.includes(keyId));
  }

  private reindex(): void {
    this.indexStale = false;
    this.keyIdByValue.clear();
    for (const key of Object.values(this.data.apiKeys)) this.keyIdByValue.set(key.value, key.id);
    this.planByKeyStage.clear();
    for (const plan of Object.values(this.data.usagePlans)) {
      for (const keyId of plan.keyIds) {
        for (const s of plan.apiStages) this.planByKeyStage.set(`${keyId}|${s.apiId}|${s.stage}`, plan.id);
      }
    }
  }
}
