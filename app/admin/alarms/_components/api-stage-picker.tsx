"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";

/**
 * Which API and stage the page shows, carried in the URL (?api=<id>&stage=<name>). Choosing an API loads its
 * stages; the form also works without JavaScript (the Show button).
 */
export function ApiStagePicker({ apis, stages, apiId, stage }: { apis: { id: string; name: string }[]; stages: string[]; apiId: string; stage: string }) {
  const router = useRouter();
  const go = (params: Record<string, string>) => router.push(`/admin/alarms?${new URLSearchParams(params)}`);
  return (
    <form method="get" action="/admin/alarms" className="mb-6 flex flex-wrap items-end gap-3" aria-label="API and stage">
      <div className="min-w-0 flex-1 basis-48 space-y-1.5 sm:max-w-xs">
        <label htmlFor="alarms-api" className="block text-sm font-medium">
          API
        </label>
        <NativeSelect id="alarms-api" name="api" defaultValue={apiId} onChange={(e) => go({ api: e.target.value })}>
          {apis.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.id})
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="min-w-0 flex-1 basis-32 space-y-1.5 sm:max-w-48">
        <label htmlFor="alarms-stage" className="block text-sm font-medium">
          Stage
        </label>
        <NativeSelect id="alarms-stage" name="stage" defaultValue={stage} onChange={(e) => go({ api: apiId, stage: e.target.value })}>
          {stages.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline">
        Show
      </Button>
    </form>
  );
}
