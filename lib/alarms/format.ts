// Display helpers for alarms (plain functions, usable on the server and in client components).

export type AlarmStateName = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export const ALARM_STATE_LABEL: Record<AlarmStateName, string> = {
  ALARM: "In alarm",
  OK: "OK",
  INSUFFICIENT_DATA: "Insufficient data",
};

/** "2026-12-03 13:45 UTC" from an ISO 8601 time (the admin console shows UTC, as CloudWatch does). */
export function formatUtc(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
