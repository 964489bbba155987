import { MethodBadge } from "@/components/docs/method-badge";
import type { ApiOperation, ApiTag } from "@/lib/docs/openapi";

export function tagSectionId(tag: string): string {
  return `tag-${tag.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

function OperationLinks({ tags, operations }: { tags: ApiTag[]; operations: ApiOperation[] }) {
  return (
    <ul className="space-y-4">
      {tags.map((tag) => (
        <li key={tag.name}>
          <a href={`#${tagSectionId(tag.name)}`} className="text-xs font-semibold uppercase tracking-wide text-muted-foreground hover:text-foreground">
            {tag.name}
          </a>
          <ul className="mt-1 space-y-0.5">
            {operations
              .filter((o) => o.tag === tag.name)
              .map((o) => (
                <li key={o.id}>
                  <a href={`#${o.id}`} className="flex items-center gap-2 rounded px-1 py-1 text-sm text-muted-foreground hover:bg-accent hover:text-foreground">
                    <MethodBadge method={o.method} className="min-w-[3.75rem] text-[0.65rem]" />
                    <span className="min-w-0 break-all font-mono text-xs">{o.path}</span>
                  </a>
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Links to every operation by tag: a collapsible list on small screens, a sticky sidebar on wide ones. */
export function OperationsNav({ tags, operations }: { tags: ApiTag[]; operations: ApiOperation[] }) {
  return (
    <nav aria-label="Operations" className="lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:self-start lg:overflow-y-auto">
      <details className="rounded-lg border border-border bg-card p-3 lg:hidden">
        <summary className="cursor-pointer text-sm font-medium text-foreground">Jump to an operation ({operations.length})</summary>
        <div className="mt-3">
          <OperationLinks tags={tags} operations={operations} />
        </div>
      </details>
      <div className="hidden lg:block">
        <p className="mb-3 text-sm font-semibold text-foreground">Operations</p>
        <OperationLinks tags={tags} operations={operations} />
      </div>
    </nav>
  );
}
