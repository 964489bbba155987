import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/change-password";
import { hashResetToken, resetPassword } from "@/lib/account/password-reset";
import { actorForToken } from "@/lib/auth/session";
import {
  deviceSummary,
  ENDED_SESSION_RETENTION_MS,
  endOtherOwnSessions,
  endSession,
  endUserSessions,
  listOwnSessions,
  sessionLimits,
  startSession,
  TOUCH_INTERVAL_MS,
} from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";
import { newCustomer, newStaff } from "@/test/fixtures";

// Sessions are rows checked on every request (actorForToken is what getActor runs for the request's cookie).
// Times are passed in, so idle and absolute expiry are tested without waiting.

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const MINUTE = 60_000;

async function signedIn(actor: Actor, now = new Date(), userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0") {
  const sid = await startSession(actor.userId, { userAgent, address: "203.0.113.7" }, now);
  const token: JWT = { sub: actor.userId, sid, signedInAt: now.getTime() };
  return { sid, token, actor: { ...actor, sessionId: sid } };
}

const sessionRow = (id: string) => db.session.findUniqueOrThrow({ where: { id } });

describe("server-side sessions", () => {
  it("a session counts until it is signed out; the same cookie then gets nothing", async () => {
    const customer = await newCustomer();
    const { sid, token } = await signedIn(customer);
    expect(await actorForToken(token, undefined)).toMatchObject({ userId: customer.userId, customerId: customer.customerId, sessionId: sid });
    await endSession(sid, "sign_out");
    expect(await actorForToken(token, undefined)).toBeNull();
    expect(await sessionRow(sid)).toMatchObject({ endReason: "sign_out" });
  });

  it("refuses tokens without a session, with an unknown one, or with another user's", async () => {
    const customer = await newCustomer();
    const other = await newCustomer();
    const { sid } = await signedIn(other);
    expect(await actorForToken({ sub: customer.userId, signedInAt: Date.now() }, undefined)).toBeNull(); // a token from before sessions
    expect(await actorForToken({ sub: customer.userId, sid: "nosuchsession" }, undefined)).toBeNull();
    expect(await actorForToken({ sub: customer.userId, sid }, undefined)).toBeNull();
  });

  it("ends after the idle timeout when unused", async () => {
    const customer = await newCustomer();
    const { idleMs } = sessionLimits();
    const start = new Date();
    const { token } = await signedIn(customer, start);
    expect(await actorForToken(token, undefined, at(start, idleMs - MINUTE))).not.toBeNull();
    const { token: unused } = await signedIn(customer, start);
    expect(await actorForToken(unused, undefined, at(start, idleMs + 1))).toBeNull();
  });

  it("slides the idle expiry on use, writing at most once per interval, up to the absolute maximum", async () => {
    const customer = await newCustomer();
    const { idleMs, maxMs } = sessionLimits();
    const start = new Date();
    const { sid, token } = await signedIn(customer, start);

    // A use soon after sign-in writes nothing (throttled).
    await actorForToken(token, undefined, at(start, MINUTE));
    expect((await sessionRow(sid)).lastSeenAt).toEqual(start);

    // Used every half idle period, it outlives the idle timeout…
    let now = start;
    while (now.getTime() + idleMs / 2 < start.getTime() + maxMs) {
      now = at(now, idleMs / 2);
      expect(await actorForToken(token, undefined, now), `still live at +${(now.getTime() - start.getTime()) / 3_600_000} h`).not.toBeNull();
    }
    const row = await sessionRow(sid);
    expect(row.lastSeenAt).toEqual(now);
    expect(row.expiresAt.getTime()).toBe(Math.min(now.getTime() + idleMs, start.getTime() + maxMs));
    expect(now.getTime() - start.getTime()).toBeGreaterThan(idleMs + TOUCH_INTERVAL_MS);

    // …but never the absolute maximum after sign-in.
    expect(await actorForToken(token, undefined, at(start, maxMs + 1))).toBeNull();
  });

  it("a password change ends every other session and keeps the one that made it", async () => {
    const customer = await newCustomer();
    const here = await signedIn(customer);
    const elsewhere = await signedIn(customer);
    const result = await changePassword(here.actor, { currentPassword: "a-long-password", newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" });
    expect(result.ok).toBe(true);
    expect(await actorForToken(here.token, undefined)).not.toBeNull();
    expect(await actorForToken(elsewhere.token, undefined)).toBeNull();
    expect(await sessionRow(elsewhere.sid)).toMatchObject({ endReason: "password_change" });
  });

  it("a password reset ends every session", async () => {
    const customer = await newCustomer();
    const sessions = [await signedIn(customer), await signedIn(customer)];
    const token = randomBytes(32).toString("base64url");
    await db.passwordResetToken.create({ data: { userId: customer.userId, tokenHash: hashResetToken(token), expiresAt: new Date(Date.now() + 3_600_000) } });
    expect((await resetPassword({ token, password: "a-reset-passphrase", confirmPassword: "a-reset-passphrase" })).ok).toBe(true);
    for (const s of sessions) expect(await actorForToken(s.token, undefined)).toBeNull();
  });

  it("sign out everywhere else ends the user's other sessions only, keeps this one, and is audited", async () => {
    const customer = await newCustomer();
    const other = await newCustomer();
    const here = await signedIn(customer);
    const phone = await signedIn(customer, new Date(), "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1");
    const laptop = await signedIn(customer);
    const someoneElse = await signedIn(other);

    const listed = await listOwnSessions(here.actor);
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.data[0]).toMatchObject({ id: here.sid, current: true, device: "Firefox on Linux", address: "203.0.113.7" });
    expect(listed.data.map((s) => s.id).sort()).toEqual([here.sid, phone.sid, laptop.sid].sort());
    expect(listed.data.find((s) => s.id === phone.sid)).toMatchObject({ current: false, device: "Safari on iOS" });

    const result = await endOtherOwnSessions(here.actor);
    expect(result).toMatchObject({ ok: true, data: { ended: 2, message: "Signed out 2 other sessions. This one stays signed in." } });
    expect(await actorForToken(here.token, undefined)).not.toBeNull();
    expect(await actorForToken(phone.token, undefined)).toBeNull();
    expect(await actorForToken(laptop.token, undefined)).toBeNull();
    expect(await actorForToken(someoneElse.token, undefined)).not.toBeNull();
    const audit = await db.auditLog.findMany({ where: { actorId: customer.userId, action: "account.sign_out_everywhere" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.meta).toEqual({ ended: 2 });

    const again = await listOwnSessions(here.actor);
    expect(again.ok && again.data.map((s) => s.id)).toEqual([here.sid]);
    expect(await endOtherOwnSessions(null)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("an admin ends a user's sessions, audited; nobody else may", async () => {
    const customer = await newCustomer();
    const admin = await newStaff("ADMIN");
    const billing = await newStaff("BILLING");
    const sessions = [await signedIn(customer), await signedIn(customer)];

    for (const [actor, code] of [[null, "unauthenticated"], [customer, "forbidden"], [billing, "forbidden"]] as const) {
      expect(await endUserSessions(actor, customer.userId)).toMatchObject({ ok: false, error: { code } });
    }
    for (const s of sessions) expect(await actorForToken(s.token, undefined)).not.toBeNull();
    expect(await endUserSessions(admin, "nosuchuser")).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await endUserSessions(admin, "bad\u0000id")).toMatchObject({ ok: false, error: { code: "not_found" } });

    const result = await endUserSessions(admin, customer.userId);
    expect(result).toMatchObject({ ok: true, data: { ended: 2 } });
    for (const s of sessions) expect(await actorForToken(s.token, undefined)).toBeNull();
    const audit = await db.auditLog.findMany({ where: { action: "user.end_sessions", targetId: customer.userId } });
    expect(audit).toMatchObject([{ actorId: admin.userId, actorRole: "ADMIN", customerId: customer.customerId, meta: { ended: 2 }, outcome: "success" }]);
  });

  it("removes a user's sessions that ended or expired more than the retention ago, at the next sign-in", async () => {
    const customer = await newCustomer();
    const longAgo = new Date(Date.now() - ENDED_SESSION_RETENTION_MS - sessionLimits().maxMs - MINUTE);
    await signedIn(customer, longAgo); // expired long ago
    const ended = await signedIn(customer);
    await endSession(ended.sid, "sign_out", longAgo);
    const recentlyEnded = await signedIn(customer);
    await endSession(recentlyEnded.sid, "sign_out");
    const live = await signedIn(customer);
    const kept = (await db.session.findMany({ where: { userId: customer.userId }, select: { id: true } })).map((s) => s.id).sort();
    expect(kept).toEqual([recentlyEnded.sid, live.sid].sort());
  });

  it("summarises user agents without keeping them", () => {
    expect(deviceSummary("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0")).toBe("Edge on Windows");
    expect(deviceSummary("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/18.0 Safari/605.1.15")).toBe("Safari on macOS");
    expect(deviceSummary("Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36")).toBe("Chrome on Android");
    expect(deviceSummary("curl/8.5.0")).toBe("curl");
    expect(deviceSummary("something")).toBe("Unknown device");
  });
});
