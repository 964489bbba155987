// The address a request came from, for the sign-in throttle (lib/auth/throttle).
//
// Next.js does not hand route handlers the connection's address, and the X-Forwarded-For it passes on is whatever
// the client sent, if it sent one. So the server records the connection's own address in a header of ours
// (installPeerAddressHeader, from instrumentation.ts), overwriting anything a client sent under that name; and
// X-Forwarded-For is believed only as far as GATEHOUSE_TRUSTED_PROXIES says proxies of ours wrote it.
import type { IncomingMessage } from "node:http";

export const PEER_ADDRESS_HEADER = "x-gatehouse-peer-address";
export const UNKNOWN_ADDRESS = "unknown";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * With no trusted proxy: the address of the connection. Behind `trustedProxies` proxies that each append to
 * X-Forwarded-For: the entry that many places from its right, i.e. the address the outermost proxy of ours saw
 * (entries further left were written by the client and prove nothing).
 */
export function clientAddress(headers: HeaderBag, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const forwarded = (header(headers, "x-forwarded-for") ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const address = forwarded[forwarded.length - trustedProxies];
    if (address) return normalise(address);
  }
  return normalise(header(headers, PEER_ADDRESS_HEADER) ?? "") || UNKNOWN_ADDRESS;
}

// "::ffff:127.0.0.1" and "127.0.0.1" are one client; bounded, so a forged header cannot make a huge key.
function normalise(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
}

/** Makes every HTTP server in this process record each request's connection address in PEER_ADDRESS_HEADER. */
export async function installPeerAddressHeader(): Promise<void> {
  const { Server } = await import("node:http");
  const marker = Symbol.for("gatehouse.peerAddressHeader");
  const proto = Server.prototype as unknown as Record<symbol, boolean> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
}
