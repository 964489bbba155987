import "server-only";
import {
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  ImportApiKeysCommand,
  TagResourceCommand,
  UpdateApiKeyCommand,
  type PatchOperation,
} from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";
import { env } from "@/lib/env";

// API Gateway calls for adopting keys that exist in the account but not in the portal, and for importing keys from
// an API key file. Values are read only where a caller needs them in memory; none is returned by a list.

export interface AccountApiKey {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  customerId: string | null;
  createdAt: Date | null;
  tags: Record<string, string>;
}

async function allPages<T>(fetchPage: (position: string | undefined) => Promise<{ items?: T[]; position?: string }>): Promise<T[]> {
  const items: T[] = [];
  let position: string | undefined;
  do {
    const page = await fetchPage(position);
    items.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return items;
}

type SdkKey = { id?: string; name?: string; description?: string; enabled?: boolean; customerId?: string; createdDate?: Date; tags?: Record<string, string> };

function toAccountKey(k: SdkKey): AccountApiKey | null {
  if (!k.id) return null;
  return {
    id: k.id,
    name: k.name ?? k.id,
    description: k.description || null,
    enabled: k.enabled === true,
    customerId: k.customerId ?? null,
    createdAt: k.createdDate ?? null,
    tags: k.tags ?? {},
  };
}

/** Every API key in the account (GetApiKeys, pages of 500), without values. `namePrefix` narrows it on AWS's side. */
export async function listAccountApiKeys(namePrefix?: string): Promise<AccountApiKey[]> {
  const keys = await allPages((position) =>
    apiGatewayClient().send(new GetApiKeysCommand({ limit: 500, position, includeValues: false, nameQuery: namePrefix || undefined })),
  );
  return keys.flatMap((k) => toAccountKey(k) ?? []);
}

/**
 * Every key value in the account, in memory only (GetApiKeys with includeValues): to tell whether a value being
 * imported already belongs to a key. The caller compares and drops the map; nothing of it is stored or logged.
 */
export async function accountKeyIdsByValue(): Promise<Map<string, AccountApiKey>> {
  const keys = await allPages((position) => apiGatewayClient().send(new GetApiKeysCommand({ limit: 500, position, includeValues: true })));
  const byValue = new Map<string, AccountApiKey>();
  for (const k of keys) {
    const key = toAccountKey(k);
    if (key && k.value) byValue.set(k.value, key);
  }
  return byValue;
}

/** One key with its value (for the last four the portal keeps); null when it does not exist. */
export async function getAccountApiKey(id: string): Promise<(AccountApiKey & { value: string }) | null> {
  try {
    const k = await apiGatewayClient().send(new GetApiKeyCommand({ apiKey: id, includeValue: true }));
    const key = toAccountKey(k);
    return key && k.value ? { ...key, value: k.value } : null;
  } catch (error) {
    if (error instanceof Error && error.name === "NotFoundException") return null;
    throw error;
  }
}

export interface PlanMembership {
  id: string;
  name: string;
}

/** Which usage plans each key is in: every plan (GetUsagePlans) and its keys (GetUsagePlanKeys). */
export async function usagePlansByKey(): Promise<Map<string, PlanMembership[]>> {
  const plans = await allPages((position) => apiGatewayClient().send(new GetUsagePlansCommand({ limit: 500, position })));
  const byKey = new Map<string, PlanMembership[]>();
  for (const plan of plans) {
    if (!plan.id) continue;
    const keys = await allPages((position) => apiGatewayClient().send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, limit: 500, position })));
    for (const key of keys) {
      if (!key.id) continue;
      const list = byKey.get(key.id) ?? [];
      list.push({ id: plan.id, name: plan.name ?? plan.id });
      byKey.set(key.id, list);
    }
  }
  return byKey;
}

/** Renames a key and sets its description and customer id (its value is never touched). */
export async function relabelApiKey(id: string, changes: { name: string; description: string; customerId: string | null }): Promise<void> {
  const patchOperations: PatchOperation[] = [
    { op: "replace", path: "/name", value: changes.name },
    { op: "replace", path: "/description", value: changes.description },
    { op: "replace", path: "/customerId", value: changes.customerId ?? "" },
  ];
  await apiGatewayClient().send(new UpdateApiKeyCommand({ apiKey: id, patchOperations }));
}

/** Adds tags to a key (API Gateway's TagResource on the key's ARN). */
export async function tagApiKey(id: string, tags: Record<string, string>): Promise<void> {
  const resourceArn = `arn:aws:apigateway:${env().AWS_REGION}::/apikeys/${id}`;
  await apiGatewayClient().send(new TagResourceCommand({ resourceArn, tags }));
}

export interface ImportedKeys {
  ids: string[];
  warnings: string[];
}

/** ImportApiKeys with an API key file (CSV). With `failOnWarnings` a single bad row fails the call and nothing is imported. */
export async function importApiKeysCsv(csv: string, { failOnWarnings = true } = {}): Promise<ImportedKeys> {
  const out = await apiGatewayClient().send(new ImportApiKeysCommand({ format: "csv", failOnWarnings, body: new TextEncoder().encode(csv) }));
  return { ids: out.ids ?? [], warnings: out.warnings ?? [] };
}
