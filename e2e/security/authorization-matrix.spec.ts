import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard } from "../support/keys";
import { callAction, serverActions, type ActionArg, type ActionRef } from "../support/server-actions";
import { signUp } from "../support/sign-up";

// Every server action and customer page, called as anonymous, customer A, customer B, billing and admin, with
// customer A's resource ids. The test fails if an action exists that this table does not cover, so a new endpoint
// cannot ship without its row. It prints the matrix.

type Who = "anonymous" | "customer A" | "customer B" | "billing" | "admin";
const WHO: Who[] = ["anonymous", "customer B", "billing", "admin", "customer A"]; // A last: its calls change A's data
const PASSWORD = "correct-horse-battery";

interface Ids {
  keyA: string;
  keyA2: string;
  keyA3: string;
  requestA: string;
  /** The user id of a third customer, C, whose sessions the admin row ends. */
  userC: string;
  /** C's customer id, for the admin's customer actions (suspended and resumed; the rest refused by validation). */
  customerC: string;
}

interface Row {
  name: string;
  page: string;
  args: (who: Who, ids: Ids) => ActionArg[];
  /** The outcome each identity must get ("a|b": either). */
  expect: Record<Who, string>;
  /** Runs before the row (e.g. a fresh request for A when the previous row used it up). */
  prepare?: (ids: Ids) => Promise<void>;
}

const ownedByA = { anonymous: "unauthenticated", "customer A": "ok", "customer B": "not_found", billing: "forbidden", admin: "forbidden" };
const selfService = { anonymous: "unauthenticated", "customer A": "ok", "customer B": "ok", billing: "forbidden", admin: "forbidden" };
const signedIn = { anonymous: "unauthenticated", "customer A": "ok", "customer B": "ok", billing: "ok", admin: "ok" };
const adminOnly = { anonymous: "unauthenticated", "customer A": "forbidden", "customer B": "forbidden", billing: "forbidden", admin: "ok" };
const staffPassword = (who: Who) => (who === "admin" || who === "billing" ? "gatehouse-demo" : PASSWORD);

const rows: Row[] = [
  { name: "revealKeyAction", page: "/dashboard", args: (_w, ids) => [ids.keyA], expect: ownedByA },
  { name: "renameKeyAction", page: "/dashboard", args: (w, ids) => [ids.keyA, { form: { name: `renamed by ${w}` } }], expect: ownedByA },
  { name: "setKeyEnabledAction", page: "/dashboard", args: (_w, ids) => [ids.keyA, false], expect: ownedByA },
  { name: "rotateKeyAction", page: "/dashboard", args: (_w, ids) => [ids.keyA2, { form: { grace: "1h" } }], expect: ownedByA },
  { name: "revokeKeyAction", page: "/dashboard", args: (_w, ids) => [ids.keyA3], expect: ownedByA },
  {
    name: "tryRequestAction",
    page: "/dashboard/docs",
    args: (_w, ids) => [{ keyId: ids.keyA2, method: "GET", path: "/pets", query: [], headers: {}, body: "" }],
    expect: ownedByA,
  },
  { name: "cancelTierRequestAction", page: "/dashboard/tier", args: (_w, ids) => [ids.requestA], expect: ownedByA },
  { name: "createKeyAction", page: "/dashboard", args: (w) => [{ form: { name: `made by ${w}` } }], expect: selfService },
  { name: "changeTierAction", page: "/dashboard/tier", args: () => [{ form: { tierId: "not-a-tier" } }], expect: { ...selfService, "customer A": "invalid", "customer B": "invalid" } },
  // A refresh right after the worker's own refresh answers throttled: past the policy either way.
  { name: "refreshUsageAction", page: "/dashboard/usage", args: () => [], expect: { ...selfService, "customer A": "ok|throttled", "customer B": "ok|throttled" } },
  { name: "signOutEverywhereElseAction", page: "/dashboard/account", args: () => [], expect: signedIn }, // ends only the caller's other sessions
  { name: "updateProfileAction", page: "/dashboard/account", args: (w) => [{ form: { name: `Profile of ${w}`, company: "" } }], expect: selfService },
  {
    name: "changePasswordAction",
    page: "/dashboard/account",
    args: () => [{ form: { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD } }],
    expect: { ...selfService, "customer A": "invalid", "customer B": "invalid" }, // same password: refused by validation, after authorization
  },
  {
    name: "confirmPasswordAction",
    page: "/dashboard",
    args: (w) => [{ form: { password: staffPassword(w) } }],
    expect: { anonymous: "unauthenticated", "customer A": "ok", "customer B": "ok", billing: "ok", admin: "ok" }, // proves who you are, to yourself
  },
  {
    name: "decideTierRequestAction",
    page: "/admin/tier-requests",
    args: (_w, ids) => [ids.requestA, { form: { decision: "reject" } }],
    expect: adminOnly,
    prepare: async (ids) => {
      ids.requestA = await requestEnterprise(pageOfA);
    },
  },
  { name: "endUserSessionsAction", page: "/admin/customers", args: (_w, ids) => [ids.userC], expect: adminOnly },
  // Records: an id no operation has gets past the policy and parsing to "not_found" for the admin.
  { name: "retryOperationAction", page: "/admin/operations", args: () => ["cnosuchoperation0000000"], expect: { ...adminOnly, admin: "not_found" } },
  { name: "reconcileNowAction", page: "/admin/operations", args: () => [], expect: adminOnly },
  // Admin console: customers (C is suspended, then resumed; the other changes are refused by validation) and staff.
  { name: "suspendCustomerAction", page: "/admin/customers", args: (_w, ids) => [ids.customerC, { form: { reason: "matrix" } }], expect: adminOnly },
  { name: "resumeCustomerAction", page: "/admin/customers", args: (_w, ids) => [ids.customerC], expect: adminOnly },
  {
    name: "changeCustomerTierAction",
    page: "/admin/customers",
    args: (_w, ids) => [ids.customerC, { form: { tierId: "not-a-tier" } }],
    expect: { ...adminOnly, admin: "invalid" },
  },
  { name: "extendQuotaAction", page: "/admin/customers", args: (_w, ids) => [ids.customerC, { form: { extra: "0" } }], expect: { ...adminOnly, admin: "invalid" } },
  {
    name: "deleteCustomerAction",
    page: "/admin/customers",
    args: (_w, ids) => [ids.customerC, { form: { confirm: "not the customer's name" } }],
    expect: { ...adminOnly, admin: "invalid" },
  },
  {
    name: "inviteStaffAction",
    page: "/admin/staff",
    args: () => [{ form: { email: "not-an-email", name: "Matrix", role: "ADMIN" } }],
    expect: { ...adminOnly, admin: "invalid" },
  },
  { name: "changeStaffRoleAction", page: "/admin/staff", args: (_w, ids) => [ids.userC, { form: { role: "OWNER" } }], expect: { ...adminOnly, admin: "invalid" } },
  // C is a customer's user, not staff: past the policy, the admin is told there is no such staff member.
  { name: "removeStaffAction", page: "/admin/staff", args: (_w, ids) => [ids.userC], expect: { ...adminOnly, admin: "not_found" } },
  // Tier administration: arguments that pass the policy and reach validation, so the admin's call changes nothing.
  { name: "bootstrapTiersAction", page: "/admin/tiers", args: () => [{ form: { apiStage: "nosuchapi:nostage" } }], expect: { ...adminOnly, admin: "invalid" } },
  { name: "createTierAction", page: "/admin/tiers", args: () => [{ form: { name: "", rateLimit: "-1" } }], expect: { ...adminOnly, admin: "invalid" } },
  { name: "updateTierAction", page: "/admin/tiers", args: () => ["nosuchtier", { form: { name: "Matrix", rateLimit: "lots" } }], expect: { ...adminOnly, admin: "invalid" } },
  { name: "retireTierAction", page: "/admin/tiers", args: () => ["nosuchtier", { form: { toTierId: "" } }], expect: { ...adminOnly, admin: "invalid" } },
  // Adopt keys: arguments past the policy but refused by validation, so nothing is adopted or imported.
  {
    name: "adoptKeyAction",
    page: "/admin/keys",
    args: () => [{ form: { target: "existing", awsKeyId: "", name: "matrix", customerEmail: "not-an-email" } }],
    expect: { ...adminOnly, admin: "invalid" },
  },
  { name: "importKeysAction", page: "/admin/keys", args: () => [{ form: { csv: "", tierId: "" } }], expect: { ...adminOnly, admin: "invalid" } },
  // Caches and stage settings: an API id that does not exist gets the admin past the policy without touching the
  // shared stage (not_found from AWS); invalid settings are refused by validation, after authorization.
  { name: "flushStageCacheAction", page: "/admin/stage", args: () => [{ api: "matrix0000", stage: "prod" }], expect: { ...adminOnly, admin: "not_found" } },
  { name: "flushAuthorizersCacheAction", page: "/admin/stage", args: () => [{ api: "matrix0000", stage: "prod" }], expect: { ...adminOnly, admin: "not_found" } },
  {
    name: "updateStageSettingsAction",
    page: "/admin/stage",
    args: () => [
      {
        form: {
          api: "matrix0000",
          stage: "prod",
          target: "*/*",
          throttlingRateLimit: "10",
          throttlingBurstLimit: "20",
          cacheTtlInSeconds: "9999",
          unauthorizedCacheControlHeaderStrategy: "FAIL_WITH_403",
          previewed: "[]",
        },
      },
    ],
    expect: { ...adminOnly, admin: "invalid" },
  },
  { name: "resetMethodSettingAction", page: "/admin/stage", args: () => [{ api: "matrix0000", stage: "prod", target: "~1data/GET" }], expect: { ...adminOnly, admin: "not_found" } },
  // An empty form means the portal's API and stage; creating twice changes nothing, so the admin's call is harmless.
  { name: "createRecommendedAlarmsAction", page: "/admin/alarms", args: () => [{ form: {} }], expect: adminOnly },
  { name: "createDashboardAction", page: "/admin/alarms", args: () => [{ form: {} }], expect: adminOnly },
  // No API id: refused by validation after the policy (a valid call would switch the shared stage's metrics).
  {
    name: "setDetailedMetricsAction",
    page: "/admin/methods",
    args: () => [{ form: { restApiId: "", stage: "prod", enabled: "false" } }],
    expect: { ...adminOnly, admin: "invalid" },
  },
  // Billing: closing a period. A month that has not started is refused by validation after the policy (a valid call
  // would freeze a month for good).
  {
    name: "closePeriodAction",
    page: "/billing/periods",
    args: () => [{ form: { month: "2999-01" } }],
    expect: { anonymous: "unauthenticated", "customer A": "forbidden", "customer B": "forbidden", billing: "invalid", admin: "invalid" },
  },
  // Billing console: a reversed range, refused by validation after the policy (a valid call would start a snapshot).
  {
    name: "startSnapshotAction",
    page: "/billing/usage-history",
    args: () => [{ form: { from: "2026-01-02", to: "2026-01-01" } }],
    expect: { anonymous: "unauthenticated", "customer A": "forbidden", "customer B": "forbidden", billing: "invalid", admin: "invalid" },
  },
  {
    name: "signUpAction",
    page: "/sign-up",
    args: () => [{ form: { name: "Matrix", email: "not-an-email", password: PASSWORD, tierId: "x" } }],
    expect: { anonymous: "invalid", "customer A": "invalid", "customer B": "invalid", billing: "invalid", admin: "invalid" },
  },
  {
    name: "requestPasswordResetAction",
    page: "/forgot-password",
    args: () => [{ form: { email: "nobody@example.com" } }],
    expect: { anonymous: "ok", "customer A": "ok", "customer B": "ok", billing: "ok", admin: "ok" }, // same answer for everyone: no enumeration
  },
  {
    name: "resetPasswordAction",
    page: "/reset-password",
    // A well-formed form with a link nobody was sent: refused as an invalid link, for everyone.
    args: () => [{ form: { token: "x".repeat(43), password: PASSWORD, confirmPassword: PASSWORD } }],
    expect: { anonymous: "invalid", "customer A": "invalid", "customer B": "invalid", billing: "invalid", admin: "invalid" },
  },
  // Last: deleting an account (B deletes its own; A's own deletion is the final call of the run).
  {
    name: "deleteAccountAction",
    page: "/dashboard/account",
    args: () => [{ form: { password: PASSWORD, confirm: "DELETE" } }],
    expect: selfService,
  },
];

const pages: { path: string; expect: Record<Who, string> }[] = [
  ...["/dashboard", "/dashboard/usage", "/dashboard/tier", "/dashboard/docs", "/dashboard/account"].map((path) => ({
    path,
    expect: { anonymous: "sign-in", "customer A": "200", "customer B": "200", billing: "403", admin: "403" } as Record<Who, string>,
  })),
  ...[
    "/admin",
    "/admin/methods",
    "/admin/stage",
    "/admin/alarms",
    "/admin/tier-requests",
    "/admin/staff",
    "/admin/tiers",
    "/admin/keys",
    "/admin/operations",
    "/admin/audit",
  ].map((path) => ({
    path,
    expect: { anonymous: "sign-in", "customer A": "403", "customer B": "403", billing: "403", admin: "200" } as Record<Who, string>,
  })),
  // quota_alert.list
  { path: "/billing/alerts", expect: { anonymous: "sign-in", "customer A": "403", "customer B": "403", billing: "200", admin: "200" } },
  // The admin's customer pages: billing staff are sent to their read-only twins in the billing console.
  ...["/admin/customers", "/admin/customers/:customerC"].map((path) => ({
    path,
    expect: { anonymous: "sign-in", "customer A": "403", "customer B": "403", billing: `→ ${path.replace("/admin/", "/billing/")}`, admin: "200" } as Record<Who, string>,
  })),
  ...["/billing", "/billing/customers", "/billing/customers/:customerC", "/billing/periods", "/billing/report/:customerC/invoice", "/billing?month=2025-03&sort=name&dir=asc", "/billing/report/:customerC", "/billing/report/:customerC?from=2025-03-01&to=2025-03-31"].map((path) => ({
    path,
    expect: { anonymous: "sign-in", "customer A": "403", "customer B": "403", billing: "200", admin: "200" } as Record<Who, string>,
  })),
  { path: "/billing/usage-history", expect: { anonymous: "sign-in", "customer A": "403", "customer B": "403", billing: "200", admin: "200" } },
];

/** Route handlers (downloads): anonymous 401, other roles 403, never a redirect or a body for them. */
const routes: { path: string; expect: Record<Who, string> }[] = [
  { path: "/admin/audit/export", expect: { anonymous: "401", "customer A": "403", "customer B": "403", billing: "403", admin: "200" } },
  { path: "/billing/export/report.csv", expect: { anonymous: "401", "customer A": "403", "customer B": "403", billing: "200", admin: "200" } },
  { path: "/billing/export/daily-usage.csv", expect: { anonymous: "401", "customer A": "403", "customer B": "403", billing: "200", admin: "200" } },
];

let pageOfA: Page;

async function requestEnterprise(page: Page): Promise<string> {
  await page.goto("/dashboard/tier");
  await page.getByRole("button", { name: "Request Enterprise" }).click();
  await page.getByRole("button", { name: "Send request" }).click();
  return (await page.locator("[data-request-id]").getAttribute("data-request-id")) ?? "";
}

async function customerContext(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name, email: uniqueEmail(name.toLowerCase().replace(/\W/g, "")), password: PASSWORD });
  return { context, page };
}

async function keyIdsOn(page: Page): Promise<Record<string, string>> {
  await page.goto("/dashboard");
  const ids: Record<string, string> = {};
  for (const row of await page.getByTestId("key-row").all()) {
    const id = (await row.getAttribute("data-key-id")) ?? "";
    ids[(await row.locator(`[id="key-${id}-name"]`).textContent()) ?? ""] = id;
  }
  return ids;
}

test("only the allowed identities can call each server action and open each page", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL ?? "";
  const a = await customerContext(browser, "Matrix A");
  const b = await customerContext(browser, "Matrix B");
  for (const name of ["one", "two", "three"]) await createKeyOnDashboard(a.page, name);
  const keys = await keyIdsOn(a.page);
  pageOfA = a.page;
  const requestA = await requestEnterprise(a.page);
  const c = await customerContext(browser, "Matrix C");
  const userC = ((await (await c.context.request.get(`${base}/api/auth/session`)).json()) as { user?: { id?: string } }).user?.id ?? "";
  const contexts: Record<Who, APIRequestContext> = {
    anonymous: (await browser.newContext()).request,
    "customer A": a.context.request,
    "customer B": b.context.request,
    billing: (await browser.newContext({ storageState: storageState("billing") })).request,
    admin: (await browser.newContext({ storageState: storageState("admin") })).request,
  };
  // C's customer id, as the admin's customer list links to it.
  const emailC = ((await (await c.context.request.get(`${base}/api/auth/session`)).json()) as { user?: { email?: string } }).user?.email ?? "";
  const listHtml = await (await contexts.admin.get(`${base}/admin/customers?${new URLSearchParams({ q: emailC })}`)).text();
  const customerC = /\/admin\/customers\/([A-Za-z0-9_-]+)"/.exec(listHtml)?.[1] ?? "";
  const ids: Ids = { keyA: keys.one ?? "", keyA2: keys.two ?? "", keyA3: keys.three ?? "", requestA, userC, customerC };
  expect(Object.values(ids).every(Boolean)).toBe(true);

  const actions = serverActions();
  const byName = new Map<string, ActionRef>(actions.map((action) => [action.name, action]));
  expect(actions.map((x) => x.name).filter((name) => !rows.some((r) => r.name === name)), "actions without a row").toEqual([]);

  const matrix: string[][] = [];
  const mismatches: string[] = [];
  async function runRow(row: Row) {
    const action = byName.get(row.name);
    expect(action, `the build has ${row.name}`).toBeTruthy();
    if (!action) return;
    await row.prepare?.(ids);
    const line = [row.name];
    for (const who of WHO) {
      const result = await callAction(contexts[who], base, row.page, action, row.args(who, ids));
      line.push(`${who}: ${result.outcome}`);
      if (!row.expect[who].split("|").includes(result.outcome)) mismatches.push(`${row.name} as ${who}: expected ${row.expect[who]}, got ${result.outcome}`);
    }
    matrix.push(line);
  }

  // Actions in table order (A's sign-in is fresh for the reveal), then pages, then account deletion last.
  for (const row of rows.filter((r) => r.name !== "deleteAccountAction")) await runRow(row);
  for (const p of pages) {
    const line = [p.path];
    const path = p.path.replace(":customerC", ids.customerC);
    for (const who of WHO) {
      const response = await contexts[who].get(`${base}${path}`, { maxRedirects: 0 });
      const location = response.status() >= 300 && response.status() < 400 ? (response.headers().location ?? "") : null;
      // A redirect elsewhere than sign-in reads "→ <path>" (with C's id put back as :customerC).
      const got = location === null ? String(response.status()) : location.includes("/sign-in") ? "sign-in" : `→ ${location.replace(ids.customerC, ":customerC")}`;
      line.push(`${who}: ${got}`);
      if (got !== p.expect[who]) mismatches.push(`GET ${p.path} as ${who}: expected ${p.expect[who]}, got ${got}`);
    }
    matrix.push(line);
  }
  for (const r of routes) {
    const line = [r.path];
    for (const who of WHO) {
      const response = await contexts[who].get(`${base}${r.path}`, { maxRedirects: 0 });
      const got = String(response.status());
      line.push(`${who}: ${got}`);
      if (got !== r.expect[who]) mismatches.push(`GET ${r.path} as ${who}: expected ${r.expect[who]}, got ${got}`);
      if (got !== "200" && (await response.text()).includes("actor_email")) mismatches.push(`GET ${r.path} as ${who}: refused but sent the log`);
    }
    matrix.push(line);
  }
  for (const row of rows.filter((r) => r.name === "deleteAccountAction")) await runRow(row);

  const width = Math.max(...matrix.map((l) => l[0]?.length ?? 0));
  console.log(["Authorization matrix (order: anonymous, B, billing, admin, A):", ...matrix.map((l) => `${(l[0] ?? "").padEnd(width)}  ${l.slice(1).join(" | ")}`)].join("\n"));
  expect(mismatches).toEqual([]);
});
