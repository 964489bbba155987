// Liveness (the process serves HTTP) and the benchmarks' static baseline: rendered once at build time, no I/O.
export const dynamic = "force-static";

export function GET() {
  return Response.json({ ok: true, service: "gatehouse" });
}
