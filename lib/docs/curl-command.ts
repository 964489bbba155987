// A ready-to-paste curl command for a filled-in request, with a placeholder instead of the key (pure, for the browser).

export const KEY_PLACEHOLDER = "YOUR_API_KEY";

/** Quotes a value for POSIX shells: single quotes, with embedded single quotes closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_\-.,:/=@%+]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface CurlRequest {
  baseUrl: string;
  method: string;
  /** Filled path, e.g. "/pets/7". */
  path: string;
  query: { name: string; value: string }[];
  body: string;
  contentType: string | null;
}

export function curlCommand(request: CurlRequest): string {
  const search = new URLSearchParams(request.query.map((q) => [q.name, q.value])).toString();
  const url = `${request.baseUrl}${request.path}${search ? `?${search}` : ""}`;
  const lines = [request.method === "GET" ? "curl" : `curl -X ${request.method}`, `-H ${shellQuote(`x-api-key: ${KEY_PLACEHOLDER}`)}`];
  if (request.body !== "") {
    lines.push(`-H ${shellQuote(`content-type: ${request.contentType ?? "application/json"}`)}`);
    lines.push(`--data ${shellQuote(request.body)}`);
  }
  lines.push(shellQuote(url));
  return lines.join(" \\\n  ");
}
