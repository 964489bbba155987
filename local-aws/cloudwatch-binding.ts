/** Binds the CloudWatch emulator (local-aws/cloudwatch/) to this server: the data plane's metric sink and the HTTP handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCloudWatchHttp } from './cloudwatch/http';
import { handleCloudWatchQuery } from './cloudwatch/query-protocol';
import { CloudWatchService } from './cloudwatch/service';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricSink {
  putMetric(namespace: string, metricName: string, dimensions: Dimension[], value: number, unit: string, timestampMs?: number): void;
}

export interface CloudWatchBinding {
  sink: MetricSink;
  /** Local AWS only: history in PutMetricData's shape (any namespace, old timestamps); throws CloudWatchError. */
  backfill: (input: unknown) => { recorded: number };
  handleHttp: (req: IncomingMessage, res: ServerResponse, rawBody: Buffer) => Promise<void>;
  /** A query-protocol (form-encoded, XML) call whose parameters were already read. */
  handleQuery: (res: ServerResponse, params: Map<string, string>) => void;
  snapshot: () => unknown;
}

/**
 * `saved` is a previous `snapshot()` (from cloudwatch.json), or undefined for a fresh service. `minuteRetentionS`:
 * how long 1-minute data is kept before it is rolled up into hourly points.
 */
export function createCloudWatch(now: () => number, saved: unknown, minuteRetentionS?: number): CloudWatchBinding {
  const opts = { now, minuteRetentionS };
  const service = saved === undefined ? new CloudWatchService(opts) : CloudWatchService.restore(saved, opts);
  return {
    sink: service,
    backfill: (input) => service.backfill(input),
    handleHttp: (req, res, rawBody) => handleCloudWatchHttp(service, req, res, rawBody),
    handleQuery: (res, params) => handleCloudWatchQuery(service, res, params),
    snapshot: () => service.snapshot(),
  };
}
