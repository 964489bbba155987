import { APIGatewayClient, GetApiKeysCommand, GetUsagePlansCommand, UpdateUsageCommand } from "@aws-sdk/client-api-gateway";
import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard, keyAction, keyRow, keyState } from "../support/keys";
import { screenshot } from "../support/shots";
import { signUp } from "../support/sign-up";

// The Keys page says each key's state on its row. A Basic customer (1,000 requests a day per key) makes one key
// reach its quota for real: UpdateUsage sets its remaining quota to 0 in local AWS (a real API Gateway call, as an
// operator could make), the gateway then answers 429, and the usage page's "Refresh now" reads GetUsage into the
// cache the Keys page reads.

function awsAt(origin: string) {
  return new APIGatewayClient({ region: "us-east-1", endpoint: origin, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
}

/** Records CSP violations: the menu and dialogs add a scroll-lock <style> that must carry the nonce. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function exhaustQuota(origin: string, value: string) {
  const aws = awsAt(origin);
  const keys = await aws.send(new GetApiKeysCommand({ includeValues: true, limit: 500 }));
  const awsKeyId = keys.items?.find((k) => k.value === value)?.id ?? "";
  const plans = await aws.send(new GetUsagePlansCommand({ keyId: awsKeyId }));
  const usagePlanId = plans.items?.[0]?.id ?? "";
  expect(awsKeyId && usagePlanId).toBeTruthy();
  // The quota is the customer's, pooled over its keys: a key whose share alone is spent gets more from the pool. So
  // the key uses the whole quota (local AWS's usage backfill sets today's count), and AWS has nothing left for it.
  const today = new Date().toISOString().slice(0, 10);
  const backfill = await fetch(`${origin}/_localaws/usage/backfill`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ usagePlanId, keyId: awsKeyId, days: [{ date: today, used: 1000 }] }),
  });
  expect(backfill.ok).toBe(true);
  await aws.send(new UpdateUsageCommand({ usagePlanId, keyId: awsKeyId, patchOperations: [{ op: "replace", path: "/remaining", value: "0" }] }));
}

async function refreshUsage(page: Page) {
  await page.goto("/dashboard/usage");
  const button = page.getByRole("button", { name: "Refresh now" });
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await button.click();
  await expect(page.getByTestId("usage-age")).toHaveText("Updated just now");
}

async function shoot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await screenshot(page, `key-states/${name}-${scheme}-${width}`, { fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("each key row says its state: active, disabled, rotating, quota reached (with what to do); revoked keys are collapsed", async ({ page, request }) => {
  test.setTimeout(120_000);
  const violations = await watchViolations(page);
  await signUp(page, { name: "State Tester", email: uniqueEmail("states") });
  const alpha = await createKeyOnDashboard(page, "alpha");
  await createKeyOnDashboard(page, "bravo");
  const charlie = await createKeyOnDashboard(page, "charlie");
  await createKeyOnDashboard(page, "delta");
  await expect(keyState(page, "Default key")).toHaveText("Active", { timeout: 30_000 });
  expect((await request.get(alpha.url, { headers: { "x-api-key": alpha.value } })).status()).toBe(200);

  // Disabled
  await keyAction(page, "bravo", "Disable");
  await expect(keyState(page, "bravo")).toHaveText("Disabled");

  // Revoked: out of the list, into the collapsed history (which frees a place for the rotation's new key).
  await keyAction(page, "delta", "Revoke…");
  await page.getByRole("alertdialog", { name: "Revoke “delta”?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(keyRow(page, "delta")).toHaveCount(0);
  const history = page.getByTestId("revoked-keys");
  await expect(history.locator("summary")).toHaveText("Revoked keys (1)");
  await expect(history).not.toHaveAttribute("open");
  await expect(history.getByTestId("revoked-key")).toBeHidden();

  // Rotating, with the old key nested under the new one.
  await keyAction(page, "charlie", "Rotate…");
  await page.getByRole("alertdialog", { name: "Rotate “charlie”?" }).getByRole("button", { name: "Rotate key" }).click();
  await expect(keyState(page, "charlie")).toHaveText("Rotating — old key ends in 23 h");
  await expect(keyRow(page, "charlie").getByTestId("previous-key")).toContainText(`Previous key ••••${charlie.value.slice(-4)} · ends in 23 h`);
  await keyRow(page, "charlie").getByRole("button", { name: "I have saved it — hide" }).click();

  // Quota reached: AWS refuses the key with 429; once usage is read, the row says so and what to do.
  await exhaustQuota(alpha.awsEndpoint, alpha.value);
  expect((await request.get(alpha.url, { headers: { "x-api-key": alpha.value } })).status()).toBe(429);
  await refreshUsage(page);
  await page.goto("/dashboard");
  await expect(keyState(page, "alpha")).toHaveText("Quota reached");
  const warning = keyRow(page, "alpha").getByTestId("quota-warning");
  await expect(warning).toContainText("This key has used its whole daily quota (1,000 requests): every call with it gets HTTP 429 until the quota resets at 00:00 UTC tomorrow.");
  await expect(warning.getByRole("link", { name: "Move to a tier with a higher quota" })).toHaveAttribute("href", "/dashboard/tier");
  await expect(keyRow(page, "alpha").getByTestId("key-usage")).toContainText("1,000 requests today · 100% of daily quota · Last used today");
  await expect(keyRow(page, "bravo").getByTestId("key-usage")).toContainText("0 requests today · 0% of daily quota · Not used yet");
  // The account's pooled quota is spent, so the other live key is at quota too once the worker's pooled-quota sweep
  // (every 10 s) has taken its share back in AWS and usage is read again; the disabled one stays disabled.
  await expect(async () => {
    await refreshUsage(page);
    await page.goto("/dashboard");
    await expect(keyState(page, "Default key")).toHaveText("Quota reached", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(keyState(page, "bravo")).toHaveText("Disabled");
  await expect(page.getByTestId("key-row")).toHaveCount(4); // Default key, alpha, bravo, charlie (its old key nested)

  // At 390 px nothing is cut: the page does not scroll sideways and a revealed curl command wraps whole.
  await page.setViewportSize({ width: 390, height: 844 });
  await keyAction(page, "Default key", "Reveal key");
  const curl = page.getByTestId("revealed-key").locator("pre").nth(1);
  await expect(curl).toContainText("x-api-key:");
  const fits = await curl.evaluate((pre) => pre.scrollWidth <= pre.clientWidth);
  expect(fits, "the curl command wraps inside its box").toBe(true);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(390);
  await page.getByTestId("revealed-key").getByRole("button", { name: "Hide" }).click();
  await page.setViewportSize({ width: 1280, height: 900 });

  await history.locator("summary").click();
  await expect(history.getByTestId("revoked-key")).toContainText("delta");
  await shoot(page, "keys-states");
  expect(violations).toEqual([]);
});

test("the actions menu works by keyboard, names its key, and confirms revoking in a dialog that returns focus", async ({ page }) => {
  const violations = await watchViolations(page);
  await signUp(page, { name: "Key Board", email: uniqueEmail("keyboard") });
  await createKeyOnDashboard(page, "keyboard key");
  const trigger = page.getByRole("button", { name: "Actions for keyboard key", exact: true });

  // Open with Enter: focus lands on the first item; arrows move; Enter picks.
  await trigger.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem")).toHaveText(["Reveal key", "Rename", "Disable", "Rotate…", "Revoke…"]);
  await expect(menu.getByRole("menuitem", { name: "Reveal key" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Disable" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toBeHidden();
  await expect(keyState(page, "keyboard key")).toHaveText("Disabled");

  // Escape closes the menu and gives focus back to its button.
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();

  // Revoke…: the last item (End); the dialog starts on "Keep it", Escape keeps the key, focus returns to the button.
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "Reveal key" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Revoke…" })).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "Revoke “keyboard key”?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep it" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(keyState(page, "keyboard key")).toHaveText("Disabled");

  // And by keyboard to the end: Tab to "Revoke key", Enter.
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "Reveal key" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Revoke…" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Keep it" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Revoke key" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Key revoked: it was deleted in AWS and no longer works.")).toBeVisible();
  await expect(keyRow(page, "keyboard key")).toHaveCount(0);
  await expect(page.getByTestId("revoked-keys").locator("summary")).toHaveText("Revoked keys (1)");
  expect(violations).toEqual([]);
});
