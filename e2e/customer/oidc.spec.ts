import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { demoAccounts, uniqueEmail } from "../support/accounts";
import { keyAction, keyRow } from "../support/keys";
import { oidcPort, startOidcProvider, type OidcIdentity, type TestOidcProvider } from "../support/oidc-provider";
import { signInLongAgo } from "../support/recent-auth";
import { signUp } from "../support/sign-up";

// "Continue with Cognito" end to end, against the test OIDC provider (e2e/support/oidc-provider.ts): sign-up,
// linking rules, and re-authentication through the provider for a user without a password.

let provider: TestOidcProvider;

test.beforeAll(async () => {
  provider = await startOidcProvider(oidcPort(Number(process.env.E2E_PORT ?? 3100)));
});
test.afterAll(async () => {
  await provider.close();
});

const person = (overrides: Partial<OidcIdentity> = {}): OidcIdentity => ({
  sub: randomUUID(),
  email: uniqueEmail("oidc"),
  email_verified: "true",
  name: "Oidc Person",
  ...overrides,
});

async function continueWithCognito(page: Page, from: "/sign-in" | "/sign-up") {
  await page.goto(from);
  await page.getByRole("button", { name: "Continue with Cognito" }).click();
}

test("a first sign-in through the provider, from the sign-up page, creates a customer with its first key", async ({ page }) => {
  provider.signInAs(person({ name: "Oidc Newcomer" }));
  await continueWithCognito(page, "/sign-up");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Oidc Newcomer" })).toBeVisible();
  await expect(keyRow(page, "Default key")).toBeVisible();
  await expect(keyRow(page, "Default key").getByText("Active", { exact: true })).toBeVisible({ timeout: 30_000 });
});

test("an existing account is linked only when the provider verified the e-mail", async ({ page }) => {
  const email = uniqueEmail("oidc-link");
  await signUp(page, { name: "Password First", email });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  const identity = person({ email, email_verified: "false" });
  provider.signInAs(identity);
  await continueWithCognito(page, "/sign-in");
  await expect(page).toHaveURL(/\/sign-in\?.*error=OidcUnverifiedEmail/);
  await expect(page.getByText("An account with this e-mail address already exists, and the provider did not confirm")).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});

  provider.signInAs({ ...identity, email_verified: "true" });
  await continueWithCognito(page, "/sign-in");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Password First" })).toBeVisible();
});

test("a staff account is never linked through a provider", async ({ page }) => {
  provider.signInAs(person({ email: demoAccounts.admin, email_verified: true }));
  await continueWithCognito(page, "/sign-in");
  await expect(page).toHaveURL(/\/sign-in\?.*error=OidcStaffAccount/);
  await expect(page.getByText("This e-mail address belongs to a staff account, which signs in with its password only.")).toBeVisible();
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
});

test("a user without a password re-authenticates through the provider to reveal a key", async ({ page }) => {
  provider.signInAs(person({ name: "No Password" }));
  await continueWithCognito(page, "/sign-in");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(keyRow(page, "Default key").getByText("Active", { exact: true })).toBeVisible({ timeout: 30_000 });

  await signInLongAgo(page.context());
  await page.reload();
  await keyAction(page, "Default key", "Reveal key");
  const prompt = page.getByRole("group", { name: "Sign in again" });
  await expect(prompt).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  const before = provider.authorizations.length;
  await prompt.getByRole("button", { name: "Sign in again with Cognito" }).click();
  await expect.poll(() => provider.authorizations.length).toBe(before + 1);
  expect(provider.authorizations[before]?.get("prompt")).toBe("login");
  await page.waitForLoadState("load");
  await expect(page).toHaveURL(/\/dashboard$/);

  await keyAction(page, "Default key", "Reveal key");
  await expect(page.getByTestId("revealed-key")).toBeVisible();
});
