// The seed article's monitoring (shared/seed: "CloudWatch Integration"): three alarms on an API stage's metrics and a
// dashboard of its requests and latency. Pure: what to create, and whether what exists already covers it.

export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";
/** The seed's alarms: 2 evaluation periods of 300 s each. */
export const RECOMMENDED_PERIOD_SECONDS = 300;
export const RECOMMENDED_EVALUATION_PERIODS = 2;

export type AlarmStatistic = "Sum" | "Average";
export type AlarmComparison = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

export interface Dimension {
  name: string;
  value: string;
}

/** One alarm to create with PutMetricAlarm. */
export interface AlarmSpec {
  /** Stable key, for the UI and tests. */
  key: "4xx" | "5xx" | "latency";
  name: string;
  description: string;
  namespace: string;
  metricName: string;
  statistic: AlarmStatistic;
  threshold: number;
  comparison: AlarmComparison;
  period: number;
  evaluationPeriods: number;
  dimensions: Dimension[];
}

/** An alarm as it exists in CloudWatch (the fields that decide whether it is "the same alarm"). */
export interface ExistingAlarm {
  name: string;
  namespace: string | null;
  metricName: string | null;
  statistic: string | null;
  threshold: number | null;
  comparison: string | null;
  period: number | null;
  evaluationPeriods: number | null;
  datapointsToAlarm: number | null;
  dimensions: Dimension[];
}

/** The API's and stage's dimensions, in the order the seed writes them. */
export function stageDimensions(apiName: string, stage: string): Dimension[] {
  return [
    { name: "ApiName", value: apiName },
    { name: "Stage", value: stage },
  ];
}

/**
 * The seed's three alarms for one API stage. The seed names them `<api>-high-4xx-errors` and so on; the stage is part
 * of our names so that the alarms of two stages of one API do not overwrite each other (PutMetricAlarm replaces an
 * alarm of the same name).
 */
export function recommendedAlarms(apiName: string, stage: string): AlarmSpec[] {
  const base = {
    namespace: API_GATEWAY_NAMESPACE,
    comparison: "GreaterThanThreshold" as const,
    period: RECOMMENDED_PERIOD_SECONDS,
    evaluationPeriods: RECOMMENDED_EVALUATION_PERIODS,
    dimensions: stageDimensions(apiName, stage),
  };
  const where = `${apiName} (${stage})`;
  return [
    {
      ...base,
      key: "4xx",
      name: `${apiName}-${stage}-high-4xx-errors`,
      description: `More than 100 client errors (4XX) in each of 2 consecutive 5-minute periods on ${where}. Created by Gatehouse.`,
      metricName: "4XXError",
      statistic: "Sum",
      threshold: 100,
    },
    {
      ...base,
      key: "5xx",
      name: `${apiName}-${stage}-high-5xx-errors`,
      description: `More than 10 server errors (5XX) in each of 2 consecutive 5-minute periods on ${where}. Created by Gatehouse.`,
      metricName: "5XXError",
      statistic: "Sum",
      threshold: 10,
    },
    {
      ...base,
      key: "latency",
      name: `${apiName}-${stage}-high-latency`,
      description: `Average latency above 1000 ms in each of 2 consecutive 5-minute periods on ${where}. Created by Gatehouse.`,
      metricName: "Latency",
      statistic: "Average",
      threshold: 1000,
    },
  ];
}

const sameDimensions = (a: Dimension[], b: Dimension[]) => {
  const key = (d: Dimension[]) =>
    JSON.stringify(
      [...d].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)).map((x) => [x.name, x.value]),
    );
  return key(a) === key(b);
};

/** True when `alarm` watches the same metric of the same API stage with the same rule as `spec`. */
export function coversSpec(alarm: ExistingAlarm, spec: AlarmSpec): boolean {
  return (
    alarm.namespace === spec.namespace &&
    alarm.metricName === spec.metricName &&
    sameDimensions(alarm.dimensions, spec.dimensions) &&
    alarm.statistic === spec.statistic &&
    alarm.threshold === spec.threshold &&
    alarm.comparison === spec.comparison &&
    alarm.period === spec.period &&
    alarm.evaluationPeriods === spec.evaluationPeriods &&
    (alarm.datapointsToAlarm === null || alarm.datapointsToAlarm === spec.evaluationPeriods)
  );
}

export type SpecStatus =
  /** An alarm with this rule exists (under our name or another, e.g. created by the seed's script). */
  | { state: "present"; alarmName: string }
  /** An alarm with our name exists but with another rule: an admin changed it; we leave it alone. */
  | { state: "different"; alarmName: string }
  | { state: "missing" };

/** For each recommended alarm: does CloudWatch already have it? */
export function recommendedStatus(specs: AlarmSpec[], existing: ExistingAlarm[]): { spec: AlarmSpec; status: SpecStatus }[] {
  return specs.map((spec) => {
    const same = existing.find((a) => a.name === spec.name && coversSpec(a, spec)) ?? existing.find((a) => coversSpec(a, spec));
    if (same) return { spec, status: { state: "present", alarmName: same.name } };
    if (existing.some((a) => a.name === spec.name)) return { spec, status: { state: "different", alarmName: spec.name } };
    return { spec, status: { state: "missing" } };
  });
}

/** "Sum of 4XXError > 100 for 2 periods of 5 minutes". */
export function describeRule(rule: {
  statistic: string | null;
  metricName: string | null;
  comparison: string | null;
  threshold: number | null;
  period: number | null;
  evaluationPeriods: number | null;
  datapointsToAlarm?: number | null;
}): string {
  const ops: Record<string, string> = {
    GreaterThanThreshold: ">",
    GreaterThanOrEqualToThreshold: "≥",
    LessThanThreshold: "<",
    LessThanOrEqualToThreshold: "≤",
  };
  const op = rule.comparison ? (ops[rule.comparison] ?? rule.comparison) : "?";
  const unit = rule.metricName === "Latency" || rule.metricName === "IntegrationLatency" ? " ms" : "";
  const minutes = rule.period ? rule.period / 60 : null;
  const periodText = minutes === null ? "" : Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? "" : "s"}` : `${rule.period} seconds`;
  const n = rule.evaluationPeriods ?? 1;
  const m = rule.datapointsToAlarm ?? n;
  const count = m === n ? `${n} period${n === 1 ? "" : "s"}` : `${m} of ${n} periods`;
  return `${rule.statistic ?? "?"} of ${rule.metricName ?? "a metric"} ${op} ${rule.threshold ?? "?"}${unit} for ${count}${periodText ? ` of ${periodText}` : ""}`;
}

/** Dashboard names allow letters, digits, "-" and "_" only (at most 255). */
export function dashboardName(apiName: string, stage: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "api";
  return `${clean(apiName)}-${clean(stage)}-dashboard`.slice(0, 255);
}

/**
 * The seed's dashboard (two graphs: requests with 4XX and 5XX errors, latency average and p99), for one API stage.
 * Unlike the seed's body, each metric names the ApiName and Stage dimensions (API Gateway publishes nothing without
 * them, so the seed's graphs stay empty), the region is the portal's, and each graph has a place on the grid.
 */
export function dashboardBody(apiName: string, stage: string, region: string): string {
  const dims = ["ApiName", apiName, "Stage", stage];
  const same = [".", ".", ".", "."];
  return JSON.stringify({
    widgets: [
      {
        type: "metric",
        x: 0,
        y: 0,
        width: 12,
        height: 6,
        properties: {
          metrics: [
            [API_GATEWAY_NAMESPACE, "Count", ...dims, { stat: "Sum", label: "Total Requests" }],
            [".", "4XXError", ...same, { stat: "Sum", label: "4XX Errors" }],
            [".", "5XXError", ...same, { stat: "Sum", label: "5XX Errors" }],
          ],
          period: RECOMMENDED_PERIOD_SECONDS,
          stat: "Average",
          region,
          title: "API Requests",
        },
      },
      {
        type: "metric",
        x: 12,
        y: 0,
        width: 12,
        height: 6,
        properties: {
          metrics: [
            [API_GATEWAY_NAMESPACE, "Latency", ...dims, { stat: "Average" }],
            [".", ".", ...same, { stat: "p99" }],
          ],
          period: RECOMMENDED_PERIOD_SECONDS,
          stat: "Average",
          region,
          title: "API Latency",
        },
      },
    ],
  });
}

/** True when an alarm watches this API (its ApiName dimension) on this stage, or on the whole API (no Stage). */
export function watchesApiStage(dimensions: Dimension[], apiName: string, stage: string): boolean {
  const api = dimensions.find((d) => d.name === "ApiName");
  const st = dimensions.find((d) => d.name === "Stage");
  return api?.value === apiName && (st === undefined || st.value === stage);
}
