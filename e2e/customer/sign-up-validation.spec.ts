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
    await expect(page.getByText("An account with that e-mail already exists. Sign in instead, or use another address.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up$/);
  });

  test("markup in the name", async ({ page }) => {
    await page.getByLabel("Your name").fill("<script>alert(1)</script>");
    await page.getByLabel("E-mail").fill(uniqueEmail("xss"));
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Remove the characters < and > from your name.")).toBeVisible();
  });
});
