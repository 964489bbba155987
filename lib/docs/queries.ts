import "server-only";
import { loadPublishedDocs, type PublishedDocs } from "@/lib/docs/published-docs";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { Result } from "@/lib/result";

export type { PublishedDocs };

/** The API's documentation (OpenAPI export of the fronted stage) and the base URL requests go to. */
export async function getApiDocs(actor: Actor | null): Promise<Result<PublishedDocs>> {
  const allowed = authorize(actor, "docs.read");
  if (!allowed.ok) return allowed;
  return loadPublishedDocs();
}
