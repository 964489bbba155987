import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { demoAccounts, storageState, uniqueEmail } from "../support/accounts";
import { shootPage } from "../support/shots";
import { signUp } from "../support/sign-up";

const OUTBOX = join(process.cwd(), ".data", "mail", "outbox.jsonl");

function inviteLinksFor(email: string): string[] {
  if (!existsSync(OUTBOX)) return [];
  return readFileSync(OUTBOX, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; text: string })
    .filter((m) => m.to === email)
    .map((m) => /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(m.text)?.[0] ?? "");
}

test("an admin invites billing staff, who sets a password from the e-mail; role changed, then removed", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/staff");
  await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();

  // Bad input: empty fields, a customer's address.
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  const customerEmail = uniqueEmail("staffcustomer");
  const customer = await browser.newContext();
  await signUp(await customer.newPage(), { name: "Not Staff", email: customerEmail });
  await customer.close();
  await page.getByLabel("E-mail", { exact: true }).fill(customerEmail);
  await page.getByLabel("Name", { exact: true }).fill("Not Staff");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText("That e-mail belongs to a customer's user. Staff need an address of their own.")).toBeVisible();

  // A real invitation.
  const email = uniqueEmail("billing");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Name", { exact: true }).fill("Bea Billing");
  await page.getByLabel("Role", { exact: true }).selectOption("BILLING");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText(`Invitation sent to ${email} as billing staff. The link works for 72 hours.`)).toBeVisible();
  const row = page.getByTestId("staff-row").filter({ hasText: email });
  await expect(row).toContainText("invited");

  await expect.poll(() => inviteLinksFor(email).length).toBe(1);
  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(inviteLinksFor(email)[0] ?? "");
  await inviteePage.getByLabel("New password", { exact: true }).fill("Ledger-Quartz-7731-Orbit");
  await inviteePage.getByLabel("Repeat the new password").fill("Ledger-Quartz-7731-Orbit");
  await inviteePage.getByRole("button", { name: "Set new password" }).click();
  await expect(inviteePage.locator("#main").getByRole("link", { name: "Sign in" })).toBeVisible();
  await inviteePage.goto("/sign-in");
  await inviteePage.getByLabel("E-mail").fill(email);
  await inviteePage.getByLabel("Password", { exact: true }).fill("Ledger-Quartz-7731-Orbit");
  await inviteePage.getByRole("button", { name: "Sign in" }).click();
  // Signing in navigates on its own: let it finish before going anywhere else (a second navigation would abort it).
  await expect(inviteePage.getByTestId("signed-in-as")).toHaveText(email);
  await inviteePage.goto("/billing");
  await expect(inviteePage.getByRole("heading", { level: 1 })).toBeVisible();
  await invitee.close();

  // Role change, then removal.
  await page.reload();
  await row.getByLabel(`Role of ${email}`).selectOption("ADMIN");
  await expect(page.getByText(`${email} is now an admin.`)).toBeVisible();
  await row.getByRole("button", { name: `Remove ${email}` }).click();
  await page.getByRole("alertdialog", { name: `Remove ${email} from the staff?` }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText(`${email} was removed from the staff and can no longer sign in.`)).toBeVisible();
  await expect(page.getByTestId("staff-row").filter({ hasText: email })).toHaveCount(0);

  // Yourself: locked.
  const you = page.getByTestId("staff-row").filter({ hasText: demoAccounts.admin });
  await expect(you).toContainText("That is you.");
  await expect(you.getByLabel(`Role of ${demoAccounts.admin}`)).toBeDisabled();
  await admin.close();
});

test("the staff page fits a phone (and screenshots at 1280 and 390 px, light and dark, with SHOTS_DIR)", async ({ browser }) => {
  await shootPage(browser, storageState("admin"), "/admin/staff", "admin-staff");
});
