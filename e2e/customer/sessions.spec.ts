import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { signUp } from "../support/sign-up";

// Sessions end on the server: a copy of the cookie taken before the end opens nothing afterwards.

const PASSWORD = "correct-horse-battery";

async function signedUpContext(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = uniqueEmail(name.toLowerCase().replace(/\W/g, ""));
  await signUp(page, { name, email, password: PASSWORD });
  return { context, page, email };
}

async function signInElsewhere(browser: Browser, baseURL: string | undefined, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return context;
}

/** Opens the dashboard and GET /api/auth/session with a context's cookies: what a replayed cookie gets. */
async function expectEnded(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
  const session = await context.request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toEqual({});
}

test("signing out ends the session: the saved cookie no longer opens the dashboard or the session endpoint", async ({ browser, baseURL }, testInfo) => {
  const { context, page, email } = await signedUpContext(browser, "Sign Out Tester");
  const saved = testInfo.outputPath("before-sign-out.json");
  await context.storageState({ path: saved });
  const live = await context.request.get("/api/auth/session");
  expect(await live.json()).toMatchObject({ user: { email } });

  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await context.close();

  const replay = await browser.newContext({ baseURL, storageState: saved });
  await expectEnded(replay);
  // Asking again does not bring it back (no renewal of an ended session).
  expect(await (await replay.request.get("/api/auth/session")).json()).toEqual({});
  await replay.close();
});

test("sign out everywhere else ends the other browser's session and keeps this one", async ({ browser, baseURL }) => {
  const { context, page, email } = await signedUpContext(browser, "Everywhere Tester");
  const other = await signInElsewhere(browser, baseURL, email);

  await page.goto("/dashboard/account");
  const sessions = page.getByRole("list", { name: "Signed-in sessions" });
  await expect(sessions.getByTestId("session-row")).toHaveCount(2);
  await expect(sessions.getByTestId("session-row").first()).toContainText("This session");
  await expect(page.getByText("This session stays signed in")).toBeVisible();
  // It asks first; Cancel changes nothing.
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Sign out of the other session?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(sessions.getByTestId("session-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await confirm.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByText("Signed out 1 other session. This one stays signed in.")).toBeVisible();
  await expect(sessions.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toBeDisabled();

  await expectEnded(other);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Everywhere Tester" })).toBeVisible();
  await other.close();
  await context.close();
});

test("an admin ends a customer's sessions from the customers page, after confirming", async ({ browser, baseURL }) => {
  const { context, page, email } = await signedUpContext(browser, "Ended By Admin");
  const saved = await context.storageState();

  const admin = await browser.newContext({ baseURL, storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/customers?q=${encodeURIComponent(email)}`);
  const row = adminPage.getByTestId("customer-row");
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "End sessions" }).click();
  // The confirmation names who and what: a dialog, focus inside it, the page behind inert.
  const confirm = adminPage.getByRole("alertdialog", { name: `End every session of ${email}?` });
  await expect(confirm).toContainText(`Sign ${email} out everywhere`);
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Ended By Admin" })).toBeVisible(); // cancelled: nothing ended

  await row.getByRole("button", { name: "End sessions" }).click();
  await confirm.getByRole("button", { name: "End sessions" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText(`Ended 1 session of ${email}.`);

  await expectEnded(context);
  const replay = await browser.newContext({ baseURL, storageState: saved });
  await expectEnded(replay);
  await Promise.all([replay.close(), context.close(), admin.close()]);
});
