// A second portal process on the build the e2e server already made, started by a spec that needs its own
// configuration (an https public URL, an OIDC provider) or needs to read the server's log. It gets no database (a
// closed port) and no AWS, so it serves only what needs neither: anonymous pages, next-auth's redirects, the proxy.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { standaloneServer } from "../../scripts/standalone.mjs";

export interface PortalServer {
  url: string;
  /** Everything the portal has written to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startPortal(env: Record<string, string> = {}): Promise<PortalServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  // The standalone server of that build, as `npm start` and the container image run it.
  const child = spawn(process.execPath, [standaloneServer(process.env.NEXT_DIST_DIR ?? ".next")], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "::",
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      DATABASE_URL: "postgresql://gatehouse:none@127.0.0.1:9/none",
      NEXTAUTH_SECRET: "e2e-only-secret-of-at-least-32-characters",
      NEXTAUTH_URL: url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  while (!/Ready in|started server/i.test(output)) {
    if (child.exitCode !== null) throw new Error(`the portal exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the portal was not ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
