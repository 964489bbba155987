import "server-only";
import { setTimeout as wait } from "node:timers/promises";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import type { MailMessage } from "@/lib/mail/transport";
import { quotaAlertMail } from "@/lib/quota-alerts/alert-mail";
import { crossedThresholds, isAlertThreshold } from "@/lib/quota-alerts/thresholds";
import { pooledQuotas } from "@/lib/quota/pooled-usage";
import { errorFields, logger } from "@/lib/observability/log";

/**
 * How long a process's claim on an alert's e-mail holds. A process that dies after claiming leaves the claim behind;
 * the next evaluation after this long takes it over and sends.
 */
export const EMAIL_CLAIM_MS = 10 * 60_000;

const INSERT_BATCH = 2000;

export interface QuotaAlertEvaluation {
  /** Customers whose pooled quota was read. */
  customers: number;
  /** Alert rows this evaluation inserted (a row another process inserted first is not counted). */
  recorded: number;
  /** Alerts whose e-mail this evaluation sent to every recipient. */
  emailed: number;
  /** Alerts whose e-mail failed this time; they are retried by the next evaluation. */
  failed: number;
}

export interface EvaluateOptions {
  /** At most this many alerts are e-mailed per evaluation; the rest wait for the next one. */
  maxMails?: number;
  /** Pace of the sending (messages per second), so a burst of crossings does not flood the mail server. */
  mailsPerSecond?: number;
  /** The delivery (lib/mail/send-mail.ts by default). */
  send?: (message: MailMessage) => Promise<void>;
}

/**
 * Records the quota thresholds (80%, 100%) the given customers (or every customer) have reached in their current
 * quota period, by the one pooled-quota rule (lib/quota/pooled-usage.ts), and e-mails each new crossing to the
 * customer's people. Cheap enough to run every minute for every customer: one pooledQuotas call, one query for the
 * period's existing alerts, one insert of the new ones, and one query for the alerts still to e-mail.
 *
 * Exactly once, across any number of processes evaluating at the same time:
 * - recording: rows are unique per (customer, threshold, period start) and inserted with ON CONFLICT DO NOTHING;
 * - e-mailing: a process first claims the row (a conditional UPDATE only one process can win), then sends, then
 *   marks it e-mailed. A marked row is never sent again. A failed send releases the claim and records the error,
 *   so the next evaluation retries it. If the process dies between sending and marking, the claim expires after
 *   EMAIL_CLAIM_MS and the next evaluation sends again: that crash is the one case where a customer can receive an
 *   alert twice (at-least-once delivery; marking before sending would instead risk never sending it).
 * Alerts of a period that has ended are no longer e-mailed (the quota has reset; the news is stale).
 */
export async function evaluateQuotaAlerts(
  customerIds: readonly string[] | "all",
  now: Date = new Date(),
  { maxMails = 500, mailsPerSecond = 10, send = sendMail }: EvaluateOptions = {},
): Promise<QuotaAlertEvaluation> {
  const summary: QuotaAlertEvaluation = { customers: 0, recorded: 0, emailed: 0, failed: 0 };
  if (customerIds !== "all" && customerIds.length === 0) return summary;
  const scope = customerIds === "all" ? {} : { customerId: { in: [...customerIds] } };

  const pooled = await pooledQuotas(customerIds, now);
  summary.customers = pooled.size;
  const crossings = [];
  for (const p of pooled.values()) {
    if (!p.window || p.quota === null) continue;
    for (const threshold of crossedThresholds(p.used, p.quota)) {
      crossings.push({
        customerId: p.customerId,
        tierId: p.tierId,
        threshold,
        period: p.window.period,
        periodStart: p.window.start,
        periodEnd: p.window.end,
        quota: p.quota,
        used: p.used,
      });
    }
  }

  if (crossings.length > 0) {
    // Only the crossings not recorded yet are written: a customer stays over 80% for the rest of its period, and the
    // insert would otherwise be attempted every minute.
    const existing = await db.quotaAlert.findMany({
      where: { ...scope, periodEnd: { gt: now } },
      select: { customerId: true, threshold: true, periodStart: true },
    });
    const known = new Set(existing.map((a) => `${a.customerId} ${a.threshold} ${a.periodStart.getTime()}`));
    const fresh = crossings.filter((c) => !known.has(`${c.customerId} ${c.threshold} ${c.periodStart.getTime()}`));
    if (fresh.length > 0) {
      const crossedAt = new Date();
      // In batches: one statement takes at most 65,535 parameters (10 a row).
      for (let i = 0; i < fresh.length; i += INSERT_BATCH) {
        const batch = fresh.slice(i, i + INSERT_BATCH).map((c) => ({ ...c, crossedAt }));
        summary.recorded += (await db.quotaAlert.createMany({ data: batch, skipDuplicates: true })).count;
      }
    }
  }

  await deliverPending(scope, now, { maxMails, mailsPerSecond, send }, summary);
  return summary;
}

async function deliverPending(
  scope: { customerId?: { in: string[] } },
  now: Date,
  { maxMails, mailsPerSecond, send }: Required<EvaluateOptions>,
  summary: QuotaAlertEvaluation,
) {
  const claimExpired = new Date(Date.now() - EMAIL_CLAIM_MS);
  const claimable = { emailedAt: null, OR: [{ emailClaimedAt: null }, { emailClaimedAt: { lt: claimExpired } }] };
  const pending = await db.quotaAlert.findMany({
    where: { ...scope, periodEnd: { gt: now }, ...claimable },
    orderBy: [{ crossedAt: "asc" }, { id: "asc" }],
    take: maxMails,
    select: { id: true, customerId: true, threshold: true, period: true, periodEnd: true, quota: true, used: true },
  });
  if (pending.length === 0) return;
  const users = await db.user.findMany({
    where: { customerId: { in: [...new Set(pending.map((a) => a.customerId))] }, role: "CUSTOMER" },
    select: { customerId: true, email: true },
    orderBy: { createdAt: "asc" },
  });
  const recipientsOf = new Map<string, string[]>();
  for (const u of users) if (u.customerId) recipientsOf.set(u.customerId, [...(recipientsOf.get(u.customerId) ?? []), u.email]);

  const gapMs = mailsPerSecond > 0 ? 1000 / mailsPerSecond : 0;
  for (const alert of pending) {
    if (!isAlertThreshold(alert.threshold)) continue;
    const claimedAt = new Date();
    const claim = await db.quotaAlert.updateMany({
      where: { id: alert.id, ...claimable },
      data: { emailClaimedAt: claimedAt, emailAttempts: { increment: 1 } },
    });
    if (claim.count === 0) continue; // another process claimed (or already sent) it
    const recipients = recipientsOf.get(alert.customerId) ?? [];
    const held = { id: alert.id, emailClaimedAt: claimedAt };
    try {
      for (const to of recipients) {
        const started = Date.now();
        await send(quotaAlertMail(to, { threshold: alert.threshold, period: alert.period, quota: alert.quota, used: alert.used, resetsAt: alert.periodEnd }));
        const rest = started + gapMs - Date.now();
        if (rest > 0) await wait(rest);
      }
      // A customer without any person to tell is marked too (recipients 0): there is nobody to retry for.
      await db.quotaAlert.updateMany({ where: held, data: { emailedAt: new Date(), recipients: recipients.length, emailError: null } });
      summary.emailed += 1;
    } catch (error) {
      // Released for the next evaluation. With several recipients, those reached before the failure get it again
      // on the retry: the row is only marked once everyone has it.
      const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
      logger("quota-alerts").error({ alertId: alert.id, ...errorFields(error) }, "quota alert e-mail failed");
      await db.quotaAlert.updateMany({ where: held, data: { emailClaimedAt: null, emailError: reason } });
      summary.failed += 1;
    }
  }
}
