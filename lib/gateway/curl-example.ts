/** A ready-to-paste request against the gateway with the given key (or a placeholder). */
export function curlExample(invokeUrl: string, keyValue: string | null, path = "/pets"): string {
  return `curl -H "x-api-key: ${keyValue ?? "YOUR_API_KEY"}" ${invokeUrl}${path}`;
}
