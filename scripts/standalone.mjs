// The standalone build (next.config.js `output: "standalone"`): <distDir>/standalone/server.js serves the portal with
// only the files it needs, but Next.js leaves the static files out on purpose (a CDN may serve them). This copies
// them in, as Next.js's documentation says: public/ to standalone/public, <distDir>/static to
// standalone/<distDir>/static. `npm run build` runs it (node scripts/standalone.mjs); `npm start` too, before serving.
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

/** Where the standalone server of the build in `distDir` lives. */
export function standaloneDir(distDir = ".next") {
  return join(root, distDir, "standalone");
}

/** The standalone server's entry point. */
export function standaloneServer(distDir = ".next") {
  return join(standaloneDir(distDir), "server.js");
}

/** Copies public/ and the build's static files into its standalone folder (replacing older copies). */
export function copyStandaloneAssets(distDir = ".next") {
  const target = standaloneDir(distDir);
  if (!existsSync(join(target, "server.js"))) throw new Error(`no standalone build in ${target}: run \`next build\` first`);
  const copies = [
    [join(root, "public"), join(target, "public")],
    [join(root, distDir, "static"), join(target, distDir, "static")],
  ];
  for (const [from, to] of copies) {
    if (!existsSync(from)) continue;
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  copyStandaloneAssets(process.env.NEXT_DIST_DIR ?? ".next");
}
