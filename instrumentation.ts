// Runs once when the server boots: invalid configuration stops it here instead of on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
    // The sign-in throttle needs each request's connection address, which Next.js does not pass on.
    const { installPeerAddressHeader } = await import("@/lib/auth/client-address");
    await installPeerAddressHeader();
    // Page and route latency for /api/metrics (gatehouse_http_request_duration_seconds).
    const { observeHttpLatency } = await import("@/lib/observability/http-latency");
    observeHttpLatency();
  }
}
