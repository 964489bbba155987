import { expect, test } from "@playwright/test";
import { signUp } from "../support/sign-up";
import { uniqueEmail } from "../support/accounts";

// Finding 1 of issue 8: after a real sign-in, a callbackUrl that a prefix check takes for a path ("/\host",
// "/<tab>/host") sent the browser to another site. Every one of these must land on the portal.
const PASSWORD = "correct-horse-battery";
const attacks = ["/%5Cevil.example/x", "/%09/evil.example/x", "/%5C%5Cevil.example", "//evil.example/x", "https://evil.example/x", "/%2F/evil.example"];

test("a malicious callbackUrl never leads off the portal after signing in", async ({ browser, baseURL }) => {
  const email = uniqueEmail("redirect");
  const setup = await browser.newPage();
  await signUp(setup, { name: "Redirect Target", email, password: PASSWORD });
  await setup.close();

  const portal = new URL(baseURL ?? "").host;
  for (const callbackUrl of attacks) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const offsite: string[] = [];
    page.on("request", (r) => {
      if (r.isNavigationRequest() && new URL(r.url()).host !== portal) offsite.push(r.url());
    });
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    expect(new URL(page.url()).host, callbackUrl).toBe(portal);
    expect(offsite, callbackUrl).toEqual([]);
    await context.close();
  }
});

test("a same-site callbackUrl is still followed", async ({ browser }) => {
  const email = uniqueEmail("redirect-ok");
  const setup = await browser.newPage();
  await signUp(setup, { name: "Redirect Fine", email, password: PASSWORD });
  await setup.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/dashboard/usage")}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/usage$/);
  await context.close();
});
