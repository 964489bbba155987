import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState } from "../support/accounts";

// The portal's look: light and dark schemes (the system's by default, or the toggle's choice, kept across
// reloads), a favicon, and every page usable at 390 px (one-row header, nothing wider than the screen).

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Perceived lightness (0–255) of an rgb()/oklch() colour as the browser computes it, via a canvas. */
const lightness = (page: Page, color: string) =>
  page.evaluate((c) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d");
    if (!context) return -1;
    context.fillStyle = c;
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }, color);

test("the theme toggle switches to dark, and the choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  const light = await background(page);
  expect(await lightness(page, light)).toBeGreaterThan(200);

  await page.getByRole("button", { name: "Theme" }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect.poll(() => background(page)).not.toBe(light);
  expect(await lightness(page, await background(page))).toBeLessThan(60);

  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await lightness(page, await background(page))).toBeLessThan(60);
  await page.getByRole("button", { name: "Theme" }).click();
  await expect(page.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");

  // Back to the system's scheme (light here).
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await expect.poll(() => background(page)).toBe(light);
});

test.describe("with a system in dark mode", () => {
  test.use({ colorScheme: "dark" });
  test("the portal opens in the dark scheme without any choice made", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect(await lightness(page, await background(page))).toBeLessThan(60);
    // Text and the header follow: light heading text, a dark header.
    const heading = await page.getByRole("heading", { level: 1 }).evaluate((el) => getComputedStyle(el).color);
    expect(await lightness(page, heading)).toBeGreaterThan(200);
    const header = await page.getByRole("banner").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await lightness(page, header)).toBeLessThan(60);
  });
});

test("/favicon.ico answers with the portal's icon, and pages link it", async ({ page, request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
  expect(await response.text()).toContain("<svg");
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /^\/favicon\.ico/);
});

const narrow = { width: 390, height: 844 };

async function expectFitsAt390(page: Page, path: string, signedIn: boolean) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(overflow, `${path} is no wider than the screen`).toBeLessThanOrEqual(390);

  const header = page.getByRole("banner");
  const logo = await header.getByTestId("brand-home").boundingBox();
  const last = header.getByRole(signedIn ? "button" : "link", { name: signedIn ? "Sign out" : "Sign up" });
  await expect(last).toBeVisible();
  const end = await last.boundingBox();
  expect(logo && end, `header parts on ${path}`).toBeTruthy();
  if (!logo || !end) return;
  // One row: the sign-out (or sign-up) control is level with the logo and inside the screen.
  expect(Math.abs(logo.y + logo.height / 2 - (end.y + end.height / 2)), `${path}: header on one row`).toBeLessThan(4);
  expect(end.x + end.width).toBeLessThanOrEqual(390);
}

async function narrowPage(browser: Browser, role?: "customer" | "admin") {
  const context = await browser.newContext({ viewport: narrow, ...(role ? { storageState: storageState(role) } : {}) });
  return { context, page: await context.newPage() };
}

test("at 390 px the header stays on one row and nothing overflows, on public, customer and admin pages", async ({ browser }) => {
  const anonymous = await narrowPage(browser);
  for (const path of ["/", "/pricing", "/sign-in"]) await expectFitsAt390(anonymous.page, path, false);
  await anonymous.context.close();

  const customer = await narrowPage(browser, "customer");
  await expectFitsAt390(customer.page, "/dashboard/account", true);
  // Every dashboard tab is reachable: the tab bar shows all five or scrolls, and is never wider than the screen.
  const tabs = customer.page.getByRole("navigation", { name: "Dashboard" }).getByRole("link");
  await expect(tabs).toHaveCount(5);
  await expect(tabs.last()).toHaveText("Account");
  // The folded menu holds the role's links.
  await customer.page.getByRole("button", { name: "Menu" }).click();
  await expect(customer.page.getByRole("menuitem", { name: "Dashboard" })).toBeVisible();
  await customer.context.close();

  const admin = await narrowPage(browser, "admin");
  await expectFitsAt390(admin.page, "/admin/customers", true);
  // The customers table scrolls inside its own labelled, focusable region, with a cue that there is more.
  const region = admin.page.getByRole("region", { name: "Customers, newest first" });
  await expect(region).toHaveAttribute("tabindex", "0");
  // (The cue's wrapper is the region's parent; the console's section tabs above have cues of their own.)
  const cues = region.locator("..");
  await expect(cues.getByTestId("scroll-cue-right")).toBeVisible();
  await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(cues.getByTestId("scroll-cue-right")).toHaveCount(0);
  await expect(cues.getByTestId("scroll-cue-left")).toBeVisible();
  await admin.context.close();
});
