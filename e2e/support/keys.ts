import { expect, type Page } from "@playwright/test";

/** Creates a key on the dashboard and returns its value and the gateway URL from the curl command. */
export async function createKeyOnDashboard(page: Page, name: string) {
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByTestId("new-key");
  await expect(created).toContainText(`Key “${name}” created`);
  const value = (await created.locator("pre code").first().textContent())?.trim() ?? "";
  const curl = (await created.locator("pre code").nth(1).textContent())?.trim() ?? "";
  const url = curl.split(" ").at(-1) ?? "";
  await page.getByRole("button", { name: "I have saved it — hide" }).click();
  return { value, url, awsEndpoint: new URL(url).origin };
}

/** The row of the key with this name (a rotated key's row holds its previous key too). */
export const keyRow = (page: Page, name: string) => page.getByTestId("key-row").filter({ has: page.getByText(name, { exact: true }) });

/** The state shown on a key's row: "Active", "Disabled", "Quota reached", "Rotating — old key ends in 23 h"… */
export const keyState = (page: Page, name: string) => keyRow(page, name).getByTestId("key-state");

/** Opens a key's actions menu ("Actions for <name>") and picks an item: "Reveal key", "Rename", "Disable", "Rotate…", "Revoke…". */
export async function keyAction(page: Page, name: string, item: string) {
  await page.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}
