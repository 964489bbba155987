import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { keyAction } from "../support/keys";
import { signUp } from "../support/sign-up";

test("a new customer signs up on a tier, creates a key, reveals it, and calls the gateway with it", async ({ page, request }) => {
  const email = uniqueEmail("flow");
  await signUp(page, { name: "Flow Tester", company: "Flow Co", email, tier: "Premium" });

  await expect(page.getByRole("heading", { name: "Welcome, Flow Tester" })).toBeVisible();
  await expect(page.getByTestId("current-tier")).toHaveText("Premium");
  // The first key is queued at sign-up and provisioned in the background; the list updates by itself.
  await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active");

  await page.getByLabel("Key name").fill("ci server");
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByTestId("new-key");
  await expect(created).toContainText("Key “ci server” created");
  const value = (await created.locator("pre code").first().textContent())?.trim() ?? "";
  expect(value).toMatch(/^[A-Za-z0-9]{20,}$/);
  const curl = (await created.locator("pre code").nth(1).textContent())?.trim() ?? "";
  expect(curl).toContain(`x-api-key: ${value}`);

  // The list shows the key by its last four characters only.
  const row = page.getByTestId("key-row").filter({ hasText: "ci server" });
  await expect(row).toContainText(`••••${value.slice(-4)}`);
  await expect(row).toContainText("Active");

  // After a reload the value is gone from the page until revealed again, read from AWS.
  await page.reload();
  await expect(page.getByText(value)).toHaveCount(0);
  await keyAction(page, "ci server", "Reveal key");
  await expect(page.getByTestId("revealed-key").locator("pre code").first()).toHaveText(value);

  // The curl command works against the gateway: 200 with the key, 403 without.
  const url = curl.split(" ").at(-1) ?? "";
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/restapis\/\w+\/prod\/_user_request_\/pets$/);
  const withKey = await request.get(url, { headers: { "x-api-key": value } });
  expect(withKey.status()).toBe(200);
  expect(await withKey.json()).toEqual(expect.arrayContaining([expect.objectContaining({ name: expect.any(String) })]));
  const withoutKey = await request.get(url);
  expect(withoutKey.status()).toBe(403);
  expect(await withoutKey.json()).toEqual({ message: "Forbidden" });
  const wrongKey = await request.get(url, { headers: { "x-api-key": `${value.slice(0, -1)}X` } });
  expect(wrongKey.status()).toBe(403);
});

test("a key name that is empty or too long gets a message by the field, and no key", async ({ page }) => {
  await signUp(page, { name: "Name Tester", email: uniqueEmail("keyname") });
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Enter a key name.")).toBeVisible();
  await page.getByLabel("Key name").fill("k".repeat(100));
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Use at most 64 characters for a key name.")).toBeVisible();
  await expect(page.getByLabel("Key name")).toHaveValue("k".repeat(100));
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  await expect(page.getByTestId("key-row")).toContainText("Default key");
});
