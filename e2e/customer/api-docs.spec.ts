import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { keyAction } from "../support/keys";
import { screenshot } from "../support/shots";
import { signUp } from "../support/sign-up";

/**
 * Every text body the browser receives from the portal (HTML, RSC payloads, server action answers). Each response
 * is fetched by the test and handed on to the page, so every body is read whole: reading them afterwards from the
 * browser missed streamed ones on a busy machine.
 */
async function recordBodies(page: Page): Promise<string[]> {
  const bodies: string[] = [];
  const origin = new URL(page.url()).origin;
  await page.route(
    (url) => url.origin === origin,
    async (route) => {
      const response = await route.fetch();
      bodies.push(await response.text());
      await route.fulfill({ response });
    },
  );
  return bodies;
}

test("a customer reads the API docs and tries requests with their own key, whose value never reaches the page", async ({ page }) => {
  await signUp(page, { name: "Docs Tester", email: uniqueEmail("docs") });

  // Create a key on the dashboard (sign-up also queues a default key; this one is ours to pick by name). Creation
  // may finish at once or be queued while AWS is busy, so wait until it is active and read its value by revealing it.
  await page.getByLabel("Key name").fill("docs console");
  await page.getByRole("button", { name: "Create key" }).click();
  const row = page.getByTestId("key-row").filter({ hasText: "docs console" });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Active", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await keyAction(page, "docs console", "Reveal key");
  const value = (await page.getByTestId("revealed-key").locator("pre code").first().textContent())?.trim() ?? "";
  expect(value).toMatch(/^[A-Za-z0-9]{20,}$/);

  const bodies = await recordBodies(page);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "API docs" }).click();
  await expect(page).toHaveURL(/\/dashboard\/docs$/);
  await expect(page.getByRole("heading", { level: 1, name: "gatehouse-demo-api" })).toBeVisible();

  // The reference: base URL, authentication, every operation grouped by tag.
  await expect(page.getByRole("heading", { level: 2, name: "Getting started" })).toBeVisible();
  await expect(page.getByText("Base URL", { exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByText(/_user_request_$/).first()).toBeVisible();
  await expect(page.getByTestId("operation")).toHaveCount(6);
  await expect(page.getByRole("heading", { level: 2, name: "pets" })).toBeVisible();
  for (const name of ["GET /pets", "POST /pets", "GET /pets/{id}", "GET /data", "GET /flaky", "GET /health"]) {
    await expect(page.getByRole("heading", { level: 3, name, exact: true })).toBeVisible();
  }
  const getPet = page.locator("article#getPet");
  await expect(getPet.getByRole("table", { name: "Parameters of GET /pets/{id}" })).toContainText("id");
  await expect(getPet.getByText("No such pet")).toBeVisible();

  // Try GET /pets: the console opens with focus on the key picker, shows the key by name only.
  const listPets = page.locator("article#listPets");
  await listPets.getByRole("button", { name: "Try it: GET /pets", exact: true }).click();
  const keyPicker = listPets.getByLabel("API key");
  await expect(keyPicker).toBeFocused();
  const ourKey = `docs console (••••${value.slice(-4)})`;
  await expect(keyPicker.locator("option", { hasText: ourKey })).toHaveCount(1);
  for (const option of await keyPicker.locator("option").allTextContents()) expect(option).toMatch(/^.+ \(••••\w{4}\)$/);
  await keyPicker.selectOption({ label: ourKey });
  await expect(listPets.getByText("x-api-key: YOUR_API_KEY")).toBeVisible();
  await listPets.getByRole("button", { name: "Send request" }).click();
  await expect(listPets.getByTestId("try-status")).toHaveText("200");
  const body = JSON.parse((await listPets.getByTestId("try-response-body").textContent()) ?? "null");
  expect(body).toEqual(expect.arrayContaining([expect.objectContaining({ id: 1, name: "Rex" })]));
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, "api-docs/api-docs-wide", { fullPage: true });
  await screenshot(listPets, "api-docs/api-docs-wide-console");
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "api-docs/api-docs-wide-top");

  // GET /pets/{id}: a missing value is caught by the field; an unknown id gets the API's 404.
  await getPet.getByRole("button", { name: "Try it: GET /pets/{id}" }).click();
  await getPet.getByLabel("API key").selectOption({ label: ourKey });
  await getPet.getByRole("button", { name: "Send request" }).click();
  const idField = getPet.getByLabel("id (path, required)");
  await expect(getPet.getByText("Enter a value for id.")).toBeVisible();
  await expect(idField).toBeFocused();
  await idField.fill("..");
  await getPet.getByRole("button", { name: "Send request" }).click();
  await expect(getPet.getByText("id becomes part of the URL path")).toBeVisible();
  await expect(idField).toBeFocused();
  await idField.fill("424242");
  await expect(getPet.getByText("/pets/424242").first()).toBeVisible();
  await getPet.getByRole("button", { name: "Send request" }).click();
  await expect(getPet.getByTestId("try-status")).toHaveText("404");
  await expect(getPet.getByTestId("try-response-body")).toContainText("Pet 424242 not found");

  // POST /pets: the body starts from the documented example; the API's 201 comes back.
  const createPet = page.locator("article#createPet");
  await createPet.getByRole("button", { name: "Try it: POST /pets" }).click();
  await createPet.getByLabel("API key").selectOption({ label: ourKey });
  const bodyField = createPet.getByLabel("Request body (application/json)");
  expect(JSON.parse(await bodyField.inputValue())).toEqual({ name: "string", type: "string", price: 0 });
  await bodyField.fill(JSON.stringify({ name: "Biscuit", type: "dog", price: 12 }, null, 2));
  await expect(createPet.getByText("--data")).toBeVisible();
  await createPet.getByRole("button", { name: "Send request" }).click();
  await expect(createPet.getByTestId("try-status")).toHaveText("201");
  await expect(createPet.getByTestId("try-response-body")).toContainText('"name": "Biscuit"');

  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(createPet, "api-docs/api-docs-narrow-post");
  await getPet.scrollIntoViewIfNeeded();
  await screenshot(page, "api-docs/api-docs-narrow", { fullPage: true });
  await screenshot(getPet, "api-docs/api-docs-narrow-console");
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "api-docs/api-docs-narrow-top");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The key value is nowhere on the page, nor in anything the portal sent to the browser.
  expect(await page.content()).not.toContain(value);
  expect(bodies.length).toBeGreaterThan(2);
  for (const text of bodies) expect(text).not.toContain(value);
});
