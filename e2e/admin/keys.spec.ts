import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { dataDirectory, readLocalStack } from "../../scripts/lib/local-stack";
import { storageState, uniqueEmail } from "../support/accounts";
import { shotsTest } from "../support/shots";
import { signUp } from "../support/sign-up";

// Keys made in the account behind the portal's back (as an older setup would have), through local AWS's API.

function awsEndpoint(): string {
  const url = readLocalStack(dataDirectory())?.AWS_ENDPOINT_URL;
  if (!url) throw new Error("the e2e stack's local AWS endpoint is not in local-stack.json");
  return url;
}

async function aws(method: string, path: string, body?: unknown) {
  const response = await fetch(`${awsEndpoint()}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 202 ? null : ((await response.json()) as { id: string; name: string; value?: string; enabled: boolean; customerId?: string });
}

async function legacyKey(name: string) {
  const value = `legacy-${randomUUID()}`;
  const key = await aws("POST", "/apikeys", { name, value, enabled: true, description: "made before the portal" });
  return { id: key?.id ?? "", value };
}

async function openAdoptDialog(page: Page, name: string) {
  await page.goto(`/admin/keys?q=${encodeURIComponent(name)}`);
  const row = page.getByTestId("unowned-key").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Enabled");
  await row.getByRole("button", { name: `Adopt key ${name}` }).click();
  return page.getByRole("dialog", { name: `Adopt key ${name}` });
}

test("an admin adopts a key from the account into an existing customer; its value keeps working unchanged", async ({ browser }) => {
  const email = uniqueEmail("adoptee");
  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await signUp(customerPage, { name: "Adoptee", email });

  const name = `legacy-app-${randomUUID().slice(0, 8)}`;
  const legacy = await legacyKey(name);
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  const dialog = await openAdoptDialog(page, name);

  // Bad input: no e-mail, then an address no customer has.
  await dialog.getByLabel("E-mail of one of the customer's users").fill("");
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(dialog.getByText("Enter the customer's e-mail address.")).toBeVisible();
  await dialog.getByLabel("E-mail of one of the customer's users").fill(uniqueEmail("nobody"));
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(dialog.getByText("No customer has a user with that e-mail.", { exact: false })).toBeVisible();
  await dialog.getByLabel("Key name in the portal").fill("");
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(dialog.getByText("Enter a key name.")).toBeVisible();

  await dialog.getByLabel("Key name in the portal").fill("Legacy mobile app");
  await dialog.getByLabel("E-mail of one of the customer's users").fill(email);
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(page.getByText(`Key ${legacy.id} adopted into the customer.`, { exact: false })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("unowned-key").filter({ hasText: name })).toHaveCount(0);

  const inAws = await aws("GET", `/apikeys/${legacy.id}?includeValue=true`);
  expect(inAws?.value).toBe(legacy.value);
  expect(inAws?.name).toMatch(/^gatehouse-/);
  const gateway = readLocalStack(dataDirectory())?.GATEHOUSE_GATEWAY_URL ?? "";
  if (gateway) expect((await fetch(`${gateway}/pets`, { headers: { "x-api-key": legacy.value } })).status).toBe(200);

  // The customer sees it among its keys, by the name the admin gave, with the same last four.
  await customerPage.goto("/dashboard");
  const keyRow = customerPage.getByTestId("key-row").filter({ hasText: "Legacy mobile app" });
  await expect(keyRow).toContainText("Active");
  await expect(keyRow).toContainText(legacy.value.slice(-4));
  await customer.close();
  await admin.close();
});

test("an admin adopts a key into a new customer invited by e-mail; a taken e-mail is refused next to the field", async ({ browser }) => {
  const name = `legacy-partner-${randomUUID().slice(0, 8)}`;
  const legacy = await legacyKey(name);
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  const dialog = await openAdoptDialog(page, name);
  await dialog.getByRole("radio", { name: "New customer, invited by e-mail" }).check();
  await dialog.getByLabel("E-mail to invite").fill("customer@gatehouse.local");
  await dialog.getByLabel("Customer name").fill("Partner Ltd");
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(dialog.getByText("An account with that e-mail already exists.", { exact: false })).toBeVisible();
  await dialog.getByLabel("Customer name").fill("");
  await dialog.getByLabel("E-mail to invite").fill(uniqueEmail("partner"));
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(dialog.getByText("Enter the customer's name.")).toBeVisible();
  await dialog.getByLabel("Customer name").fill("Partner Ltd");
  await dialog.getByLabel("Tier").selectOption({ label: "Premium" });
  await dialog.getByRole("button", { name: "Adopt key" }).click();
  await expect(page.getByText(`Key ${legacy.id} adopted into the new customer (invitation sent).`, { exact: false })).toBeVisible();
  expect((await aws("GET", `/apikeys/${legacy.id}?includeValue=true`))?.value).toBe(legacy.value);
  await admin.close();
});

test("an admin imports keys from a CSV file: a bad file is refused with every problem named, a good one is adopted row by row", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/keys");
  const form = page.getByRole("form", { name: "Import keys from a CSV file" });

  // No file chosen.
  await form.getByRole("button", { name: "Import keys" }).click();
  await expect(form.getByText("Choose a CSV file.")).toBeVisible();

  const customerEmail = uniqueEmail("csv-customer");
  const good = `imported-${randomUUID()}`;
  const bad = ["Name,Key,Customer,Enabled", `Fine,${good},${customerEmail},true`, `Too short,abc,${customerEmail},`, `<b>,${`imported-${randomUUID()}`},not-an-email,maybe`].join("\n");
  await form.getByLabel("CSV file").setInputFiles({ name: "keys.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await form.getByRole("button", { name: "Import keys" }).click();
  await expect(form.getByText("The file has 2 problems; nothing was imported.")).toBeVisible();
  await expect(form.getByText("Line 3: Key must be 20 to 128 visible ASCII characters", { exact: false })).toBeVisible();
  await expect(form.getByText("Line 4: Name: Remove the characters < and >", { exact: false })).toBeVisible();

  await form.getByLabel("CSV file").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(`Name,Key\n"unclosed,${good}\n`) });
  await form.getByRole("button", { name: "Import keys" }).click();
  await expect(form.getByText("Line 1: The header row needs the column Customer", { exact: false }).or(form.getByText("not valid CSV", { exact: false }))).toBeVisible();

  const okFile = ["Name,Key,Customer,Enabled", `Fine,${good},${customerEmail},true`, `Spare,${`imported-${randomUUID()}`},${customerEmail},false`].join("\n");
  await form.getByLabel("CSV file").setInputFiles({ name: "keys.csv", mimeType: "text/csv", buffer: Buffer.from(okFile) });
  await form.getByLabel("Tier for new customers").selectOption({ label: "Basic" });
  await form.getByRole("button", { name: "Import keys" }).click();
  const results = page.getByTestId("import-result");
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: "Fine" })).toContainText("Adopted");
  await expect(results.filter({ hasText: "Fine" })).toContainText("invited");
  await expect(results.filter({ hasText: "Spare" })).toContainText("Adopted");
  await expect(page.getByText("2 of 2 keys imported and adopted.")).toBeVisible();

  const gateway = readLocalStack(dataDirectory())?.GATEHOUSE_GATEWAY_URL ?? "";
  if (gateway) expect((await fetch(`${gateway}/pets`, { headers: { "x-api-key": good } })).status).toBe(200);
  await admin.close();
});

// Screenshots of the page for review (light and dark, wide and narrow): only when SHOTS_DIR is set.
shotsTest("screenshots of /admin/keys", async ({ browser, shotsDir: dir }) => {
  await legacyKey(`legacy-shot-${randomUUID().slice(0, 4)}`);
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ storageState: storageState("admin"), colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/admin/keys");
      await expect(page.getByRole("heading", { name: "Adopt keys" })).toBeVisible();
      await page.screenshot({ path: `${dir}/admin-keys-${scheme}-${width}.png`, fullPage: true });
      if (width === 1280) {
        await page.getByTestId("unowned-key").first().getByRole("button", { name: /Adopt key/ }).click();
        await page.getByRole("dialog").getByRole("radio", { name: "New customer, invited by e-mail" }).check();
        await page.getByRole("dialog").getByRole("button", { name: "Adopt key" }).click();
        await expect(page.getByRole("dialog").getByText("Enter the customer's name.")).toBeVisible();
        await page.screenshot({ path: `${dir}/admin-keys-adopt-dialog-${scheme}-${width}.png` });
        await page.keyboard.press("Escape");
        const okFile = `Name,Key,Customer\nShot key,imported-${randomUUID()},${uniqueEmail("shot")}\n`;
        await page.getByRole("form", { name: "Import keys from a CSV file" }).getByLabel("CSV file").setInputFiles({ name: "k.csv", mimeType: "text/csv", buffer: Buffer.from(okFile) });
        await page.getByRole("button", { name: "Import keys" }).click();
        await expect(page.getByTestId("import-result")).toHaveCount(1);
        await page.screenshot({ path: `${dir}/admin-keys-import-results-${scheme}-${width}.png`, fullPage: true });
      } else {
        await page.getByTestId("unowned-key").first().getByRole("button", { name: /Adopt key/ }).click();
        await page.getByRole("dialog").getByRole("button", { name: "Adopt key" }).click();
        await expect(page.getByRole("dialog").getByText("Enter the customer's e-mail address.")).toBeVisible();
        await page.screenshot({ path: `${dir}/admin-keys-adopt-dialog-${scheme}-${width}.png` });
        await page.keyboard.press("Escape");
        await page.getByRole("form", { name: "Import keys from a CSV file" }).getByLabel("CSV file").setInputFiles({ name: "k.csv", mimeType: "text/csv", buffer: Buffer.from("Name,Key,Customer\nx,short,bad\n") });
        await page.getByRole("button", { name: "Import keys" }).click();
        await expect(page.getByText("nothing was imported", { exact: false })).toBeVisible();
        await page.screenshot({ path: `${dir}/admin-keys-import-errors-${scheme}-${width}.png`, fullPage: true });
      }
      await context.close();
    }
  }
});
