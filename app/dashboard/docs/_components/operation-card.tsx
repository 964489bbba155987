import { TryItConsole, type TryKey } from "./try-it-console";
import { MethodBadge } from "@/components/docs/method-badge";
import { StatusBadge } from "@/components/docs/status-badge";
import { WrappedCode } from "@/components/docs/wrapped-code";
import { Badge } from "@/components/ui/badge";
import type { ApiOperation } from "@/lib/docs/openapi";
import type { DocumentedRoute } from "@/lib/docs/try-request.schema";

function Subheading({ children }: { children: React.ReactNode }) {
  return <h4 className="mb-2 mt-5 text-sm font-semibold uppercase tracking-wide text-muted-foreground">{children}</h4>;
}

function Parameters({ operation }: { operation: ApiOperation }) {
  if (operation.parameters.length === 0) return null;
  return (
    <>
      <Subheading>Parameters</Subheading>
      <div className="overflow-x-auto rounded-md border border-border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Parameters of {operation.method} {operation.path}
          </caption>
          <thead className="bg-muted/60 text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Type
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Description
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {operation.parameters.map((p) => (
              <tr key={`${p.in}:${p.name}`} className="align-top">
                <th scope="row" className="px-3 py-2 font-normal">
                  <code className="font-mono font-semibold text-foreground">{p.name}</code>
                  <span className="block text-xs text-muted-foreground">
                    {p.in}
                    {p.required ? <span className="text-destructive"> · required</span> : " · optional"}
                  </span>
                </th>
                <td className="px-3 py-2 font-mono text-xs text-muted-foreground">{p.type ?? "—"}</td>
                <td className="px-3 py-2 text-muted-foreground">
                  {p.description ?? <span className="text-muted-foreground">—</span>}
                  {p.example ? (
                    <span className="block text-xs text-muted-foreground">
                      Example: <code className="font-mono">{p.example}</code>
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function RequestBody({ operation }: { operation: ApiOperation }) {
  const body = operation.requestBody;
  if (!body) return null;
  return (
    <>
      <Subheading>Request body</Subheading>
      <p className="mb-2 text-sm text-muted-foreground">
        <code className="rounded bg-muted px-1 font-mono text-xs">{body.contentType}</code>
        {body.schema ? <> · {body.schema}</> : null}
        {body.required ? <span className="text-destructive"> · required</span> : " · optional"}
      </p>
      {body.description ? <p className="mb-2 text-sm text-muted-foreground">{body.description}</p> : null}
      {body.example ? <WrappedCode code={body.example} label="Example request body" copyLabel="Copy example" /> : null}
    </>
  );
}

function Responses({ operation }: { operation: ApiOperation }) {
  if (operation.responses.length === 0) return null;
  return (
    <>
      <Subheading>Responses</Subheading>
      <ul className="space-y-3">
        {operation.responses.map((r) => (
          <li key={r.status} className="text-sm">
            <div className="flex flex-wrap items-baseline gap-2">
              <StatusBadge status={r.status} />
              <span className="text-foreground">{r.description || "No description"}</span>
              {r.schema ? <span className="text-xs text-muted-foreground">{r.schema}</span> : null}
            </div>
            {r.example ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-primary hover:underline">Example {r.status} response</summary>
                <div className="mt-2">
                  <WrappedCode code={r.example} label={`Example ${r.status} response${r.contentType ? ` (${r.contentType})` : ""}`} copyLabel="Copy example" />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function OperationCard({
  operation,
  routes,
  keys,
  baseUrl,
}: {
  operation: ApiOperation;
  routes: DocumentedRoute[];
  keys: TryKey[];
  baseUrl: string;
}) {
  const titleId = `${operation.id}-title`;
  return (
    <article id={operation.id} aria-labelledby={titleId} className="scroll-mt-4 rounded-lg border border-border bg-card p-4 shadow-sm sm:p-5" data-testid="operation">
      <h3 id={titleId} className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <MethodBadge method={operation.method} />{" "}
        <code className="break-all font-mono text-base font-semibold text-foreground">{operation.path}</code>
        {operation.deprecated ? <Badge tone="amber">Deprecated</Badge> : null}
      </h3>
      {operation.summary ? <p className="mt-2 text-foreground">{operation.summary}</p> : null}
      {operation.description ? <p className="mt-1 whitespace-pre-line text-sm text-muted-foreground">{operation.description}</p> : null}
      <Parameters operation={operation} />
      <RequestBody operation={operation} />
      <Responses operation={operation} />
      <TryItConsole operation={operation} routes={routes} keys={keys} baseUrl={baseUrl} />
    </article>
  );
}
