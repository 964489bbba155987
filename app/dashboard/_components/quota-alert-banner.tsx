import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { getActor } from "@/lib/auth/session";
import { formatCount, formatPercent, formatUtcMoment, quotaAdjective } from "@/lib/format/usage";
import { ownQuotaAlert } from "@/lib/quota-alerts/queries";

const linkClass = "font-medium text-primary underline underline-offset-2";

/**
 * On every dashboard page, once the account's pooled usage (all keys together) reaches 80% of its tier's quota: a
 * warning; at 100% an alert that requests are refused until the reset. Reads stored figures only. The level is in
 * the words (title), not only in the colour; 100% is announced at once (role="alert"), 80% politely (role="status").
 */
export async function QuotaAlertBanner() {
  const now = new Date();
  const alert = await ownQuotaAlert(await getActor(), now);
  if (!alert) return null;
  const adjective = quotaAdjective(alert.period);
  const resets = formatUtcMoment(alert.resetsAt, now);
  const figures = `${formatCount(alert.used)} of ${formatCount(alert.quota)} requests`;
  const full = alert.level === 100;
  return (
    <Alert
      tone={full ? "error" : "warning"}
      className="mb-6"
      data-testid="quota-alert-banner"
      data-level={alert.level}
      title={full ? `Your ${adjective} quota is used up: requests are refused until ${resets}` : `You have used ${formatPercent((alert.used * 100) / alert.quota)} of your ${adjective} quota`}
    >
      <p>
        {full
          ? `Your account has made ${figures} this period, across all of its keys. Every call gets HTTP 429 until the quota resets.`
          : `Your account has made ${figures} this period, across all of its keys. When the whole quota is used, calls are refused until it resets at ${resets}.`}
      </p>
      <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        <Link href="/dashboard/usage" className={linkClass}>
          See usage
        </Link>
        <Link href="/dashboard/tier" className={linkClass}>
          {full ? "Move to a tier with a higher quota" : "Change tier"}
        </Link>
      </p>
      {alert.emailedAt ? <p className="mt-1 text-xs text-muted-foreground">We also sent this alert to your account&apos;s e-mail.</p> : null}
    </Alert>
  );
}
