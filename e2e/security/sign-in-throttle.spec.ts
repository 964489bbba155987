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

/**
 * Wrong passwords until the account's wait is at least `seconds` long, honouring each Retry-After (an attempt made
 * too soon is refused and not counted). Waiting for a long wait keeps the checks that follow from racing its end on
 * a busy machine. Returns every status seen, in order.
 */
async function throttleFor(request: APIRequestContext, email: string, seconds: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const response = await postCredentials(request, email, `wrong-password-${i}`);
    statuses.push(response.status());
    if (response.status() !== 429) continue;
    const retryAfter = Number(response.headers()["retry-after"]);
    if (retryAfter >= seconds) return statuses;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
  }
  throw new Error(`no wait of ${seconds} s after 20 attempts: ${statuses.join(", ")}`);
}

const hasSession = (response: { headersArray(): { name: string; value: string }[] }) =>
  response.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && /next-auth\.session-token=[^;]+/.test(h.value));

test("wrong passwords in a row get 429 with Retry-After, the right one waits too, then works", async ({ browser, playwright, baseURL }) => {
  const email = uniqueEmail("throttle");
  const setup = await browser.newPage();
  await signUp(setup, { name: "Throttle Target", email, password: PASSWORD });
  await setup.close();

  const request = await playwright.request.newContext({ baseURL });
  const statuses = await throttleFor(request, email, 8);
  // Five free failures, then waits that double (1 s, 2 s, 4 s, 8 s): each too-early attempt is a 429.
  expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 429]);
  expect(statuses.filter((s) => s === 401)).toHaveLength(8);

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

test("the sign-in form says how long to wait", async ({ browser, playwright, baseURL }) => {
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
  // Long enough a wait that the form's next attempt surely falls inside it.
  const request = await playwright.request.newContext({ baseURL });
  await throttleFor(request, email, 8);
  await request.dispose();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many attempts\. Try again in \d+ seconds?\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});
