import { expect, test, type APIRequestContext } from "@playwright/test";
import { signUp } from "../support/sign-up";
import { uniqueEmail } from "../support/accounts";

// Finding 2 of issue 8: wrong passwords in a row all answered 401 and the right one then got a session at once.
const PASSWORD = "correct-horse-battery";

async function postCredentials(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
}

const hasSession = (response: { headersArray(): { name: string; value: string }[] }) =>
  response.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && /next-auth\.session-token=[^;]+/.test(h.value));

test("wrong passwords in a row get 429 with Retry-After, the right one waits too, then works", async ({ browser, playwright, baseURL }) => {
  const email = uniqueEmail("throttle");
  const setup = await browser.newPage();
  await signUp(setup, { name: "Throttle Target", email, password: PASSWORD });
  await setup.close();

  const request = await playwright.request.newContext({ baseURL });
  const statuses: number[] = [];
  for (let i = 0; i < 8; i++) statuses.push((await postCredentials(request, email, `wrong-password-${i}`)).status());
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

  const during = await postCredentials(request, email, PASSWORD);
  expect(during.status()).toBe(429);
  const retryAfter = Number(during.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(hasSession(during)).toBe(false);
  expect(await (await request.get("/api/auth/session")).json()).toEqual({});

  await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 200));
  const after = await postCredentials(request, email, PASSWORD);
  expect(after.status()).toBe(200);
  expect(hasSession(after)).toBe(true);
  await request.dispose();
});

test("the sign-in form says how long to wait", async ({ browser }) => {
  const email = uniqueEmail("throttle-form");
  const setup = await browser.newPage();
  await signUp(setup, { name: "Throttle Form", email, password: PASSWORD });
  await setup.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many attempts\. Try again in \d+ seconds?\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});
