import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { screenshot, shotsTest } from "../support/shots";
import { keyAction } from "../support/keys";
import { signUp } from "../support/sign-up";

const PASSWORD = "correct-horse-battery";

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("admin") });
  return context.newPage();
}

/** A customer who rotates a key with a grace period and then deletes the account: the scheduled disable fails. */
async function customerWithAFailedOperation(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name: "Records Leaver", email: uniqueEmail("leaver"), password: PASSWORD });
  await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active");
  await keyAction(page, "Default key", "Rotate…");
  await page.getByRole("alertdialog", { name: "Rotate “Default key”?" }).getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByTestId("key-state").first()).toContainText("Rotating");
  await page.goto("/dashboard/account");
  const form = page.getByRole("form", { name: "Delete account" });
  await form.getByLabel("Your password").fill(PASSWORD);
  await form.getByLabel("Type DELETE to confirm").fill("DELETE");
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await context.close();
}

test("operations: states and filters, bad filters, a failed operation's retry refused with the reason, reconcile now", async ({ browser }) => {
  await customerWithAFailedOperation(browser);
  const page = await adminPage(browser);
  await page.goto("/admin/operations");
  await expect(page.getByRole("heading", { name: "Operations", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Operations by state" })).toContainText("Succeeded");

  // The failed scheduled disable of the deleted account, found by state and kind.
  await page.getByLabel("State", { exact: true }).selectOption("failed");
  await page.getByLabel("Kind", { exact: true }).selectOption("SET_KEY_ENABLED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=failed/);
  const failed = page.getByTestId("operation-row").filter({ hasText: "The account was deleted." }).first();
  await expect(failed).toContainText("Failed");
  await failed.getByRole("button", { name: "Retry" }).click();
  const dialog = page.getByRole("alertdialog", { name: /^Retry set key enabled/ });
  await expect(dialog).toContainText("recorded in the audit log");
  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(failed.getByText("The customer's account was deleted; there is nothing to retry for it.")).toBeVisible();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "nothing to retry" })).toBeVisible();

  // Its detail page: steps, error, the retry button.
  await failed.getByRole("link", { name: "Set key enabled" }).click();
  await expect(page.getByRole("heading", { name: "Set key enabled", level: 1 })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Last error" })).toContainText("The account was deleted.");
  await expect(page.getByRole("heading", { name: "Saved steps" })).toBeVisible();
  await expect(page.getByText("rotation grace period ended")).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();

  // Filters by chip, by customer (wildcards are literal), and bad values in the URL: reported, never a 500.
  await page.goto("/admin/operations");
  await page.getByRole("list", { name: "Operations by state" }).getByRole("link", { name: /Succeeded/ }).click();
  await expect(page).toHaveURL(/status=succeeded/);
  const states = await page.getByTestId("operation-row").locator("[data-state]").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(["succeeded"]));
  await page.goto("/admin/operations?customer=%25");
  await expect(page.getByText("No operations match these filters.")).toBeVisible();
  const response = await page.goto(`/admin/operations?status=exploded&kind=${encodeURIComponent("'; DROP TABLE")}&customer=${"x".repeat(500)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText("Some filters are not valid")).toBeVisible();
  await expect(page.getByText("Choose a state from the list.")).toBeVisible();
  await expect(page.getByText("Choose a kind from the list.")).toBeVisible();
  await expect(page.getByText("The customer is at most 100 characters.")).toBeVisible();
  await expect(page.getByLabel("State", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("operation-row")).toHaveCount(0);
  expect((await page.goto("/admin/operations?before=not-a-cursor&after=%00"))?.status()).toBe(200);
  expect((await page.goto("/admin/operations/no%20such%20id"))?.status()).toBe(404);
  expect((await page.goto("/admin/operations/cnosuchoperation000000"))?.status()).toBe(404);

  // Reconcile now: a confirmation that says what it does, then the report.
  await page.goto("/admin/operations");
  await page.getByRole("button", { name: "Reconcile now" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Reconcile the portal with AWS now?" });
  await expect(confirm).toContainText("Customers with an operation in flight are left alone.");
  await confirm.getByRole("button", { name: "Reconcile now" }).click();
  const report = page.getByTestId("reconcile-report");
  await expect(report).toContainText("AWS keys checked");
  await expect(report).toContainText("Keys in the wrong usage plan, moved to their tier's plan");
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Reconciled" })).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Last run from here: .* by admin@gatehouse\.local/)).toBeVisible();
});

test("audit log: filters, bad filters, pages, and a CSV export that neutralises formulas", async ({ browser }) => {
  // A customer whose e-mail starts with a formula character.
  const email = `+sum-${randomUUID().slice(0, 8)}@example.com`;
  const customer = await browser.newContext();
  await signUp(await customer.newPage(), { name: "Formula Person", email, password: PASSWORD });
  await customer.close();

  const page = await adminPage(browser);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Customer (name, company, e-mail or id)").fill(email);
  await page.getByLabel("Action").selectOption("customer.sign_up");
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("From (UTC day)").fill(today);
  await page.getByLabel("To (UTC day, inclusive)").fill(today);
  await page.getByRole("button", { name: "Filter" }).click();
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("customer.sign_up");
  await expect(rows.first()).toContainText("Formula Person");

  // The export of exactly these entries: a CSV attachment whose formula-looking cell is neutralised.
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  const href = (await exportLink.getAttribute("href")) ?? "";
  expect(href).toContain("action=customer.sign_up");
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await download.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toBe("time_utc,action,outcome,actor_email,actor_role,actor_id,target_type,target_id,customer_id,meta,entry_id");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,"'${email}",`); // text cells are quoted, the formula neutralised
  const [downloaded] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(downloaded.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);

  // Bad filters: each message next to its field, no list, no export, never a 500.
  const bad = await page.goto(`/admin/audit?from=2026-02-30&to=2026-01-01&action=${encodeURIComponent("<script>")}&outcome=maybe&actor=${"a".repeat(300)}`);
  expect(bad?.status()).toBe(200);
  await expect(page.getByText("Some filters are not valid")).toBeVisible();
  await expect(page.getByText("Enter a real date as YYYY-MM-DD (between 2000 and 2100).")).toBeVisible();
  await expect(page.getByText("Choose an action from the list.")).toBeVisible();
  await expect(page.getByText("Choose success or failure.")).toBeVisible();
  await expect(page.getByText("The actor is at most 254 characters.")).toBeVisible();
  await expect(page.getByLabel("Action")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  await page.goto("/admin/audit?from=2026-12-03&to=2026-12-01");
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  expect((await page.request.get("/admin/audit/export?from=2026-12-03&to=2026-12-01")).status()).toBe(400);
  await page.goto("/admin/audit?customer=%25_");
  await expect(page.getByText("No entries match these filters.")).toBeVisible();

  // Keyset pages: older, then back to newer, the same first page.
  await page.goto("/admin/audit");
  const firstIds = await page.getByTestId("audit-row").allTextContents();
  const older = page.getByRole("navigation", { name: "Audit log: pages" }).getByRole("link", { name: "Older" });
  if ((await page.getByTestId("audit-row").count()) === 50 && (await older.count()) === 1) {
    await older.click();
    await expect(page).toHaveURL(/before=/);
    await expect(page.getByTestId("audit-row").first()).not.toHaveText(firstIds[0] ?? "");
    await page.getByRole("navigation", { name: "Audit log: pages" }).getByRole("link", { name: "Newer" }).click();
    await expect(page.getByTestId("audit-row")).toHaveText(firstIds);
  }
});

shotsTest("screenshots of the records pages, light and dark, wide and narrow", async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await adminPage(browser);
  await admin.goto("/admin/operations");
  const detail = (await admin.getByTestId("operation-row").first().getByRole("link").first().getAttribute("href")) ?? "/admin/operations";
  await admin.context().close();
  const pages = [
    ["operations", "/admin/operations"],
    ["operation-detail", detail],
    ["audit", "/admin/audit"],
    ["audit-bad-filters", "/admin/audit?from=2026-02-30&to=2026-01-01&outcome=maybe"],
  ] as const;
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ storageState: storageState("admin"), colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await screenshot(page, `records/${name}-${width}-${colorScheme}`, { fullPage: name !== "audit" });
      }
      if (width === 1280) {
        await page.goto("/admin/operations");
        await page.getByRole("button", { name: "Reconcile now" }).click();
        await page.getByRole("alertdialog").getByRole("button", { name: "Reconcile now" }).click();
        await expect(page.getByTestId("reconcile-report")).toBeVisible();
        await screenshot(page, `records/operations-reconciled-${width}-${colorScheme}`, { fullPage: true });
      }
      await context.close();
    }
  }
});
