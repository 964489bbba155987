// The one curl builder: a ready-to-paste command for a request to the gateway, with the key the owner has just been
// shown or a placeholder (the try-it console never has the key). Pure, for the browser.

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
  query?: { name: string; value: string }[];
  body?: string;
  contentType?: string | null;
  /** The key to put in the command; the placeholder when absent. */
  keyValue?: string | null;
}

export function curlCommand(request: CurlRequest): string {
  const { query = [], body = "", contentType = null, keyValue = null } = request;
  const search = new URLSearchParams(query.map((q) => [q.name, q.value])).toString();
  const url = `${request.baseUrl}${request.path}${search ? `?${search}` : ""}`;
  const lines = [request.method === "GET" ? "curl" : `curl -X ${request.method}`, `-H ${shellQuote(`x-api-key: ${keyValue ?? KEY_PLACEHOLDER}`)}`];
  if (body !== "") {
    lines.push(`-H ${shellQuote(`content-type: ${contentType ?? "application/json"}`)}`);
    lines.push(`--data ${shellQuote(body)}`);
  }
  lines.push(shellQuote(url));
  return lines.join(" \\\n  ");
}

/** The dashboard's example: GET the API's sample path with a key (or the placeholder). */
export function gatewayExample(invokeUrl: string, keyValue: string | null, path = "/pets"): string {
  return curlCommand({ baseUrl: invokeUrl, method: "GET", path, keyValue });
}
