/**
 * GetMetricStatistics: one metric, either up to 5 Statistics or up to 10 ExtendedStatistics (never both, as AWS),
 * at most 1,440 datapoints.
 */
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './errors';
import {
  asObject, checkPeriod, dimensions, optInteger, optStringList, optUnit, reqString, reqTimestampMs,
} from './input';
import { alignStart, BASIC_STATS } from './metric-query';
import type { MetricStore } from './metric-store';
import { parsePercentile } from './percentiles';

export function getMetricStatistics(store: MetricStore, input: unknown, nowMs: number): unknown {
  const o = asObject(input);
  const namespace = reqString(o, 'Namespace');
  const name = reqString(o, 'MetricName');
  const dims = dimensions(o, 'Dimensions', 'Dimensions');
  const startMs = reqTimestampMs(o, 'StartTime');
  const endMs = reqTimestampMs(o, 'EndTime');
  const period = optInteger(o, 'Period');
  if (period === undefined) throw missingParameter('Period');
  checkPeriod(period, 'Period');
  const stats = optStringList(o, 'Statistics') ?? [];
  const extended = optStringList(o, 'ExtendedStatistics') ?? [];
  const unit = optUnit(o, 'Unit');
  if (stats.length === 0 && extended.length === 0) {
    throw invalidParameterCombination('At least one of the parameters Statistics and ExtendedStatistics must be specified.');
  }
  // AWS: "you must specify either Statistics or ExtendedStatistics, but not both".
  if (stats.length > 0 && extended.length > 0) {
    throw invalidParameterCombination('The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.');
  }
  if (stats.length > 5) {
    throw invalidParameterValue('The collection Statistics must not have a size greater than 5.');
  }
  if (extended.length > 10) {
    throw invalidParameterValue('The collection ExtendedStatistics must not have a size greater than 10.');
  }
  stats.forEach((s, i) => {
    if (!BASIC_STATS.has(s)) {
      throw invalidParameterValue(`The value ${s} for parameter Statistics.member.${i + 1} is not a valid statistic. ` +
        'Valid values are SampleCount, Average, Sum, Minimum and Maximum.');
    }
  });
  extended.forEach((s, i) => {
    if (parsePercentile(s) === undefined) {
      throw invalidParameterValue(`The value ${s} for parameter ExtendedStatistics.member.${i + 1} is not a valid percentile statistic.`);
    }
  });
  if (startMs >= endMs) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  const alignedStart = alignStart(startMs / 1000, nowMs);
  const endSec = endMs / 1000;
  const requested = Math.ceil((endSec - alignedStart) / period);
  if (requested > 1440) {
    throw invalidParameterCombination(`You have requested up to ${requested} datapoints, which exceeds the limit of 1440. ` +
      'You may reduce the datapoints requested by increasing Period, or decreasing the time range.');
  }
  const series = store.get(namespace, name, dims);
  const Datapoints = store.aggregate(series, alignedStart, endSec, period, unit).map(({ t, agg }) => {
    const dp: Record<string, unknown> = { Timestamp: t };
    for (const s of stats) dp[s] = agg.stat(s);
    if (extended.length) {
      const ext: Record<string, number> = {};
      for (const s of extended) {
        const v = agg.stat(s);
        if (v !== undefined) ext[s] = v;
      }
      dp['ExtendedStatistics'] = ext;
    }
    dp['Unit'] = unit ?? agg.unit ?? 'None';
    return dp;
  });
  return { Label: name, Datapoints };
}
