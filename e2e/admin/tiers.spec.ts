import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { screenshot, takingShots } from "../support/shots";
import { signUp } from "../support/sign-up";

// The tier administration. These tests create their own tiers (never editing basic, premium or enterprise) and run
// in order: create, edit (a limit change queues behind AWS's one-update-per-20-s limit), retire.
test.describe.configure({ mode: "serial" });

const name = `Scale ${Date.now().toString(36)}`;

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("admin") });
  const page = await context.newPage();
  await page.goto("/admin/tiers");
  await expect(page.getByRole("heading", { name: "Tiers", level: 1 })).toBeVisible();
  return page;
}

const row = (page: Page, tier: string) => page.getByTestId("tier-row").filter({ has: page.getByRole("rowheader", { name: new RegExp(tier) }) });

test("lists the tiers with their limits, prices and customer counts", async ({ browser }) => {
  const page = await adminPage(browser);
  for (const tier of ["Basic", "Premium", "Enterprise"]) await expect(row(page, `^${tier}`)).toBeVisible();
  await expect(row(page, "^Basic")).toContainText("1,000 requests / day");
  await expect(row(page, "^Premium")).toContainText("$49 / month");
  await expect(row(page, "^Enterprise")).toContainText("Approval only");
  await expect(row(page, "^Enterprise")).toContainText("Unlimited requests");
  // An empty form is refused with a message next to the name.
  await page.getByRole("button", { name: "New tier" }).click();
  await page.getByRole("dialog", { name: "New tier" }).getByRole("button", { name: "Create tier" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  // The tier form, as it opens, light and dark, wide and narrow (screenshots only with SHOTS_DIR).
  for (const colorScheme of takingShots ? (["light", "dark"] as const) : []) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ storageState: storageState("admin"), colorScheme, viewport: { width, height: 900 } });
      const shot = await context.newPage();
      await shot.goto("/admin/tiers");
      await shot.getByRole("button", { name: "New tier" }).click();
      await shot.getByRole("dialog", { name: "New tier" }).getByRole("button", { name: "Create tier" }).click();
      await expect(shot.getByText("Enter a name.")).toBeVisible();
      await screenshot(shot, `tiers/tiers-form-${colorScheme}-${width}`);
      await context.close();
    }
  }
});

test("creating a tier refuses bad input next to each field, then creates the usage plan", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.getByRole("button", { name: "New tier" }).click();
  const dialog = page.getByRole("dialog", { name: "New tier" });
  await dialog.getByLabel("Name").fill("<b>bold</b>");
  await dialog.getByLabel("Rate limit (requests per second)").fill("-5");
  await dialog.getByLabel("Burst limit (requests)").fill("2.5");
  await dialog.getByLabel("Quota (requests)").fill("many");
  await dialog.getByLabel("Monthly price (USD)").fill("12.345");
  await dialog.getByLabel("Keys per customer").fill("0");
  await dialog.getByRole("button", { name: "Create tier" }).click();
  await expect(dialog.getByText("Remove the characters < and > from a name.")).toBeVisible();
  await expect(dialog.getByText("Enter a rate limit between 0 and 10,000.")).toBeVisible();
  await expect(dialog.getByText("Enter a burst limit as a whole number.")).toBeVisible();
  await expect(dialog.getByText(/Enter the quota as a whole number/)).toBeVisible();
  await expect(dialog.getByText(/Enter the monthly price in dollars/)).toBeVisible();
  await expect(dialog.getByText("Enter a key limit between 1 and 100.")).toBeVisible();
  await expect(dialog.getByLabel("Rate limit (requests per second)")).toHaveAttribute("aria-invalid", "true");
  // A name that exists already.
  await dialog.getByLabel("Name").fill("Premium");
  await dialog.getByLabel("Rate limit (requests per second)").fill("25");
  await dialog.getByLabel("Burst limit (requests)").fill("50");
  await dialog.getByLabel("Quota (requests)").fill("5000");
  await dialog.getByLabel("Monthly price (USD)").fill("19");
  await dialog.getByLabel("Keys per customer").fill("3");
  await dialog.getByRole("button", { name: "Create tier" }).click();
  await expect(dialog.getByText("A tier named like “Premium” exists already. Choose another name.")).toBeVisible();

  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Tagline (optional)").fill("For growing teams");
  await dialog.getByRole("button", { name: "Create tier" }).click();
  await expect(page.getByText(`Created the ${name} tier`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const created = row(page, name);
  await expect(created).toContainText("25 req/s, burst 50");
  await expect(created).toContainText("5,000 requests / day");
  await expect(created).toContainText("$19 / month");
  // Customers see it on the pricing page.
  await page.goto("/pricing");
  await expect(page.getByText(name).first()).toBeVisible();
});

test("editing: bad input is refused; price saves at once; a second limit change queues and finishes on its own", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await adminPage(browser);
  await row(page, name).getByRole("button", { name: `Edit ${name}` }).click();
  let dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  await dialog.getByLabel("Burst limit (requests)").fill("lots");
  await dialog.getByLabel("Quota (requests)").fill("100");
  await dialog.getByLabel("Monthly price (USD)").fill("-3");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("Enter a burst limit as a number.")).toBeVisible();
  await expect(dialog.getByText(/Enter the monthly price in dollars/)).toBeVisible();

  await dialog.getByLabel("Burst limit (requests)").fill("60");
  await dialog.getByLabel("Monthly price (USD)").fill("29");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, name)).toContainText("$29 / month");

  // Straight after: AWS would throttle a second UpdateUsagePlan, so this one takes its turn instead of failing.
  await row(page, name).getByRole("button", { name: `Edit ${name}` }).click();
  dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  await dialog.getByLabel("Rate limit (requests per second)").fill("30");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/The new limits of .* (is queued|runs)/)).toBeVisible();
  await expect(dialog).toBeHidden();
  const activity = row(page, name).getByTestId("tier-activity").first();
  await expect(activity).toContainText("Queued");
  await expect(activity).toContainText(/#\d+ in line for AWS/);
  await expect(page.getByTestId("queued-change").filter({ hasText: name })).toBeVisible();
  await shoot(browser, "queued");
  // The page refreshes itself while the change waits; it finishes within AWS's 20 s.
  await expect(activity).toContainText("Done", { timeout: 60_000 });
  await expect(row(page, name)).toContainText("30 req/s, burst 60");
  await expect(row(page, name)).toContainText("100 requests / day");
});

test("bootstrapping the recommended plans refuses a stage that already has plans", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.getByText("Create the recommended plans on another stage").click();
  const select = page.getByLabel("API stage");
  await expect(select).toContainText("gatehouse-demo-api / prod");
  await page.getByRole("button", { name: "Create basic, premium and enterprise" }).click();
  await expect(page.getByText(/already has usage plans \(basic, premium, enterprise/)).toBeVisible();
  await expect(select).toHaveAttribute("aria-invalid", "true");
});

test("retiring a tier takes it off offer and moves its customers to the chosen tier", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("retiree");
  const customer = await browser.newContext();
  await signUp(await customer.newPage(), { name: "Retiree", email, tier: name });
  await customer.close();

  const page = await adminPage(browser);
  await expect(row(page, name).locator("td").nth(3)).toHaveText("1");
  await row(page, name).getByRole("button", { name: `Retire ${name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Retire the ${name} tier?` });
  await expect(dialog).toContainText("Its 1 customer and their keys move to Basic");
  await dialog.getByLabel("Move its customers to").selectOption({ label: "Premium" });
  await expect(dialog).toContainText("move to Premium");
  await dialog.getByRole("button", { name: "Retire tier" }).click();
  await expect(page.getByText(new RegExp(`${name} (is off offer|is retired)`))).toBeVisible();
  await expect(row(page, name)).toContainText("Retired");
  await expect(row(page, name).getByTestId("tier-activity").first()).toContainText("Done", { timeout: 60_000 });
  await expect(row(page, name).locator("td").nth(3)).toHaveText("0");

  await page.goto(`/admin/customers?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("customer-row").first()).toContainText("Premium");
  await page.goto("/pricing");
  await expect(page.getByText(name)).toHaveCount(0);
  await shoot(browser, "retired");
});

/** The page in light and dark, wide and narrow (only with SHOTS_DIR). */
async function shoot(browser: Browser, label: string) {
  for (const colorScheme of takingShots ? (["light", "dark"] as const) : []) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ storageState: storageState("admin"), colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/admin/tiers");
      await expect(page.getByRole("heading", { name: "Tiers", level: 1 })).toBeVisible();
      await screenshot(page, `tiers/tiers-${label}-${colorScheme}-${width}`, { fullPage: true });
      await context.close();
    }
  }
}
