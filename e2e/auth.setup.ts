import { test as setup, expect } from "@playwright/test";
import { demoAccounts, storageState } from "./support/accounts";

// One signed-in browser state per demo role, reused by the specs.
for (const [role, email] of Object.entries(demoAccounts)) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("gatehouse-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signed-in-as")).toHaveText(email);
    await page.context().storageState({ path: storageState(role as keyof typeof demoAccounts) });
  });
}
