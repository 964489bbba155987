import "server-only";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "@/lib/aws/clients";
import type { MetricAnswers, SeriesData, StatQuery } from "@/lib/metrics/overview-series";

let calls = 0;

/** GetMetricData calls this process has made (every page counts): the benchmark reports calls per view. */
export function getMetricDataCallCount(): number {
  return calls;
}

/**
 * Runs every query in one GetMetricData request (up to 500 queries). A view's queries are sized to fit one page;
 * should CloudWatch still page the answer, the rest is fetched and merged, and each page counts as a call.
 */
export async function getMetricData(queries: StatQuery[], startSec: number, endSec: number): Promise<MetricAnswers> {
  if (queries.length > 500) throw new Error("GetMetricData takes at most 500 queries per call.");
  const answers = new Map<string, SeriesData>();
  let nextToken: string | undefined;
  do {
    calls++;
    const out = await cloudWatchClient().send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(startSec * 1000),
        EndTime: new Date(endSec * 1000),
        ScanBy: "TimestampAscending",
        NextToken: nextToken,
      }),
    );
    for (const r of out.MetricDataResults ?? []) {
      if (!r.Id) continue;
      const into = answers.get(r.Id) ?? { timestamps: [], values: [] };
      into.timestamps.push(...(r.Timestamps ?? []).map((d) => Math.floor(d.getTime() / 1000)));
      into.values.push(...(r.Values ?? []));
      answers.set(r.Id, into);
    }
    nextToken = out.NextToken;
  } while (nextToken);
  return answers;
}
