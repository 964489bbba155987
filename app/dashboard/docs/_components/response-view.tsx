import { StatusBadge } from "@/components/docs/status-badge";
import { WrappedCode } from "@/components/docs/wrapped-code";
import { Alert } from "@/components/ui/alert";
import type { TryResult } from "@/lib/docs/try-result";

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One line for the live region: status, its meaning and timing, plus what a refusal or failure means. */
export function ResponseSummary({ result }: { result: TryResult }) {
  return (
    <div className="space-y-2" data-testid="try-response-summary">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-medium text-foreground">Response</span>
        <span data-testid="try-status">
          <StatusBadge status={result.status} />
        </span>
        <span className="text-foreground">{result.statusText}</span>
        <span className="text-muted-foreground">in {result.durationMs} ms</span>
      </p>
      {result.notice ? <Alert tone={result.status >= 500 ? "error" : "warning"}>{result.notice}</Alert> : null}
    </div>
  );
}

/** The gateway's answer in detail: headers and the (pretty-printed) body. */
export function ResponseView({ result }: { result: TryResult }) {
  const body = prettyBody(result.body);
  return (
    <section aria-label="Response" className="space-y-3 rounded-md border border-border bg-muted/60 p-3" data-testid="try-response">
      <details>
        <summary className="cursor-pointer text-sm text-primary hover:underline">Response headers ({result.headers.length})</summary>
        <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 font-mono text-xs sm:grid-cols-[max-content_minmax(0,1fr)]">
          {result.headers.map((h) => (
            <div key={h.name} className="contents">
              <dt className="font-semibold text-muted-foreground">{h.name}</dt>
              <dd className="mb-1 break-all text-muted-foreground sm:mb-0">{h.value}</dd>
            </div>
          ))}
        </dl>
      </details>

      {result.binary ? (
        <p className="text-sm text-muted-foreground">The body is binary content and is not shown here.</p>
      ) : body === "" ? (
        <p className="text-sm text-muted-foreground">The response has no body.</p>
      ) : (
        <WrappedCode code={body} label="Response body" copyLabel="Copy response body" maxHeight testId="try-response-body" />
      )}
      {result.truncated ? <p className="text-xs text-muted-foreground">Only the first 100 kB of the body are shown.</p> : null}
    </section>
  );
}
