import "server-only";
import { toAppError } from "@/lib/aws/errors";
import { db } from "@/lib/db";
import { tiersForPlans } from "@/lib/shards/plan-tiers";
import { explainStatus } from "@/lib/docs/explain-status";
import { callGateway } from "@/lib/docs/gateway-call";
import { keyValueFor } from "@/lib/docs/key-values";
import { loadPublishedDocs } from "@/lib/docs/published-docs";
import { tryRequestSchema, type TryRequestInput } from "@/lib/docs/try-request.schema";
import type { GatewayAnswer, TryResult } from "@/lib/docs/try-result";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { isQuotaPeriod, quotaPeriodAt } from "@/lib/usage/quota-period";
import { invalidInput } from "@/lib/validation/field-errors";

const KEY_STATUS_MESSAGES = {
  PENDING: "This key is still being created. Try again in a minute, or choose another key.",
  DISABLED: "This key is disabled. Enable it on the Keys page, or choose another key.",
  REVOKED: "This key has been revoked and can no longer send requests. Choose another key.",
  FAILED: "This key was never created (its creation failed). Choose another key.",
} as const;

/** The gateway URL for `path` (a validated, filled template): always under the configured base, never another host. */
function gatewayUrl(baseUrl: string, input: TryRequestInput): URL | null {
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseUrl);
    url = new URL(`${baseUrl}${input.path}`);
  } catch {
    return null;
  }
  const basePath = base.pathname.replace(/\/+$/, "");
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`) || url.username !== "" || url.password !== "") return null;
  url.search = new URLSearchParams(input.query.map((q) => [q.name, q.value])).toString();
  url.hash = "";
  return url;
}

function errorDetails(answer: GatewayAnswer): { errorType: string | null; message: string | null } {
  const errorType = answer.headers.find((h) => h.name === "x-amzn-errortype")?.value ?? null;
  let message: string | null = null;
  try {
    const body: unknown = JSON.parse(answer.body);
    if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") message = body.message;
  } catch {
    // Not JSON: no message to read.
  }
  return { errorType, message };
}

/**
 * Sends a documented request to the API with one of the actor's own keys, server-side: the browser never sees the
 * key, needs no CORS, and cannot choose the host (the URL is always the configured gateway plus a documented path).
 */
export async function tryRequest(actor: Actor | null, input: unknown): Promise<Result<TryResult>> {
  const allowed = authorize(actor, "docs.try");
  if (!allowed.ok) return allowed;

  const published = await loadPublishedDocs();
  if (!published.ok) return published;
  const { docs, baseUrl } = published.data;

  const parsed = tryRequestSchema(docs.operations).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, "Please correct the request before sending it.");
  const request = parsed.data;

  const key = await db.apiKey.findUnique({
    where: { id: request.keyId },
    select: { customerId: true, awsKeyId: true, status: true, usagePlanId: true },
  });
  const owned = authorize(actor, "docs.try", { customerId: key?.customerId ?? "" });
  if (!owned.ok) return owned;
  if (!key) return fail("not_found", "That key does not exist.");
  if (key.status !== "ACTIVE") return fail("conflict", KEY_STATUS_MESSAGES[key.status]);
  if (!key.awsKeyId) return fail("conflict", KEY_STATUS_MESSAGES.PENDING);

  const url = gatewayUrl(baseUrl, request);
  if (!url) return fail("invalid", "That path cannot be sent to the gateway.", { path: ["That path cannot be sent to the gateway."] });

  let keyValue: string;
  try {
    keyValue = await keyValueFor(key.awsKeyId);
  } catch (error) {
    return { ok: false, error: toAppError(error, "Reading your key from AWS failed") };
  }

  const answer = await callGateway({ url, method: request.method, keyValue, headers: request.headers, body: request.body });
  if (!answer.ok) return answer;

  const details = errorDetails(answer.data);
  let quotaResetsAt: Date | null = null;
  if (answer.data.status === 429) {
    const [tier] = await tiersForPlans([key.usagePlanId]);
    quotaResetsAt = isQuotaPeriod(tier?.quotaPeriod) ? quotaPeriodAt(tier.quotaPeriod, new Date()).end : null;
  }
  return ok({ ...answer.data, notice: explainStatus({ status: answer.data.status, ...details }, quotaResetsAt) });
}
