import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";

// A form submitted before the page's JavaScript has run (slow network, or JavaScript off) is sent by the browser
// itself. Every form with a password posts, so the password never lands in the URL, the history or a server log.
test.use({ javaScriptEnabled: false });

for (const { path, fill } of [
  {
    path: "/sign-in",
    fill: { "E-mail": "someone@example.com", Password: "a-secret-password" },
  },
  {
    path: "/sign-up",
    fill: { "Your name": "No Script", "E-mail": uniqueEmail("noscript"), Password: "a-secret-password" },
  },
]) {
  test(`${path} without JavaScript does not put the password in the URL`, async ({ page }) => {
    await page.goto(path);
    for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
    const submitted = page.waitForRequest((r) => r.isNavigationRequest() && r.frame() === page.mainFrame());
    await page.getByRole("button", { name: path === "/sign-in" ? "Sign in" : "Create account" }).click();
    const request = await submitted;
    await page.waitForLoadState();
    expect(request.method()).toBe("POST");
    for (const url of [request.url(), page.url()]) {
      expect(url).not.toContain("a-secret-password");
      expect(url).not.toContain("password=");
    }
  });
}
