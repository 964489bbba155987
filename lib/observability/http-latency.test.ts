import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { observeHttpLatency, routeLabel } from "@/lib/observability/http-latency";
import { metrics } from "@/lib/observability/metrics";

describe("route labels", () => {
  it("keep the path, drop the query and replace ids", () => {
    expect(routeLabel("/dashboard/usage?range=30d", 200)).toBe("/dashboard/usage");
    expect(routeLabel("/admin/customers/cmi4x2k9v0000qz7l3b8h1d2e", 200)).toBe("/admin/customers/:id");
    expect(routeLabel("/billing/report/cmi4x2k9v0000qz7l3b8h1d2e/invoice", 200)).toBe("/billing/report/:id/invoice");
    expect(routeLabel("/admin/operations/123", 200)).toBe("/admin/operations/:id");
    expect(routeLabel("/", 200)).toBe("/");
  });

  it("group Next.js's files, unknown paths and very deep ones", () => {
    expect(routeLabel("/_next/static/chunks/app/page-3f2a.js", 200)).toBe("/_next/static");
    expect(routeLabel("/wp-login.php", 404)).toBe("(unmatched)");
    expect(routeLabel("/a/b/c/d/e/f/g", 200)).toBe("/a/b/c/d/e/…");
  });
});

describe("the latency histogram", () => {
  it("records each request a Node HTTP server answers", async () => {
    observeHttpLatency();
    observeHttpLatency();
    const server = createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const count = async () =>
      (await metrics().httpDuration.get()).values.find(
        (v) => v.metricName === "gatehouse_http_request_duration_seconds_count" && v.labels.route === "/latency-test/:id" && v.labels.status === "200",
      )?.value ?? 0;
    const before = await count();
    await fetch(`http://127.0.0.1:${port}/latency-test/42?x=1`).then((r) => r.text());
    await fetch(`http://127.0.0.1:${port}/latency-test/43`).then((r) => r.text());
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect((await count()) - before).toBe(2);
  });
});
