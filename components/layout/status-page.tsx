import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** The body of an error page (404, 403, a failed load): an icon, the code, what happened and the way on. */
export function StatusPage({ Icon, code, title, children, actions }: { Icon: LucideIcon; code?: string; title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center py-16 text-center">
      <span className="inline-flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Icon className="size-6" aria-hidden="true" />
      </span>
      {code ? <p className="mt-4 text-sm font-semibold text-muted-foreground">{code}</p> : null}
      <h1 className="mt-1 text-2xl font-bold tracking-tight">{title}</h1>
      {children ? <div className="mt-2 text-muted-foreground">{children}</div> : null}
      {actions ? <div className="mt-6 flex flex-wrap justify-center gap-3">{actions}</div> : null}
    </div>
  );
}
