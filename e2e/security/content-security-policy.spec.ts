import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { storageState } from "../support/accounts";
import { startPortal } from "../support/portal-server";

// Every page is served with a strict, nonce-based Content-Security-Policy (a fresh nonce per response, scripts
// allowed only by it) and the usual security headers, and every page still loads, hydrates and works under it:
// the browser reports no violation while the page runs.

const NONCE = /script-src [^;]*'nonce-([^']+)'/;

function nonceOf(response: Response | APIResponse): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const nonce = csp.match(NONCE)?.[1];
  expect(nonce, `a nonce in the Content-Security-Policy of ${response.url()}: ${csp}`).toBeTruthy();
  return nonce ?? "";
}

/** Records every CSP violation the page reports: the console's message and the securitypolicyviolation event. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation;
      report(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  return violations;
}

/** Opens a page and checks that its policy carries a nonce, every script has it, and React hydrated the page. */
async function open(page: Page, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  if (!response) return;
  const nonce = nonceOf(response);
  // Every script the server wrote carries it (chunks those load later need none: 'strict-dynamic' trusts them).
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `scripts on ${path}`).toBeGreaterThan(0);
  for (const script of scripts) expect(script, `a script on ${path}`).toContain(` nonce="${nonce}"`);
  await page.waitForLoadState("networkidle");
  const hydrated = await page.evaluate(() => Object.keys(document.getElementById("main") ?? {}).some((k) => k.startsWith("__reactFiber$")));
  expect(hydrated, `${path} hydrated`).toBe(true);
}

test.describe("anonymous", () => {
  test("public pages carry a nonce-based CSP, load and hydrate without a violation", async ({ page }) => {
    const violations = await watchViolations(page);
    for (const path of ["/", "/pricing", "/sign-in", "/sign-up", "/forgot-password", "/reset-password?token=nothing"]) await open(page, path);
    await open(page, "/no-such-page", 404);
    expect(violations).toEqual([]);
  });

  test("the policy is strict, the nonce differs per response, and the other security headers are set", async ({ request }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(nonceOf(first)).toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/); // at least 128 random bits, base64
    const html = await first.text();
    expect(html).toContain(`nonce="${nonceOf(first)}"`);

    const headers = first.headers();
    const directives = Object.fromEntries(
      (headers["content-security-policy"] ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values.join(" ")]),
    );
    expect(directives["default-src"]).toBe("'self'");
    // Style elements by nonce too; style attributes are allowed, as server-rendered React writes them (the chart).
    expect(directives["style-src"]).toBe(`'self' 'nonce-${nonceOf(first)}'`);
    expect(directives["style-src-attr"]).toBe("'unsafe-inline'");
    expect(directives["script-src"]).toBe(`'self' 'nonce-${nonceOf(first)}' 'strict-dynamic'`); // no unsafe-inline, no unsafe-eval
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["base-uri"]).toBe("'self'");
    expect(directives["form-action"]).toBe("'self'");
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(directives["connect-src"]).toBe("'self'");
    expect(directives["img-src"]).toBe("'self' data: blob:");
    expect(directives["font-src"]).toBe("'self'");
    expect(directives).not.toHaveProperty("upgrade-insecure-requests"); // http: nothing to upgrade to

    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=()");
    // The portal's public URL is http://localhost here: no HSTS, which would pin the browser to https on localhost.
    expect(headers).not.toHaveProperty("strict-transport-security");

    // Static assets are not run through the proxy (no nonce needed there), but keep nosniff.
    const script = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1] ?? "";
    expect(script).not.toBe("");
    const asset = await request.get(script);
    expect(asset.status()).toBe(200);
    expect(asset.headers()).not.toHaveProperty("content-security-policy");
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("a customer signs in and uses the dashboard, usage chart and try-it console without a violation", async ({ page }) => {
    const violations = await watchViolations(page);
    await open(page, "/sign-in");
    await page.getByLabel("E-mail").fill("customer@gatehouse.local");
    await page.getByLabel("Password").fill("gatehouse-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText("customer@gatehouse.local");

    for (const path of ["/home", "/dashboard", "/dashboard/tier", "/dashboard/account"]) await open(page, path);
    await open(page, "/admin", 403);

    await open(page, "/dashboard/usage");
    expect(violations).toEqual([]);
    // The chart loads lazily once its place is near the viewport (recharts must not block the page): scroll to it.
    await page.getByTestId("usage-chart-placeholder").scrollIntoViewIfNeeded();
    const chart = page.getByRole("application", { name: "Requests per day, last 30 days" });
    await expect(chart).toBeVisible();
    expect((await chart.boundingBox())?.height).toBe(260); // the chart's size comes from its style attribute
    await expect(chart.locator("text").filter({ hasText: /^\d+$/ }).first()).toBeVisible(); // axis ticks, drawn once sized

    await open(page, "/dashboard/docs");
    const listPets = page.locator("article#listPets");
    await listPets.getByRole("button", { name: "Try it: GET /pets", exact: true }).click();
    await listPets.getByRole("button", { name: "Send request" }).click();
    await expect(listPets.getByTestId("try-status")).toHaveText("200");

    expect(violations).toEqual([]);
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageState("admin") });
  test("admin pages carry the CSP and run without a violation", async ({ page }) => {
    const violations = await watchViolations(page);
    for (const path of ["/home", "/admin", "/admin/customers", "/admin/tier-requests"]) await open(page, path);
    expect(violations).toEqual([]);
  });
});

test.describe("billing", () => {
  test.use({ storageState: storageState("billing") });
  test("the billing page carries the CSP and runs without a violation", async ({ page }) => {
    const violations = await watchViolations(page);
    for (const path of ["/home", "/billing"]) await open(page, path);
    expect(violations).toEqual([]);
  });
});

test.describe("with an OIDC provider and an https public URL", () => {
  test("Continue with GitHub reaches the provider under the policy, and HSTS is sent", async ({ page }) => {
    const portal = await startPortal({ GITHUB_ID: "e2e-client", GITHUB_SECRET: "e2e-secret" });
    try {
      // The provider, answered locally: the test only follows the browser to GitHub's authorization page.
      await page.route("https://github.com/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>GitHub (stub)</h1>" }));
      const violations = await watchViolations(page);
      await open(page, `${portal.url}/sign-in`);
      await page.getByRole("button", { name: "Continue with GitHub" }).click();
      await expect(page).toHaveURL(/^https:\/\/github\.com\/login\/oauth\/authorize\?.*client_id=e2e-client/);
      await expect(page.getByRole("heading", { name: "GitHub (stub)" })).toBeVisible();
      expect(violations).toEqual([]);
    } finally {
      await portal.stop();
    }

    const secure = await startPortal({ NEXTAUTH_URL: "https://portal.example.test" });
    try {
      const response = await page.request.get(`${secure.url}/sign-in`);
      expect(response.status()).toBe(200);
      expect(response.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
      expect(response.headers()["content-security-policy"]).toMatch(/(^|; )upgrade-insecure-requests(;|$)/);
    } finally {
      await secure.stop();
    }
  });
});
