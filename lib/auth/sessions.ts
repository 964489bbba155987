import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

// Server-side sessions. The session cookie (a next-auth JWT) carries the id of a Session row in its `sid` claim; a
// session counts only while that row is live: not ended, and used within the idle timeout, and younger than the
// absolute maximum. Using a session slides its idle expiry forward (one write every few minutes at most).

export type EndReason = "sign_out" | "sign_out_everywhere" | "password_change" | "password_reset" | "admin" | "replaced";

/** Sliding idle timeout and absolute maximum, from GATEHOUSE_SESSION_IDLE_SECONDS and GATEHOUSE_SESSION_MAX_SECONDS. */
export function sessionLimits(): { idleMs: number; maxMs: number } {
  const config = env();
  return { idleMs: config.GATEHOUSE_SESSION_IDLE_SECONDS * 1000, maxMs: config.GATEHOUSE_SESSION_MAX_SECONDS * 1000 };
}

/** How long the browser keeps the session cookie: the absolute maximum (the record decides whether it still counts). */
export const sessionCookieMaxAgeSeconds = () => env().GATEHOUSE_SESSION_MAX_SECONDS;

/** A use writes lastSeenAt at most this often (or a quarter of the idle timeout, if that is shorter). */
export const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

function expiryAfterUse(createdAt: Date, usedAt: Date): Date {
  const { idleMs, maxMs } = sessionLimits();
  return new Date(Math.min(usedAt.getTime() + idleMs, createdAt.getTime() + maxMs));
}

export interface SessionClient {
  /** The request's User-Agent header; only a summary ("Firefox on Linux") is kept. */
  userAgent?: string | null;
  address?: string | null;
}

/** Ended or expired sessions are kept this long (for the audit trail's context), then removed at the next sign-in. */
export const ENDED_SESSION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Records the session of a user who just signed in; its id goes into the session cookie's `sid` claim. The user's
 * sessions that ended or expired long ago are removed at the same time, so the table stays small without a job.
 */
export async function startSession(userId: string, client: SessionClient = {}, now = new Date()): Promise<string> {
  const cutoff = new Date(now.getTime() - ENDED_SESSION_RETENTION_MS);
  await db.session.deleteMany({ where: { userId, OR: [{ endedAt: { lt: cutoff } }, { expiresAt: { lt: cutoff } }] } });
  const session = await db.session.create({
    data: {
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: expiryAfterUse(now, now),
      device: client.userAgent ? deviceSummary(client.userAgent) : null,
      address: client.address?.trim().slice(0, 64) || null,
    },
    select: { id: true },
  });
  return session.id;
}

export interface SessionState {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

/** The select that loads a session's state (readActor loads it together with the user in one query). */
export const sessionStateSelect = { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, endedAt: true } as const;

/** Whether a session still counts: not ended, not idle past its expiry, not older than the absolute maximum. */
export function isLive(session: SessionState, now = new Date()): boolean {
  return !session.endedAt && session.expiresAt > now && session.createdAt.getTime() + sessionLimits().maxMs > now.getTime();
}

/** Slides a live session's idle expiry forward after a use, writing at most once per touch interval. */
export async function touchSession(session: SessionState, now = new Date()): Promise<void> {
  const interval = Math.min(TOUCH_INTERVAL_MS, sessionLimits().idleMs / 4);
  if (now.getTime() - session.lastSeenAt.getTime() < interval) return;
  await db.session.updateMany({
    where: { id: session.id, endedAt: null, expiresAt: { gt: now } },
    data: { lastSeenAt: now, expiresAt: expiryAfterUse(session.createdAt, now) },
  });
}

/** Ends one session (signing out). Ending an ended or unknown session changes nothing. */
export async function endSession(sessionId: string, reason: EndReason, now = new Date()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/** Ends every live session of a user, except `except` (the session that asked), inside the caller's transaction. */
export async function endSessionsIn(
  tx: Prisma.TransactionClient,
  userId: string,
  { except, reason, now = new Date() }: { except?: string | null; reason: EndReason; now?: Date },
): Promise<number> {
  const ended = await tx.session.updateMany({
    where: { userId, endedAt: null, expiresAt: { gt: now }, ...(except ? { id: { not: except } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return ended.count;
}

/** "Sign out everywhere else": ends the signed-in user's other sessions; the one making the request stays. */
export async function endOtherOwnSessions(actor: Actor | null): Promise<Result<{ ended: number; message: string }>> {
  const allowed = authorize(actor, "account.sign_out_everywhere");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const ended = await db.$transaction(async (tx) => {
    const count = await endSessionsIn(tx, actor.userId, { except: actor.sessionId, reason: "sign_out_everywhere" });
    await recordAudit(tx, {
      actor,
      action: "account.sign_out_everywhere",
      target: { type: "user", id: actor.userId },
      customerId: actor.customerId,
      meta: { ended: count },
    });
    return count;
  });
  const message =
    ended === 0
      ? "There were no other sessions to sign out. This one stays signed in."
      : `Signed out ${ended} other session${ended === 1 ? "" : "s"}. This one stays signed in.`;
  return ok({ ended, message });
}

/** An admin ends every session of a user (a customer or staff), audited with the change. */
export async function endUserSessions(actor: Actor | null, userId: unknown): Promise<Result<{ ended: number; message: string }>> {
  const allowed = authorize(actor, "user.end_sessions");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  if (typeof userId !== "string" || !/^[a-z0-9]{1,40}$/.test(userId)) return fail("not_found", "That user does not exist.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, customerId: true } });
    if (!user) return fail("not_found", "That user does not exist.");
    const ended = await endSessionsIn(tx, user.id, { reason: "admin" });
    await recordAudit(tx, { actor, action: "user.end_sessions", target: { type: "user", id: user.id }, customerId: user.customerId, meta: { ended } });
    return ok({
      ended,
      message: ended === 0 ? `${user.email} had no active sessions.` : `Ended ${ended} session${ended === 1 ? "" : "s"} of ${user.email}.`,
    });
  });
}

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  device: string;
  address: string | null;
  current: boolean;
}

/** The signed-in user's live sessions, the current one first, then the most recently used. */
export async function listOwnSessions(actor: Actor | null, now = new Date()): Promise<Result<SessionView[]>> {
  const allowed = authorize(actor, "account.read");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const rows = await db.session.findMany({
    where: { userId: actor.userId, endedAt: null, expiresAt: { gt: now }, createdAt: { gt: new Date(now.getTime() - sessionLimits().maxMs) } },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, lastSeenAt: true, device: true, address: true },
  });
  const views = rows.map((r) => ({ ...r, device: r.device ?? "Unknown device", current: r.id === actor.sessionId }));
  return ok([...views.filter((v) => v.current), ...views.filter((v) => !v.current)]);
}

/** "Firefox on Linux" from a User-Agent header: enough to recognise a device, without keeping the whole header. */
export function deviceSummary(userAgent: string): string {
  const ua = userAgent.slice(0, 512);
  const browser = (
    [
      [/Edg(e|A|iOS)?\//, "Edge"],
      [/OPR\/|Opera/, "Opera"],
      [/Firefox\/|FxiOS\//, "Firefox"],
      [/Chrome\/|Chromium\/|CriOS\//, "Chrome"],
      [/Safari\//, "Safari"],
      [/^curl\//, "curl"],
    ] as const
  ).find(([pattern]) => pattern.test(ua))?.[1];
  const system = (
    [
      [/iPhone|iPad|iPod/, "iOS"],
      [/Android/, "Android"],
      [/Windows/, "Windows"],
      [/Mac OS X|Macintosh/, "macOS"],
      [/CrOS/, "ChromeOS"],
      [/Linux/, "Linux"],
    ] as const
  ).find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : "Unknown device");
}
