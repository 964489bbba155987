import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard } from "../support/keys";
import { expectFitsPhone, screenshot } from "../support/shots";
import { signUp } from "../support/sign-up";

// The e2e server runs with the file mail transport and its default directory, so reset links are read from there.
const OUTBOX = join(process.cwd(), ".data", "mail", "outbox.jsonl");
const PASSWORD = "correct-horse-battery";
const TEN_KB = "x".repeat(10_240);

/** The reset links mailed to one address so far, oldest first. */
function resetLinksFor(email: string): string[] {
  if (!existsSync(OUTBOX)) return [];
  return readFileSync(OUTBOX, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; text: string })
    .filter((m) => m.to === email)
    .map((m) => /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(m.text)?.[0] ?? "");
}

/** Nothing overflows sideways on a phone; with SHOTS_DIR, a screenshot at 1280 px and at 390 px wide, full page. */
async function screenshots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `account/${name}-${width}`, { fullPage: true });
    if (width === 390) await expectFitsPhone(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function signOut(page: Page) {
  await page.goto("/dashboard"); // a fresh page: the header may still show the state from before a client-side sign-in
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a customer edits the profile, changes the password, and signs in with the new one", async ({ page, browser }, testInfo) => {
  const email = uniqueEmail("account");
  await signUp(page, { name: "Account Tester", company: "Old Co", email, password: PASSWORD });
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await screenshots(page, "account");

  // Profile
  const profile = page.getByRole("form", { name: "Profile" });
  await expect(profile.getByLabel("Your name")).toHaveValue("Account Tester");
  await profile.getByLabel("Your name").fill("Renamed Tester");
  await profile.getByLabel("Company (optional)").fill("New Co");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("Profile saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Your name")).toHaveValue("Renamed Tester");
  await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Company (optional)")).toHaveValue("New Co");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Renamed Tester" })).toBeVisible();

  // Password: a wrong current one is refused and everything typed stays.
  await page.goto("/dashboard/account");
  const password = page.getByRole("form", { name: "Change password" });
  await password.getByLabel("Current password").fill("not-my-password");
  await password.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await password.getByLabel("Repeat the new password").fill("a-brand-new-password");
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByText("That is not your current password.")).toBeVisible();
  await expect(password.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(password.getByLabel("New password", { exact: true })).toHaveValue("a-brand-new-password");
  await screenshots(page, "account-password-error");

  // A second session (another browser) signed in before the change.
  const elsewhere = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, email, PASSWORD);
  await expect(otherPage).toHaveURL(/\/dashboard$/);

  await password.getByLabel("Current password").fill(PASSWORD);
  await password.getByRole("button", { name: "Change password" }).click();
  await expect(password.getByText("Your password was changed. Every other session was signed out")).toBeVisible();
  await expect(password.getByLabel("Current password")).toHaveValue("");

  // This session carries on; the other one has ended and is sent to sign in.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Renamed Tester" })).toBeVisible();
  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  await signOut(page);
  await signIn(page, email, PASSWORD);
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  await signIn(page, email, "a-brand-new-password");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a forgotten password is reset with the e-mailed link, once", async ({ page }) => {
  const email = uniqueEmail("forgot");
  await signUp(page, { name: "Forgetful Tester", email, password: PASSWORD });
  await signOut(page);

  await page.goto("/sign-in");
  await screenshots(page, "sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await screenshots(page, "forgot-password");

  // An unknown address gets the very same answer (and no mail).
  const unknown = uniqueEmail("nobody");
  await page.getByLabel("E-mail").fill(unknown);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "Check your e-mail" });
  await expect(answer).toBeVisible();
  const unknownAnswer = await answer.textContent();

  await page.getByLabel("E-mail").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Send another link" }).click();
  await expect(answer).toBeVisible();
  expect(await answer.textContent()).toBe(unknownAnswer);
  await screenshots(page, "forgot-password-sent");

  await expect.poll(() => resetLinksFor(email).length, { timeout: 10_000 }).toBe(1);
  expect(resetLinksFor(unknown)).toHaveLength(0);
  const link = resetLinksFor(email)[0] ?? "";
  const { pathname, search } = new URL(link);

  await page.goto(pathname + search);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await screenshots(page, "reset-password");
  await page.getByLabel("New password", { exact: true }).fill("a-reset-password");
  await page.getByLabel("Repeat the new password").fill("a-reset-passwort");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two new passwords do not match.")).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("a-reset-password");
  await page.getByLabel("Repeat the new password").fill("a-reset-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed. Sign in with your new password.")).toBeVisible();
  await screenshots(page, "reset-password-done");

  await page.getByRole("link", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, "a-reset-password");
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);

  // The link worked once.
  await page.goto(pathname + search);
  await expect(page.getByText(/This reset link is not valid/)).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveCount(0);
  await screenshots(page, "reset-password-used");
});

test("deleting the account revokes its keys in AWS, signs out, and stops sign-in", async ({ page, request }) => {
  const email = uniqueEmail("delete");
  await signUp(page, { name: "Leaving Tester", email, password: PASSWORD });
  await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active");
  const { value, url } = await createKeyOnDashboard(page, "doomed");
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  await page.goto("/dashboard/account");
  const form = page.getByRole("form", { name: "Delete account" });
  await expect(page.getByText("every API key is revoked immediately in AWS")).toBeVisible();

  // Without the word, or with the wrong password, nothing happens.
  await form.getByLabel("Your password").fill(PASSWORD);
  await form.getByLabel("Type DELETE to confirm").fill("delete");
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.getByText("Type DELETE (in capital letters) to confirm.")).toBeVisible();
  await form.getByLabel("Your password").fill("not-my-password");
  await form.getByLabel("Type DELETE to confirm").fill("DELETE");
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.getByText("That password is not correct.")).toBeVisible();
  await expect(form.getByLabel("Your password")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Type DELETE to confirm")).toHaveValue("DELETE");
  await screenshots(page, "account-delete-error");
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  await form.getByLabel("Your password").fill(PASSWORD);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.getByTestId("account-deleted")).toContainText("Every API key of the account was revoked in AWS");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await screenshots(page, "landing-deleted");

  // The key no longer works at the gateway, the dashboard is closed, and signing in fails.
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(403);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email, PASSWORD);
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
});

test.describe("account forms refuse bad input with a clear message and keep what was typed", () => {
  test("profile", async ({ page }) => {
    await signUp(page, { name: "Profile Input", email: uniqueEmail("profile-input"), password: PASSWORD });
    await page.goto("/dashboard/account");
    const form = page.getByRole("form", { name: "Profile" });
    const name = form.getByLabel("Your name");
    const save = form.getByRole("button", { name: "Save profile" });
    for (const [input, message] of [
      ["", "Enter your name."],
      [TEN_KB, "Use at most 100 characters for your name."],
      ["Tab\there", "Remove control characters (such as tabs or line breaks) from your name."],
      ["<script>alert(1)</script>", "Remove the characters < and > from your name."],
    ] as const) {
      await name.fill(input);
      await save.click();
      await expect(form.getByText(message)).toBeVisible();
      await expect(name).toHaveAttribute("aria-invalid", "true");
      await expect(name).toHaveValue(input);
    }
    await form.getByLabel("Company (optional)").fill("<b>bold</b>");
    await name.fill("Profile Input");
    await save.click();
    await expect(form.getByText("Remove the characters < and > from the company name.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Your name")).toHaveValue("Profile Input");
    await expect(page.getByRole("form", { name: "Profile" }).getByLabel("Company (optional)")).toHaveValue("");
  });

  test("change password", async ({ page }) => {
    await signUp(page, { name: "Password Input", email: uniqueEmail("password-input"), password: PASSWORD });
    await page.goto("/dashboard/account");
    const form = page.getByRole("form", { name: "Change password" });
    const submit = form.getByRole("button", { name: "Change password" });
    await submit.click();
    await expect(form.getByText("Enter your current password.")).toBeVisible();
    await expect(form.getByText("Use at least 10 characters for your password.")).toBeVisible();

    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByLabel("New password", { exact: true }).fill(TEN_KB);
    await form.getByLabel("Repeat the new password").fill(TEN_KB);
    await submit.click();
    await expect(form.getByText("Use at most 128 characters for your password.")).toBeVisible();
    await expect(form.getByLabel("New password", { exact: true })).toHaveValue(TEN_KB);

    await form.getByLabel("New password", { exact: true }).fill("tab\tin-the-middle");
    await form.getByLabel("Repeat the new password").fill("tab\tin-the-middle");
    await submit.click();
    await expect(form.getByText("Remove control characters (such as tabs or line breaks) from your password.")).toBeVisible();

    await form.getByLabel("New password", { exact: true }).fill(PASSWORD);
    await form.getByLabel("Repeat the new password").fill(PASSWORD);
    await submit.click();
    await expect(form.getByText("Choose a new password that differs from your current one.")).toBeVisible();
  });

  test("forgot password", async ({ page }) => {
    await page.goto("/forgot-password");
    const email = page.getByLabel("E-mail");
    const submit = page.getByRole("button", { name: "Send reset link" });
    for (const [input, message] of [
      ["", "Enter your e-mail address."],
      [`${TEN_KB}@example.com`, "That e-mail address is too long."],
      ["tab\there@example.com", "Enter a valid e-mail address, like name@example.com."],
      ["<script>alert(1)</script>@example.com", "Enter a valid e-mail address, like name@example.com."],
    ] as const) {
      await email.fill(input);
      await submit.click();
      await expect(page.getByText(message)).toBeVisible();
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(email).toHaveValue(input);
      await expect(page.getByText("Check your e-mail")).toHaveCount(0);
    }
  });

  test("reset password", async ({ page }) => {
    // A made-up or tampered link shows what to do instead of a form.
    for (const token of ["", "x".repeat(10_240), "<script>alert(1)</script>", "A".repeat(43)]) {
      await page.goto(`/reset-password?token=${encodeURIComponent(token)}`);
      await expect(page.getByText(/This reset link is not valid/)).toBeVisible();
      await expect(page.getByRole("link", { name: "Request a new link" })).toBeVisible();
    }

    const email = uniqueEmail("reset-input");
    await signUp(page, { name: "Reset Input", email, password: PASSWORD });
    await signOut(page);
    await page.goto("/forgot-password");
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => resetLinksFor(email).length, { timeout: 10_000 }).toBe(1);
    const link = new URL(resetLinksFor(email)[0] ?? "");
    await page.goto(link.pathname + link.search);
    const submit = page.getByRole("button", { name: "Set new password" });
    await submit.click();
    await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();
    for (const [input, message] of [
      [TEN_KB, "Use at most 128 characters for your password."],
      ["line\tbreak-password", "Remove control characters (such as tabs or line breaks) from your password."],
    ] as const) {
      await page.getByLabel("New password", { exact: true }).fill(input);
      await page.getByLabel("Repeat the new password").fill(input);
      await submit.click();
      await expect(page.getByText(message)).toBeVisible();
      await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("New password", { exact: true })).toHaveValue(input);
    }
    // Nothing was used up: the link still works.
    await page.getByLabel("New password", { exact: true }).fill("a-valid-password");
    await page.getByLabel("Repeat the new password").fill("a-valid-password");
    await submit.click();
    await expect(page.getByText("Your password was changed.")).toBeVisible();
  });

  test("delete account", async ({ page }) => {
    await signUp(page, { name: "Delete Input", email: uniqueEmail("delete-input"), password: PASSWORD });
    await page.goto("/dashboard/account");
    const form = page.getByRole("form", { name: "Delete account" });
    const submit = form.getByRole("button", { name: "Delete my account" });
    await submit.click();
    await expect(form.getByText("Type DELETE (in capital letters) to confirm.")).toBeVisible();
    for (const confirm of [TEN_KB, "<script>alert(1)</script>", "DEL\tETE"]) {
      await form.getByLabel("Your password").fill(PASSWORD);
      await form.getByLabel("Type DELETE to confirm").fill(confirm);
      await submit.click();
      await expect(form.getByText("Type DELETE (in capital letters) to confirm.")).toBeVisible();
      await expect(form.getByLabel("Type DELETE to confirm")).toHaveValue(confirm);
    }
    await form.getByLabel("Your password").fill(TEN_KB);
    await form.getByLabel("Type DELETE to confirm").fill("DELETE");
    await submit.click();
    await expect(form.getByText("That password is too long.")).toBeVisible();
    await form.getByLabel("Your password").fill("");
    await submit.click();
    await expect(form.getByText("Enter your password.")).toBeVisible();
    // Still here, still signed in.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  });
});
