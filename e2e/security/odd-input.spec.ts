import { expect, test } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { callAction, serverActions } from "../support/server-actions";
import { signUp } from "../support/sign-up";

// Odd input reaches every endpoint as a clear answer, never a 500: a NUL byte or control characters in an id bound
// to an action, the admin search's LIKE wildcards and NUL bytes, and invisible characters in a name.

const action = (name: string) => {
  const found = serverActions().find((a) => a.name === name);
  if (!found) throw new Error(`the build has no ${name}`);
  return found;
};

test("ids with a NUL byte or control characters are refused as invalid input, not a 500", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: storageState("customer") });
  for (const [name, args] of [
    ["revealKeyAction", ["cm1\u0000x"]],
    ["revokeKeyAction", ["\u0000"]],
    ["renameKeyAction", ["a\nb", { form: { name: "x" } }]],
    ["cancelTierRequestAction", ["x".repeat(5000)]],
    ["setKeyEnabledAction", ["key\u0000", "yes"]],
  ] as const) {
    const result = await callAction(context.request, baseURL ?? "", "/dashboard", action(name), [...args]);
    expect(result, name).toEqual({ status: 200, outcome: "invalid" });
  }
  await context.close();
});

test("the admin search treats % and _ as text and survives a NUL byte", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("admin") });
  const page = await context.newPage();
  for (const q of ["%", "_", "%25", "zq\u0000x"]) {
    const response = await page.goto(`/admin/customers?${new URLSearchParams({ q })}`);
    expect(response?.status(), JSON.stringify(q)).toBe(200);
    await expect(page.getByText(/No customers match/)).toBeVisible();
  }
  await context.close();
});

test("a key name with a right-to-left override is refused with a clear message", async ({ page }) => {
  await signUp(page, { name: "Bidi Tester", email: uniqueEmail("bidi") });
  await page.getByLabel("Key name").fill("invoice\u202Etxt.exe");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Remove the invisible text-direction characters from a key name.")).toBeVisible();
  await expect(page.getByTestId("key-row")).toHaveCount(1); // the sign-up's default key only
});
