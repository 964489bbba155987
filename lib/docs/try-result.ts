// What the try-it console receives from the server (a DTO: plain data, never the key).

export interface ResponseHeader {
  name: string;
  value: string;
}

/** The gateway's answer to one request. */
export interface GatewayAnswer {
  status: number;
  statusText: string;
  /** A safe subset of the response headers (content type, request ids, caching, retry-after, …). */
  headers: ResponseHeader[];
  /** The body as text, at most 100 kB (the key value, if the API echoed it, replaced); empty when binary. */
  body: string;
  truncated: boolean;
  /** True when the body is not text and is therefore not shown. */
  binary: boolean;
  durationMs: number;
}

/** The answer plus, for refusals and failures, what it means for the customer. */
export interface TryResult extends GatewayAnswer {
  notice: string | null;
}
