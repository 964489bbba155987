import { expect, test } from "@playwright/test";
import { storageState } from "../support/accounts";

test.describe("as a customer", () => {
  test.use({ storageState: storageState("customer") });

  test("cannot open the admin or billing areas", async ({ page }) => {
    for (const path of ["/admin/customers", "/admin", "/billing"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
      await expect(page.getByTestId("customer-row")).toHaveCount(0);
    }
  });

  test("sees the demo keys on the dashboard", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("key-row")).toHaveCount(3);
  });
});

test.describe("as billing staff", () => {
  test.use({ storageState: storageState("billing") });

  test("sees billing and the customers read-only, but not admin or the customer dashboard", async ({ page }) => {
    await page.goto("/billing");
    await expect(page.getByRole("heading", { name: "Period report", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: /Premium/ }).first()).toBeVisible();
    await page.goto("/admin/customers");
    await expect(page).toHaveURL(/\/billing\/customers$/);
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
    expect((await page.goto("/admin"))?.status()).toBe(403);
    expect((await page.goto("/dashboard"))?.status()).toBe(403);
  });
});

test.describe("anonymous", () => {
  test("is sent to sign in, and back after signing in", async ({ page }) => {
    await page.goto("/admin/customers");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fcustomers/);
    await page.getByLabel("E-mail").fill("admin@gatehouse.local");
    await page.getByLabel("Password").fill("gatehouse-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/customers$/);
  });

  test("gets a clear message for a wrong password", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("admin@gatehouse.local");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "That e-mail and password do not match an account." })).toBeVisible();
  });
});

test("signing out ends the session", async ({ browser }) => {
  // A session of its own: signing out ends it on the server, so the shared admin state must not be the one used.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/admin/customers");
  await page.getByLabel("E-mail").fill("admin@gatehouse.local");
  await page.getByLabel("Password").fill("gatehouse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/customers$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/admin/customers");
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});
