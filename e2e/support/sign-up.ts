import { expect, type Page } from "@playwright/test";

export async function signUp(page: Page, opts: { name: string; email: string; password?: string; tier?: string; company?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(opts.name);
  if (opts.company) await page.getByLabel("Company (optional)").fill(opts.company);
  await page.getByLabel("E-mail").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password ?? "correct-horse-battery");
  if (opts.tier) await page.getByRole("radio", { name: opts.tier }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  // Sign-up ends with a full page load; wait for it (as page.goto does) so the next click finds the page hydrated,
  // not a bare HTML form that the browser would submit itself.
  await page.waitForLoadState("load");
}
