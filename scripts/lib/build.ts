// Whether the Next.js production build in `distDir` (with its standalone server) is missing or older than the
// sources it was built from.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { root } from "./processes";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIsStale(distDir = ".next"): boolean {
  const buildId = join(root, distDir, "BUILD_ID");
  // A build from before `output: "standalone"` has no server.js: build again.
  if (!existsSync(buildId) || !existsSync(join(root, distDir, "standalone", "server.js"))) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "next.config.js", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "prisma/schema.prisma"].map((p) => join(root, p));
  return sources.some((p) => existsSync(p) && (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) > built);
}
