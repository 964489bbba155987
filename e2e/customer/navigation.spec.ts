import { expect, test } from "@playwright/test";
import { storageState } from "../support/accounts";

test.use({ storageState: storageState("customer") });

// Dashboard pages render on the server; while one is on its way, the tab that was clicked says so.
test("a dashboard tab shows that its page is loading, then the page arrives", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();

  // Hold the navigation's server request for a moment, as a slow network or a busy server would.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/dashboard\/usage(\?|$)/, async (route) => {
    await held;
    await route.continue();
  });

  const tab = page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Usage" });
  await tab.click();
  await expect(tab.getByTestId("link-pending")).toBeVisible();
  await expect(tab.getByRole("status")).toHaveText("Loading…");
  release();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(tab).toHaveAttribute("aria-current", "page");
  await expect(tab.getByTestId("link-pending")).toHaveCount(0);
  await expect(tab.getByRole("status")).toHaveText("");
});
