import "server-only";
import { getOpenApiDocument } from "@/lib/aws/export";
import { toApiDocs, type ApiDocs } from "@/lib/docs/openapi";
import { ttlCache } from "@/lib/docs/ttl-cache";
import { targetApi } from "@/lib/gateway/target-api";
import { fail, ok, type Result } from "@/lib/result";
import { errorFields, logger } from "@/lib/observability/log";

export interface PublishedDocs {
  docs: ApiDocs;
  /** Where requests go: the configured gateway URL (no trailing slash). */
  baseUrl: string;
}

const FIVE_MINUTES = 5 * 60 * 1000;

// One GetExport per process per five minutes, however many people read the docs (the control plane is rate
// limited account-wide). If a refresh fails, the last good document keeps being served.
const cache = ttlCache(loadFromAws, { ttlMs: FIVE_MINUTES, retryMs: 30_000 });

async function loadFromAws(): Promise<PublishedDocs> {
  const api = await targetApi();
  const document = await getOpenApiDocument(api.restApiId, api.stage);
  const docs = toApiDocs(document);
  if (!docs.ok) throw new Error(docs.error.message);
  return { docs: docs.data, baseUrl: api.invokeUrl };
}

/** The API's documentation, from the in-process cache or GetExport. No authorization: callers authorize first. */
export async function loadPublishedDocs(): Promise<Result<PublishedDocs>> {
  try {
    return ok(await cache.get());
  } catch (error) {
    logger("docs").error(errorFields(error), "loading the OpenAPI document failed");
    return fail("unavailable", "The API documentation could not be loaded from AWS right now. Please try again in a minute.");
  }
}
