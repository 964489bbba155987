import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";

// The one rule for screenshots: they are taken for a person to look at (never compared), and only when SHOTS_DIR
// names a folder for them. CI leaves it unset, so it takes none:
//  - a test that only takes screenshots is a `shotsTest`, skipped unless SHOTS_DIR is set;
//  - a behaviour test takes its pictures through `screenshot`, which does nothing without SHOTS_DIR (the test's own
//    steps and assertions around it still run);
//  - `shootPage` (every page in light and dark, 1280 and 390 px) still checks, without SHOTS_DIR, that nothing on
//    the page overflows sideways on a phone (`expectFitsPhone`).
//   SHOTS_DIR=/tmp/shots E2E_PORT=3100 npx playwright test e2e/admin/tiers.spec.ts

/** Whether this run takes screenshots (SHOTS_DIR is set). */
export const takingShots = Boolean(process.env.SHOTS_DIR);
/** The folder screenshots go to (only written when `takingShots`). */
export const SHOTS_DIR = process.env.SHOTS_DIR ? resolve(process.env.SHOTS_DIR) : join(process.cwd(), "test-results", "shots");

const SKIP_REASON = "screenshots only: set SHOTS_DIR to take them";

/** A test that only takes screenshots: `shotsDir` (created) is where they go; skipped unless SHOTS_DIR is set. */
export const shotsTest = test.extend<{ shotsDir: string }>({
  shotsDir: [
    async ({}, use, testInfo) => {
      testInfo.skip(!takingShots, SKIP_REASON);
      mkdirSync(SHOTS_DIR, { recursive: true });
      await use(SHOTS_DIR);
    },
    { auto: true },
  ],
});

/** Where a screenshot named `name` goes (its folder created), or undefined when this run takes none. */
export function shotPath(name: string): string | undefined {
  if (!takingShots) return undefined;
  const path = join(SHOTS_DIR, `${name}.png`);
  mkdirSync(join(path, ".."), { recursive: true });
  return path;
}

/** Nothing on the page overflows sideways at 390 px (the viewport must be 390 px wide). */
export async function expectFitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/**
 * A screenshot of the page or one element into SHOTS_DIR as `name`.png; nothing at all when this run takes none.
 * Whatever the test does around it (viewport sizes, colour schemes, the assertions) runs either way.
 */
export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  const path = shotPath(name);
  if (!path) return;
  if (isPage(target)) await target.screenshot({ path, fullPage: options.fullPage ?? false });
  else await target.screenshot({ path });
}

function isPage(target: Page | Locator): target is Page {
  return "goto" in target;
}

/**
 * Full-page screenshots of `path` as `storageState` sees it: light and dark, 1280 and 390 px wide. Without
 * SHOTS_DIR only the phone-width check runs (once, light).
 */
export async function shootPage(browser: Browser, storageState: string, path: string, name: string) {
  for (const colorScheme of takingShots ? (["light", "dark"] as const) : (["light"] as const)) {
    const context = await browser.newContext({ storageState, colorScheme });
    const page = await context.newPage();
    for (const width of takingShots ? [1280, 390] : [390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.waitForLoadState("load");
      if (takingShots) {
        await page.evaluate(() => document.fonts.ready);
        // Let lazily loaded parts (the usage chart loads when the browser is idle) draw before the picture is taken.
        await page.waitForTimeout(1500);
        await page.screenshot({ path: shotPath(`${name}-${colorScheme}-${width}`), fullPage: true });
      }
      if (width === 390) await expectFitsPhone(page);
    }
    await context.close();
  }
}
