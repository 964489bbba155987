import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import type { Selection } from "@/lib/metrics/selection";
import { RANGES, RANGE_KEYS, type RangeKey } from "@/lib/metrics/ranges";
import { cn } from "@/lib/ui/cn";

/** The URL of a metrics view for an API, stage and range. */
export function viewHref(path: string, api: string, stage: string, range: RangeKey): string {
  return `${path}?${new URLSearchParams({ api, stage, range })}`;
}

/**
 * Picks the API and stage (a GET form: works without JavaScript, the choice lives in the URL) and the range (links).
 */
export function StagePicker({
  path,
  apis,
  stages,
  api,
  stage,
  range,
}: {
  path: string;
  apis: Selection["apis"];
  stages: string[];
  api: Selection["api"];
  stage: string;
  range: RangeKey;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <form action={path} className="flex flex-wrap items-end gap-2" aria-label="API and stage">
        <input type="hidden" name="range" value={range} />
        <div className="grid gap-1">
          <label htmlFor="metrics-api" className="text-sm font-medium">
            API
          </label>
          <NativeSelect id="metrics-api" name="api" defaultValue={api.id} className="w-52 max-w-full">
            {apis.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <label htmlFor="metrics-stage" className="text-sm font-medium">
            Stage
          </label>
          <NativeSelect id="metrics-stage" name="stage" defaultValue={stage} className="w-36">
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </div>
        <button type="submit" className={buttonClass("outline", "h-9")}>
          Show
        </button>
      </form>
      <nav aria-label="Time range">
        <ul className="flex rounded-md border bg-muted p-0.5 text-sm">
          {RANGE_KEYS.map((key) => (
            <li key={key}>
              <Link
                href={viewHref(path, api.id, stage, key)}
                aria-current={key === range ? "page" : undefined}
                title={RANGES[key].label}
                className={cn(
                  "block rounded px-3 py-1.5 font-medium text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
                  key === range && "bg-card text-foreground shadow-sm",
                )}
              >
                {key}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
