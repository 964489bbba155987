import { expect, test } from "@playwright/test";
import { demoAccounts, uniqueEmail } from "../support/accounts";

test.describe("sign-up refuses bad input with a clear message and keeps what was typed", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/sign-up");
  });

  test("empty form", async ({ page }) => {
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
    await expect(page.getByText("Use at least 10 characters for your password.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  });

  test("10 kB of input", async ({ page }) => {
    const huge = "x".repeat(10_240);
    await page.getByLabel("Your name").fill(huge);
    await page.getByLabel("E-mail").fill(`${huge}@example.com`);
    await page.getByLabel("Password").fill(huge);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at most 100 characters for your name.")).toBeVisible();
    await expect(page.getByText("That e-mail address is too long.")).toBeVisible();
    await expect(page.getByText("Use at most 128 characters for your password.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveValue(huge);
  });

  test("malformed e-mail", async ({ page }) => {
    await page.getByLabel("Your name").fill("Mal Formed");
    await page.getByLabel("E-mail").fill("mal@formed@example");
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter a valid e-mail address, like name@example.com.")).toBeVisible();
    await expect(page.getByLabel("E-mail")).toHaveValue("mal@formed@example");
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("duplicate e-mail", async ({ page }) => {
    await page.getByLabel("Your name").fill("Copy Cat");
    await page.getByLabel("E-mail").fill(demoAccounts.customer.toUpperCase());
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    // The answer does not say whether the address has an account (its owner gets an e-mail instead).
    await expect(page.getByText(/We could not sign you in with that password\. If this address already had an account, we sent it an e-mail/)).toBeVisible();
    await expect(page.getByText(/already exists/)).toHaveCount(0);
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  for (const [label, password, problem] of [
    ["a common password", "1234567890", /too easy to guess/],
    ["repeated characters", "aaaaaaaaaa", /too easy to guess/],
    ["the e-mail address", "{email}", /Do not use your e-mail address or name/],
  ] as const) {
    test(`a password that is ${label}`, async ({ page }) => {
      const email = uniqueEmail("weak");
      await page.getByLabel("Your name").fill("Weak Password");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(password.replace("{email}", email));
      // The hint says so while typing...
      await expect(page.locator("#password-strength")).toContainText(problem);
      await page.getByRole("button", { name: "Create account" }).click();
      // ...and the server refuses it.
      await expect(page.locator("#password-error")).toContainText(problem);
      await expect(page).toHaveURL(/\/sign-up$/);
    });
  }

  test("the strength hint accepts a strong password", async ({ page }) => {
    await page.getByLabel("Password").fill("correct-horse-battery");
    await expect(page.locator("#password-strength")).toContainText("this password is accepted");
  });

  test("markup in the name", async ({ page }) => {
    await page.getByLabel("Your name").fill("<script>alert(1)</script>");
    await page.getByLabel("E-mail").fill(uniqueEmail("xss"));
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Remove the characters < and > from your name.")).toBeVisible();
  });
});
