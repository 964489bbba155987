/** Binds the CloudWatch emulator (local-aws/cloudwatch/) to this server: the data plane's metric sink and the HTTP handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCloudWatchHttp } from './cloudwatch/http';
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
  handleHttp: (req: IncomingMessage, res: ServerResponse, rawBody: Buffer) => Promise<void>;
  snapshot: () => unknown;
}

/** `saved` is a previous `snapshot()` (from cloudwatch.json), or undefined for a fresh service. */
export function createCloudWatch(now: () => number, saved: unknown): CloudWatchBinding {
  const service = saved === undefined ? new CloudWatchService({ now }) : CloudWatchService.restore(saved, { now });
  return {
    sink: service,
    handleHttp: (req, res, rawBody) => handleCloudWatchHttp(service, req, res, rawBody),
    snapshot: () => service.snapshot(),
  };
}
