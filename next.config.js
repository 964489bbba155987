/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A separate build directory lets several test servers build side by side (NEXT_DIST_DIR=.next-e2e).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // A self-contained server (<distDir>/standalone/server.js with only the node_modules it uses): what the container
  // image ships and what `npm start` runs. `npm run build` then copies the static files in (scripts/standalone.mjs).
  output: "standalone",
  // `npm run dev` may be opened as http://127.0.0.1:3000 as well as localhost: let both load the dev resources.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Native and WebAssembly modules stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg", "prom-client"],
  // `npm test` type-checks the whole project (tsc --noEmit) before building; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // forbidden() and unauthorized() from next/navigation, answered with real 403/401 statuses. Server actions refuse
  // bodies over 100 kB: MAX_REQUEST_BODY_BYTES in lib/security/body-limit.ts, which proxy.ts enforces first with a
  // clear 413 (over this limit Next.js answers 500); a unit test keeps the two equal.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "100kb" } },
  // Browsers request /favicon.ico whatever a page links: app/brand/favicon/route.ts answers it with the brand's icon.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/brand/favicon" }];
  },
  // Headers every response gets, static files included. The Content-Security-Policy (with a nonce per response)
  // and HSTS are set by proxy.ts (lib/security/headers.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
