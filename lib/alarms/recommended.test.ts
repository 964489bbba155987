import { describe, expect, it } from "vitest";
import {
  coversSpec,
  dashboardBody,
  dashboardName,
  describeRule,
  recommendedAlarms,
  recommendedStatus,
  watchesApiStage,
  type ExistingAlarm,
} from "@/lib/alarms/recommended";

const asExisting = (spec: ReturnType<typeof recommendedAlarms>[number], changes: Partial<ExistingAlarm> = {}): ExistingAlarm => ({
  name: spec.name,
  namespace: spec.namespace,
  metricName: spec.metricName,
  statistic: spec.statistic,
  threshold: spec.threshold,
  comparison: spec.comparison,
  period: spec.period,
  evaluationPeriods: spec.evaluationPeriods,
  datapointsToAlarm: null,
  dimensions: [...spec.dimensions].reverse(), // order does not matter
  ...changes,
});

describe("recommended alarms", () => {
  it("are the seed's three alarms: 4XXError Sum > 100, 5XXError Sum > 10, Latency Average > 1000, 2 × 300 s, ApiName and Stage", () => {
    const specs = recommendedAlarms("pets", "prod");
    expect(specs.map((s) => [s.name, s.metricName, s.statistic, s.comparison, s.threshold, s.period, s.evaluationPeriods])).toEqual([
      ["pets-prod-high-4xx-errors", "4XXError", "Sum", "GreaterThanThreshold", 100, 300, 2],
      ["pets-prod-high-5xx-errors", "5XXError", "Sum", "GreaterThanThreshold", 10, 300, 2],
      ["pets-prod-high-latency", "Latency", "Average", "GreaterThanThreshold", 1000, 300, 2],
    ]);
    for (const s of specs) {
      expect(s.namespace).toBe("AWS/ApiGateway");
      expect(s.dimensions).toEqual([
        { name: "ApiName", value: "pets" },
        { name: "Stage", value: "prod" },
      ]);
    }
  });

  it("finds what exists: our alarm, the seed script's alarm under its own name, and an alarm an admin edited", () => {
    const [x4, x5, lat] = recommendedAlarms("pets", "prod");
    const status = recommendedStatus(recommendedAlarms("pets", "prod"), [
      asExisting(x4!),
      asExisting(x5!, { name: "pets-high-5xx-errors", datapointsToAlarm: 2 }), // created by the seed's script
      asExisting(lat!, { threshold: 2000 }), // edited in the console
      asExisting(x4!, { name: "other", dimensions: [{ name: "ApiName", value: "pets" }, { name: "Stage", value: "dev" }] }),
    ]);
    expect(status.map((s) => s.status)).toEqual([
      { state: "present", alarmName: "pets-prod-high-4xx-errors" },
      { state: "present", alarmName: "pets-high-5xx-errors" },
      { state: "different", alarmName: "pets-prod-high-latency" },
    ]);
    expect(recommendedStatus(recommendedAlarms("pets", "prod"), []).every((s) => s.status.state === "missing")).toBe(true);
  });

  it("does not count an alarm on another stage, statistic, period or 3-of-5 rule as the recommended one", () => {
    const [x4] = recommendedAlarms("pets", "prod");
    expect(coversSpec(asExisting(x4!), x4!)).toBe(true);
    expect(coversSpec(asExisting(x4!, { dimensions: [{ name: "ApiName", value: "pets" }] }), x4!)).toBe(false);
    expect(coversSpec(asExisting(x4!, { statistic: "Average" }), x4!)).toBe(false);
    expect(coversSpec(asExisting(x4!, { period: 60 }), x4!)).toBe(false);
    expect(coversSpec(asExisting(x4!, { datapointsToAlarm: 1 }), x4!)).toBe(false);
  });

  it("describes a rule in words", () => {
    const [x4, , lat] = recommendedAlarms("pets", "prod");
    expect(describeRule(x4!)).toBe("Sum of 4XXError > 100 for 2 periods of 5 minutes");
    expect(describeRule(lat!)).toBe("Average of Latency > 1000 ms for 2 periods of 5 minutes");
    expect(describeRule({ ...x4!, comparison: "GreaterThanOrEqualToThreshold", period: 90, evaluationPeriods: 5, datapointsToAlarm: 3 })).toBe(
      "Sum of 4XXError ≥ 100 for 3 of 5 periods of 90 seconds",
    );
  });

  it("matches alarms of the API stage or of the whole API", () => {
    expect(watchesApiStage([{ name: "ApiName", value: "pets" }, { name: "Stage", value: "prod" }], "pets", "prod")).toBe(true);
    expect(watchesApiStage([{ name: "ApiName", value: "pets" }], "pets", "prod")).toBe(true);
    expect(watchesApiStage([{ name: "ApiName", value: "pets" }, { name: "Stage", value: "dev" }], "pets", "prod")).toBe(false);
    expect(watchesApiStage([{ name: "ApiName", value: "cats" }], "pets", "prod")).toBe(false);
  });
});

describe("recommended dashboard", () => {
  it("has a name CloudWatch accepts", () => {
    expect(dashboardName("gatehouse-demo-api", "prod")).toBe("gatehouse-demo-api-prod-dashboard");
    expect(dashboardName("Pet Store (v2)", "prod")).toBe("Pet-Store-v2-prod-dashboard");
    expect(dashboardName("x".repeat(300), "prod")).toHaveLength(255);
  });

  it("is the seed's two graphs, on the API stage's dimensions and the portal's region", () => {
    const body = JSON.parse(dashboardBody("pets", "prod", "eu-west-1")) as { widgets: { type: string; properties: Record<string, unknown> }[] };
    expect(body.widgets.map((w) => [w.type, w.properties.title, w.properties.region, w.properties.period])).toEqual([
      ["metric", "API Requests", "eu-west-1", 300],
      ["metric", "API Latency", "eu-west-1", 300],
    ]);
    expect(body.widgets[0]!.properties.metrics).toEqual([
      ["AWS/ApiGateway", "Count", "ApiName", "pets", "Stage", "prod", { stat: "Sum", label: "Total Requests" }],
      [".", "4XXError", ".", ".", ".", ".", { stat: "Sum", label: "4XX Errors" }],
      [".", "5XXError", ".", ".", ".", ".", { stat: "Sum", label: "5XX Errors" }],
    ]);
    expect(body.widgets[1]!.properties.metrics).toEqual([
      ["AWS/ApiGateway", "Latency", "ApiName", "pets", "Stage", "prod", { stat: "Average" }],
      [".", ".", ".", ".", ".", ".", { stat: "p99" }],
    ]);
  });
});
