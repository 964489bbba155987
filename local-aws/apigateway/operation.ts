/** What a control-plane operation handler receives and returns. */
import type { IncomingHttpHeaders } from 'node:http';
import type { StageCaches } from '../dataplane/cache';
import type { GatewayState } from '../state';

export interface ResourceLimits {
  /** 10,000 API keys per account and region. */
  maxApiKeys: number;
  /** 300 usage plans per account and region. */
  maxUsagePlans: number;
  /** A key may belong to 10 usage plans. */
  maxPlansPerKey: number;
}

export const DEFAULT_LIMITS: ResourceLimits = { maxApiKeys: 10_000, maxUsagePlans: 300, maxPlansPerKey: 10 };

export interface GatewayEnvironment {
  state: GatewayState;
  now: () => number;
  region: string;
  /** Base URL of this emulator, e.g. http://127.0.0.1:4566 (used by exports). */
  publicUrl: () => string;
  limits: ResourceLimits;
  caches: StageCaches;
}

export interface OperationContext extends GatewayEnvironment {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (empty for operations whose body is not JSON, such as ImportApiKeys). */
  body: Record<string, unknown>;
  /** The body as sent. */
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

export type OperationResult =
  | { status: number; json?: unknown }
  | { status: number; raw: Buffer; contentType: string; contentDisposition?: string };

export type OperationHandler = (ctx: OperationContext) => OperationResult;

/** Epoch milliseconds → the epoch seconds AWS puts on the wire. */
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
