import "server-only";
import { createServer, type Server } from "node:http";
import { errorFields, logger } from "@/lib/observability/log";
import { metricsResponse } from "@/lib/observability/metrics-endpoint";

/**
 * The worker's own small HTTP server (GATEHOUSE_WORKER_METRICS_PORT): GET /metrics (Prometheus, behind the same
 * bearer token as the portal's /api/metrics) and GET /health/live (200 while the process runs; `stopping` once it
 * drains). Nothing else; resolves once listening.
 */
export async function serveWorkerEndpoints(options: { port: number; host?: string; token: string | undefined; stopping: () => boolean }): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?", 1)[0];
    void (async () => {
      let answer: Response;
      if (request.method !== "GET") answer = new Response("Method not allowed\n", { status: 405, headers: { Allow: "GET" } });
      else if (path === "/metrics") answer = await metricsResponse(request.headers.authorization, options.token);
      else if (path === "/health/live") answer = Response.json({ ok: true, service: "gatehouse-worker", stopping: options.stopping() });
      else answer = new Response("Not found\n", { status: 404 });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      logger("worker-endpoints").error(errorFields(error), "answering a request failed");
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  return server;
}
