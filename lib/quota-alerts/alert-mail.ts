import "server-only";
import { portalUrl } from "@/lib/account/reset-mail";
import { formatCount, quotaAdjective } from "@/lib/format/usage";
import type { MailMessage } from "@/lib/mail/transport";
import type { AlertThreshold } from "@/lib/quota-alerts/thresholds";
import type { QuotaPeriod } from "@/lib/usage/quota-period";

export interface AlertMailFacts {
  threshold: AlertThreshold;
  period: QuotaPeriod;
  quota: number;
  /** Pooled requests when the crossing was recorded. */
  used: number;
  /** When the quota resets (the end of the period). */
  resetsAt: Date;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "00:00 UTC on Sat 5 Dec 2026": an absolute moment, since a mail is read later than it is sent. */
export function formatResetMoment(date: Date): string {
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")} UTC`;
  const day = date.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return `${time} on ${day}`;
}

/**
 * The quota alert to one of the customer's people: which threshold, how much of the quota (all keys together), when
 * it resets, where to watch usage and where to move to a bigger tier. Says nothing about keys (no names, no values).
 */
export function quotaAlertMail(to: string, facts: AlertMailFacts): MailMessage {
  const usage = `${portalUrl()}/dashboard/usage`;
  const tier = `${portalUrl()}/dashboard/tier`;
  const adjective = quotaAdjective(facts.period);
  const figures = `${formatCount(facts.used)} of ${formatCount(facts.quota)} requests`;
  const resets = formatResetMoment(facts.resetsAt);
  const full = facts.threshold === 100;
  const subject = full ? `You have used your whole ${adjective} Gatehouse quota` : `You have used ${facts.threshold}% of your ${adjective} Gatehouse quota`;
  const headline = full
    ? `Your account has used its whole ${adjective} quota: ${figures}, counted across all of your API keys.`
    : `Your account has used ${facts.threshold}% of its ${adjective} quota: ${figures}, counted across all of your API keys.`;
  const consequence = full
    ? `Until the quota resets at ${resets}, the API refuses your requests (HTTP 429 "Limit Exceeded").`
    : `When the whole quota is used, the API refuses your requests until the quota resets at ${resets}.`;
  const text = [
    headline,
    "",
    consequence,
    "",
    `See your usage: ${usage}`,
    `Need more? Move to a tier with a higher quota: ${tier}`,
    "",
    "You get this e-mail once per threshold (80% and 100%) in each quota period.",
  ].join("\n");
  const html = `<p>${escapeHtml(headline)}</p>
<p>${escapeHtml(consequence)}</p>
<p><a href="${escapeHtml(usage)}">See your usage</a>. Need more? <a href="${escapeHtml(tier)}">Move to a tier with a higher quota</a>.</p>
<p>You get this e-mail once per threshold (80% and 100%) in each quota period.</p>`;
  return { to, subject, text, html };
}
