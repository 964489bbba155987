import { expect, test, type Page } from "@playwright/test";
import { storageState } from "../support/accounts";
import { shotsTest } from "../support/shots";

// /admin/stage against the e2e server's local AWS (the seed's gatehouse-demo-api, stage prod). Every setting changed
// here is restored before the test ends: the stage is shared by all specs.

test.use({ storageState: storageState("admin") });

/** The table row of a method ("GET /pets") or "Stage default"; its row header also carries the settings badge. */
const row = (page: Page, name: string) =>
  page
    .getByTestId("method-setting-row")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} (all methods|own settings|inherited)$`) }) });

test("shows the stage cache cluster and each method's throttling and TTL", async ({ page }) => {
  await page.goto("/admin/stage");
  await expect(page.getByRole("heading", { name: "Caches & stage", level: 1 })).toBeVisible();
  await expect(page.getByText("gatehouse-demo-api").first()).toBeVisible();
  await expect(page.getByTestId("cache-enabled")).toHaveText("Enabled");
  await expect(page.getByTestId("cache-size")).toHaveText("0.5 GB");
  await expect(page.getByTestId("cache-status")).toHaveText("available");
  await expect(row(page, "Stage default")).toContainText("1,000");
  const data = row(page, "GET /data");
  await expect(data).toContainText("own settings");
  await expect(data).toContainText("3,600");
  await expect(data).toContainText("100");
  await expect(row(page, "GET /health")).toContainText("inherited");
});

test("flushes the stage cache and the authorizer cache after confirmations naming API and stage", async ({ page }) => {
  await page.goto("/admin/stage");
  await page.getByRole("button", { name: "Flush stage cache" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Flush the stage cache of gatehouse-demo-api, stage prod?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Flush stage cache" }).click();
  await dialog.getByRole("button", { name: "Flush stage cache" }).click();
  await expect(page.getByText(/Stage cache flushed for gatehouse-demo-api \(\w+\), stage prod\./)).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Flush authorizer cache" }).click();
  await expect(dialog).toContainText("Flush the authorizer cache of gatehouse-demo-api, stage prod?");
  await dialog.getByRole("button", { name: "Flush authorizer cache" }).click();
  await expect(page.getByText(/Authorizer cache flushed for gatehouse-demo-api/)).toBeVisible();
});

test("refuses bad settings next to each field, previews the patch, applies it and resets the method", async ({ page }) => {
  await page.goto("/admin/stage");
  await page.getByRole("button", { name: "Edit GET /pets", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Edit GET /pets" })).toBeVisible();

  const rate = dialog.getByLabel("Rate limit (requests per second)");
  const burst = dialog.getByLabel("Burst limit (requests)");
  const ttl = dialog.getByLabel("Time to live (seconds)");
  await rate.fill("-1");
  await burst.fill("2.5");
  await ttl.fill("3601");
  await dialog.getByRole("button", { name: "Preview changes" }).click();
  await expect(dialog.getByTestId("settings-message")).toHaveText("Please correct the highlighted fields.");
  await expect(dialog.getByText("The rate limit cannot be negative.")).toBeVisible();
  await expect(dialog.getByText("The burst limit must be a whole number.")).toBeVisible();
  await expect(dialog.getByText("The cache TTL must be between 0 and 3600 seconds.")).toBeVisible();
  await expect(ttl).toHaveAttribute("aria-invalid", "true");
  await ttl.fill("");
  await dialog.getByRole("button", { name: "Preview changes" }).click();
  await expect(dialog.getByText("Enter the cache TTL.")).toBeVisible();

  // Unchanged values: nothing to apply.
  await rate.fill("1000");
  await burst.fill("2000");
  await ttl.fill("300");
  await dialog.getByRole("button", { name: "Preview changes" }).click();
  await expect(dialog.getByTestId("settings-message")).toContainText("Nothing to change");

  await rate.fill("50");
  await ttl.fill("60");
  await dialog.getByLabel("Encrypt cached data").check();
  await dialog.getByRole("button", { name: "Preview changes" }).click();
  await expect(dialog.getByRole("heading", { name: "Review changes to GET /pets" })).toBeVisible();
  const preview = dialog.getByTestId("settings-preview");
  await expect(preview.getByRole("listitem")).toHaveCount(3);
  await expect(preview).toContainText("Rate limit (requests/s)");
  await expect(preview).toContainText("Cache TTL (s)");
  const patch = dialog.getByTestId("settings-patch");
  await expect(patch).toContainText('"path": "/~1pets/GET/caching/ttlInSeconds"');
  await expect(patch).toContainText('"value": "60"');

  // Back keeps what was typed.
  await dialog.getByRole("button", { name: "Back to the form" }).click();
  await expect(ttl).toHaveValue("60");
  await dialog.getByRole("button", { name: "Preview changes" }).click();
  await dialog.getByRole("button", { name: "Apply 3 changes" }).click();
  await expect(page.getByText(/Updated GET \/pets: 3 changes applied/)).toBeVisible();
  await expect(dialog).toBeHidden();
  const pets = row(page, "GET /pets");
  await expect(pets).toContainText("own settings");
  await expect(pets).toContainText("60");

  // Restore: the method follows the stage default again.
  await pets.getByRole("button", { name: "Reset GET /pets to the stage default" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("stage prod");
  await confirm.getByRole("button", { name: "Reset to stage default" }).click();
  await expect(page.getByText("GET /pets now follows the stage default.")).toBeVisible();
  await expect(row(page, "GET /pets")).toContainText("inherited");
});

test("an unknown API in the URL says so, with a way back", async ({ page }) => {
  await page.goto("/admin/stage?api=nosuchapi1&stage=prod");
  await expect(page.getByRole("alert").filter({ hasText: "The stage could not be shown" })).toContainText("That API does not exist");
  await page.getByRole("link", { name: "Show the portal's API and stage" }).click();
  await expect(page.getByTestId("cache-enabled")).toHaveText("Enabled");
});

shotsTest("screenshots, light and dark, wide and narrow", async ({ browser, shotsDir: dir }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ storageState: storageState("admin"), colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/admin/stage");
      await expect(page.getByTestId("cache-enabled")).toBeVisible();
      await page.screenshot({ path: `${dir}/stage-${colorScheme}-${width}.png`, fullPage: true });
      await page.getByRole("button", { name: "Edit GET /data", exact: true }).click();
      await page.getByRole("dialog").getByLabel("Time to live (seconds)").fill("9999");
      await page.getByRole("dialog").getByRole("button", { name: "Preview changes" }).click();
      await page.screenshot({ path: `${dir}/stage-edit-invalid-${colorScheme}-${width}.png` });
      await page.getByRole("dialog").getByLabel("Time to live (seconds)").fill("1800");
      await page.getByRole("dialog").getByRole("button", { name: "Preview changes" }).click();
      await expect(page.getByTestId("settings-patch")).toBeVisible();
      await page.screenshot({ path: `${dir}/stage-preview-${colorScheme}-${width}.png` });
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "Flush stage cache" }).click();
      await page.screenshot({ path: `${dir}/stage-flush-confirm-${colorScheme}-${width}.png` });
      await context.close();
    }
  }
});
