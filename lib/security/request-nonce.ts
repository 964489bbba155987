import "server-only";
import { headers } from "next/headers";
import { NONCE_HEADER } from "@/lib/security/headers";

/** This response's CSP nonce (set by proxy.ts), for an inline script or style a server component renders. */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
