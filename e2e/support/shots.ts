import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, type Browser } from "@playwright/test";

/** Where admin-console screenshots go (looked at by a person; not compared). */
export const SHOTS_DIR = process.env.SHOTS_DIR ?? join(process.cwd(), "test-results", "shots");

/**
 * Full-page screenshots of `path` as `storageState` sees it: light and dark, 1280 and 390 px wide. Nothing may
 * overflow sideways on a phone.
 */
export async function shootPage(browser: Browser, storageState: string, path: string, name: string) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ storageState, colorScheme });
    const page = await context.newPage();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.waitForLoadState("load");
      await page.evaluate(() => document.fonts.ready);
      // Let lazily loaded parts (the usage chart loads when the browser is idle) draw before the picture is taken.
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(SHOTS_DIR, `${name}-${colorScheme}-${width}.png`), fullPage: true });
      if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await context.close();
  }
}
