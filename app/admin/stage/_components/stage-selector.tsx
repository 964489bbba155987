"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Loader2 } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";

/**
 * Which API and stage the page shows, carried in the URL (?api=&stage=). A plain GET form (works without
 * JavaScript); choosing another API shows its first stage.
 */
export function StageSelector({ apis, stages, api, stage }: { apis: { id: string; name: string }[]; stages: string[]; api: string; stage: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (query: Record<string, string>) => startTransition(() => router.push(`/admin/stage?${new URLSearchParams(query)}`));

  return (
    <form action="/admin/stage" className="flex w-full flex-wrap items-end gap-2 sm:w-auto" aria-label="Choose the API and stage">
      <div className="min-w-0 flex-1 space-y-1 sm:w-56 sm:flex-none">
        <label htmlFor="stage-api" className="block text-xs font-medium text-muted-foreground">
          API
        </label>
        <NativeSelect id="stage-api" name="api" defaultValue={api} onChange={(e) => go({ api: e.target.value })}>
          {apis.map((a) => (
            <option key={a.id} value={a.id}>
              {/* The id only where two APIs share a name. */}
              {apis.filter((b) => b.name === a.name).length > 1 ? `${a.name} (${a.id})` : a.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="min-w-0 flex-1 space-y-1 sm:w-36 sm:flex-none">
        <label htmlFor="stage-stage" className="block text-xs font-medium text-muted-foreground">
          Stage
        </label>
        <NativeSelect id="stage-stage" name="stage" defaultValue={stage} onChange={(e) => go({ api, stage: e.target.value })}>
          {stages.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </div>
      <noscript>
        <button type="submit" className={buttonClass("outline", "h-9")}>
          Show
        </button>
      </noscript>
      {pending ? <Loader2 className="mb-2 size-4 animate-spin text-muted-foreground" aria-label="Loading" /> : null}
    </form>
  );
}
