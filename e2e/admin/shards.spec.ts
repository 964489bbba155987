import { expect, test } from "@playwright/test";
import { storageState } from "../support/accounts";

test.use({ storageState: storageState("admin") });

test("operations page shows each shard's keys used of its limit", async ({ page }) => {
  await page.goto("/admin/operations");
  const shards = page.getByRole("region", { name: "Shards" });
  // Without GATEHOUSE_SHARDS: the one shard "default", with AWS's 10,000-key limit.
  const bar = shards.getByRole("progressbar", { name: "Shard default keys used" });
  await expect(bar).toHaveAttribute("aria-valuetext", /^\d[\d,]* of 10,000 keys$/);
  await expect(shards.getByTestId("shard-default")).toContainText(/customers/);
});
