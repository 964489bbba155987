import { defineConfig, devices } from "@playwright/test";
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, oidcPort } from "./e2e/support/oidc-provider";
import { E2E_NEXTAUTH_SECRET, E2E_RECENT_AUTH_SECONDS } from "./e2e/support/recent-auth";
import { exitUnlessLocalOnly } from "./scripts/lib/local-only";

// The browser tests sign up accounts and create keys: never against a real database or AWS account.
exitUnlessLocalOnly(process.env, "the browser tests");

// Browser tests run Debian's Chromium (never a downloaded browser) against the whole stack, started fresh by
// scripts/start.ts in memory: local AWS on a free port, embedded PostgreSQL (or DATABASE_URL's server), demo seed.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// CI runs the browser tests twice: on the embedded database, then (DATABASE_URL set) on a PostgreSQL server. These
// specs check what no database can change (response headers and the CSP, the proxy's body limit on a portal of its
// own, where a sign-in may redirect, how forms post without JavaScript, the look, the loading indicator): the
// embedded pass runs them, the PostgreSQL pass leaves them out. Everything that reads or writes data runs in both.
const DATABASE_INDEPENDENT = [
  "security/content-security-policy.spec.ts",
  "security/request-body-limit.spec.ts",
  "security/open-redirect.spec.ts",
  "security/no-secrets-in-urls.spec.ts",
  "customer/look.spec.ts",
  "customer/navigation.spec.ts",
];

export default defineConfig({
  testDir: "e2e",
  testIgnore: process.env.DATABASE_URL ? DATABASE_INDEPENDENT.map((spec) => `**/${spec}`) : undefined,
  // Separate output folders let several runs (E2E_PORT, NEXT_DIST_DIR, PW_OUTPUT_DIR) proceed side by side.
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: {
    command: `node --import tsx scripts/start.ts --memory --no-traffic --port ${port} --aws-port 0`,
    url: `${baseURL}/pricing`,
    timeout: 600_000,
    reuseExistingServer: false,
    // A short "recent sign-in" window; the secret is the one e2e/support/recent-auth.ts uses to make a session's
    // sign-in older than the window, so a test sees the password prompt before revealing a key without waiting.
    // Cognito points at the test OIDC provider that e2e/customer/oidc.spec.ts starts (nothing calls it otherwise).
    env: {
      // Metrics views refresh after 5 s instead of a minute, so the metrics specs see their own traffic sooner.
      GATEHOUSE_METRICS_CACHE_SECONDS: "5",
      GATEHOUSE_RECENT_AUTH_SECONDS: String(E2E_RECENT_AUTH_SECONDS),
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      COGNITO_CLIENT_ID: OIDC_CLIENT_ID,
      COGNITO_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      COGNITO_ISSUER: `http://127.0.0.1:${oidcPort(port)}`,
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
