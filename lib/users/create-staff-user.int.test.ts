import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { upsertStaffUser } from "@/lib/users/create-staff-user";

describe("creating a staff user (admin:create, first-admin bootstrap)", () => {
  it.each([
    ["1234567890", /too easy to guess/],
    ["aaaaaaaaaa", /too easy to guess/],
    ["{email}", /e-mail address or name/],
  ])("refuses the password %j and creates nothing", async (password, message) => {
    const email = `ops-${randomUUID()}@example.com`;
    const result = await upsertStaffUser({ email, password: password.replace("{email}", email), name: "Ops Person", role: "ADMIN" });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", message: "The staff user's details are invalid." } });
    expect(result.ok ? "" : result.error.fieldErrors?.password?.join(" ")).toMatch(message);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("accepts a strong one", async () => {
    const result = await upsertStaffUser({ email: `ops-${randomUUID()}@example.com`, password: "correct-horse-battery", name: "Ops Person", role: "BILLING" });
    expect(result).toMatchObject({ ok: true, data: { created: true } });
  });
});
