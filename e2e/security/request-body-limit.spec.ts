import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { startPortal, type PortalServer } from "../support/portal-server";
import { callAction, serverActions } from "../support/server-actions";

// A body over the portal's limit (100 kB, far above the largest legitimate input: a 10 kB try-it request body) is
// refused with 413 before Next.js parses it, for server actions and any other POST, and the form says so.

const ONE_MB = 1024 * 1024;
const TOO_LARGE = /^That was too large to send\./;

function forgotPasswordAction() {
  const action = serverActions().find((a) => a.name === "requestPasswordResetAction");
  if (!action) throw new Error("requestPasswordResetAction is not in the build");
  return action;
}

/** POSTs `size` bytes with chunked transfer encoding (no Content-Length), as a client streaming its body would. */
function postChunked(url: string, headers: Record<string, string>, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8", "Transfer-Encoding": "chunked" } });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    const chunk = "x".repeat(64 * 1024);
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

test.describe("on a portal whose log the test reads", () => {
  let portal: PortalServer;
  test.beforeAll(async () => {
    portal = await startPortal();
  });
  test.afterAll(async () => {
    await portal?.stop();
  });

  test("a 1 MB body to a server action or any POST answers 413, and the server logs no stack trace", async ({ request }) => {
    const action = forgotPasswordAction();
    const headers = { "Next-Action": action.id, Accept: "text/x-component", Origin: portal.url };
    const page = `${portal.url}/forgot-password`;

    // As the browser sends a form to an action: multipart, with Content-Length.
    const multipart = await request.post(page, { headers, multipart: { "1_email": "x".repeat(ONE_MB), "0": '["$K1"]' }, maxRedirects: 0 });
    expect(multipart.status()).toBe(413);
    expect(await multipart.text()).toMatch(TOO_LARGE);

    // An action called with plain arguments.
    const plain = await request.post(page, { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify(["x".repeat(ONE_MB)]) });
    expect(plain.status()).toBe(413);

    // Streamed, without Content-Length.
    expect(await postChunked(page, headers, ONE_MB)).toBe(413);

    // Not only actions: a page and a route handler.
    expect((await request.post(`${portal.url}/sign-in`, { form: { email: "x".repeat(ONE_MB) } })).status()).toBe(413);
    expect((await request.post(`${portal.url}/api/auth/callback/credentials`, { form: { email: "x".repeat(ONE_MB) } })).status()).toBe(413);

    await new Promise((resolve) => setTimeout(resolve, 500)); // let any late log line arrive
    expect(portal.log()).not.toMatch(/^\s+at /m);
    expect(portal.log()).not.toMatch(/Error|exceeded/i);
  });
});

test("a body under the limit still reaches the action", async ({ request, baseURL }) => {
  // 50 kB: more than the largest legitimate input; the action answers (refusing the address), not the proxy.
  const result = await callAction(request, baseURL ?? "", "/forgot-password", forgotPasswordAction(), [{ form: { email: "x".repeat(50_000) } }]);
  expect(result).toEqual({ status: 200, outcome: "invalid" });
});

test("a form whose input is too large says so instead of failing", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill("x".repeat(ONE_MB));
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That was too large to send." })).toBeVisible();
  await expect(page.getByText("This page could not be loaded")).toHaveCount(0); // not the error page
  await expect(page.getByLabel("E-mail")).toHaveValue(/^x{1000}/); // the form is still there, with what was typed
});
