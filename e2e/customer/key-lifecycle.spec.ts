import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard, keyAction, keyRow, keyState } from "../support/keys";
import { signInLongAgo } from "../support/recent-auth";
import { signUp } from "../support/sign-up";

test("a customer renames, disables, enables, rotates and revokes a key from its actions menu, and the gateway follows", async ({ page, request }) => {
  await signUp(page, { name: "Life Cycle", email: uniqueEmail("life") });
  const { value, url } = await createKeyOnDashboard(page, "lifecycle");
  const status = async (key: string) => (await request.get(url, { headers: { "x-api-key": key } })).status();
  expect(await status(value)).toBe(200);

  // Rename
  await keyAction(page, "lifecycle", "Rename");
  await page.getByLabel("New name").fill("web backend");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(keyRow(page, "web backend")).toContainText("Key renamed.");

  // Disable, then enable
  await keyAction(page, "web backend", "Disable");
  await expect(keyState(page, "web backend")).toHaveText("Disabled");
  expect(await status(value)).toBe(403);
  await keyAction(page, "web backend", "Enable");
  await expect(keyState(page, "web backend")).toHaveText("Active");
  expect(await status(value)).toBe(200);

  // Rotate with no grace: the confirmation names the key and says the old key stops now.
  await keyAction(page, "web backend", "Rotate…");
  const rotate = page.getByRole("alertdialog", { name: "Rotate “web backend”?" });
  await rotate.getByLabel("Disable the old key now").check();
  await expect(rotate).toContainText("The old key stops working now: every request still using it gets 403.");
  await rotate.getByRole("button", { name: "Rotate and disable the old key" }).click();
  await expect(rotate).toBeHidden();

  // One row for the key: the new key, its value shown under it, the old key nested (disabled).
  const row = keyRow(page, "web backend");
  await expect(page.getByTestId("key-row").filter({ hasText: "web backend" })).toHaveCount(1);
  const rotated = row.getByTestId("rotated-key");
  await expect(rotated).toContainText("Your new key for “web backend”");
  const newValue = (await rotated.locator("pre code").first().textContent())?.trim() ?? "";
  expect(newValue).not.toBe(value);
  await expect(row).toContainText(`••••${newValue.slice(-4)}`);
  await expect(row.getByTestId("previous-key")).toContainText(`Previous key ••••${value.slice(-4)}`);
  await expect(row.getByTestId("previous-key")).toContainText("disabled, no longer works");
  expect(await status(newValue)).toBe(200);
  expect(await status(value)).toBe(403);
  await page.reload();
  await expect(page.getByTestId("key-row").filter({ hasText: "web backend" })).toHaveCount(1);
  await expect(page.getByText(newValue)).toHaveCount(0); // shown once

  // Revoke the new key: the confirmation names it and what happens; then it is gone from AWS.
  await keyAction(page, "web backend", "Revoke…");
  const revoke = page.getByRole("alertdialog", { name: "Revoke “web backend”?" });
  await expect(revoke).toContainText(`The key ••••${newValue.slice(-4)} is deleted in AWS at once and every request using it gets 403.`);
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("Key revoked: it was deleted in AWS and no longer works.")).toBeVisible();
  expect(await status(newValue)).toBe(403);

  // The old (disabled) key is a row of its own again; the revoked key sits in a collapsed history.
  await page.reload();
  await expect(keyState(page, "web backend")).toHaveText("Disabled");
  const history = page.getByTestId("revoked-keys");
  await expect(history.locator("summary")).toHaveText("Revoked keys (1)");
  await expect(history.getByTestId("revoked-key")).toBeHidden();
  await history.locator("summary").click();
  await expect(history.getByTestId("revoked-key")).toContainText(`web backend••••${newValue.slice(-4)}`);
});

test("rotation with a grace period is one key's lineage: the new key's row, the old key nested until it ends, revocable now", async ({ page, request }) => {
  await signUp(page, { name: "Grace Period", email: uniqueEmail("grace") });
  const { value, url } = await createKeyOnDashboard(page, "graceful");
  const status = async (key: string) => (await request.get(url, { headers: { "x-api-key": key } })).status();

  await keyAction(page, "graceful", "Rotate…");
  const rotate = page.getByRole("alertdialog", { name: "Rotate “graceful”?" });
  await expect(rotate.getByLabel("Keep the old key working for 24 hours")).toBeChecked();
  await expect(rotate).toContainText("The old key keeps working for 24 hours, then it is disabled automatically.");
  await rotate.getByRole("button", { name: "Rotate key" }).click();

  const row = keyRow(page, "graceful");
  await expect(page.getByTestId("key-row").filter({ hasText: "graceful" })).toHaveCount(1);
  await expect(keyState(page, "graceful")).toHaveText("Rotating — old key ends in 23 h");
  const newValue = (await row.getByTestId("rotated-key").locator("pre code").first().textContent())?.trim() ?? "";
  expect(newValue).toMatch(/^[A-Za-z0-9]{20,}$/);
  expect(newValue).not.toBe(value);
  const previous = row.getByTestId("previous-key");
  await expect(previous).toContainText(`Previous key ••••${value.slice(-4)} · ends in 23 h`);
  expect(await status(value)).toBe(200);
  expect(await status(newValue)).toBe(200);

  // The old key's own action: revoke it now, confirmed.
  await previous.getByRole("button", { name: "Revoke now: previous key of graceful" }).click();
  const revoke = page.getByRole("alertdialog", { name: "Revoke the previous key of “graceful”?" });
  await expect(revoke).toContainText(`The key ••••${value.slice(-4)} is deleted in AWS at once`);
  await revoke.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("Key revoked: it was deleted in AWS and no longer works.")).toBeVisible();
  await expect(previous).toHaveCount(0);
  await expect(keyState(page, "graceful")).toHaveText("Active");
  await expect(page.getByTestId("revoked-keys").locator("summary")).toHaveText("Revoked keys (1)");
  expect(await status(value)).toBe(403);
  expect(await status(newValue)).toBe(200);
});

test("revealing a key after the recent-sign-in window asks for the password again", async ({ page }) => {
  await signUp(page, { name: "Re Auth", email: uniqueEmail("reauth"), password: "correct-horse-battery" });
  const { value } = await createKeyOnDashboard(page, "guarded");
  await signInLongAgo(page.context());
  await page.reload();
  await keyAction(page, "guarded", "Reveal key");
  const prompt = page.getByRole("form", { name: "Confirm your password" });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel("Password").fill("wrong-password-123");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText("That password is not correct.")).toBeVisible();
  await prompt.getByLabel("Password").fill("correct-horse-battery");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("revealed-key").locator("pre code").first()).toHaveText(value);
});

test("when AWS fails, creating a key says so, loses nothing, and finishes once AWS recovers", async ({ page, request }) => {
  await signUp(page, { name: "Out Age", email: uniqueEmail("outage") });
  const { awsEndpoint } = await createKeyOnDashboard(page, "before outage");
  const faults = `${awsEndpoint}/_localaws/faults`;
  await request.post(faults, { data: { rules: [{ operation: "CreateApiKey", errorRate: 1, kind: "5xx" }] } });
  try {
    await page.getByLabel("Key name").fill("during outage");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("AWS is busy right now, so your new key is queued")).toBeVisible();
    await expect(keyState(page, "during outage")).toHaveText("Provisioning…");
  } finally {
    await request.delete(faults);
  }
  // The background worker retries; the list refreshes itself while work is in progress.
  await expect(keyState(page, "during outage")).toHaveText("Active", { timeout: 45_000 });
});
