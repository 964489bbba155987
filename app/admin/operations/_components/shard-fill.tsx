import { Card } from "@/components/ui/card";
import type { ShardFillRow } from "@/lib/shards/queries";

const count = (n: number) => n.toLocaleString("en-US");

/** Each shard's keys used of its AWS account's key limit, as a bar (amber from 80%, red at 100%). */
export function ShardFill({ shards }: { shards: ShardFillRow[] }) {
  return (
    <Card title="Shards" className="mb-6" aria-label="Shards">
      <p className="mb-3 text-sm text-muted-foreground">
        API keys per AWS account (GATEHOUSE_SHARDS). New customers go to the shard with the most room; a shard without room for a tier&apos;s keys takes no new customers.
      </p>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {shards.map((s) => {
          const now = Math.min(100, Math.max(0, Math.floor(s.percent)));
          const color = s.percent >= 100 ? "bg-destructive" : s.percent >= 80 ? "bg-warning" : "bg-primary";
          return (
            <li key={s.id} data-testid={`shard-${s.id}`} className="rounded-md border p-3">
              <div className="mb-2 flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">
                  {s.id}
                  {s.region ? <span className="text-muted-foreground"> · {s.region}</span> : null}
                </span>
                <span className="tabular-nums">
                  {count(s.liveKeys)} / {count(s.keyLimit)} keys
                </span>
              </div>
              <div
                role="progressbar"
                aria-label={`Shard ${s.id} keys used`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={now}
                aria-valuetext={`${count(s.liveKeys)} of ${count(s.keyLimit)} keys`}
                className="h-2 w-full overflow-hidden rounded-full bg-muted"
              >
                <div className={`h-full rounded-full ${color}`} style={{ width: `${now}%` }} />
              </div>
              <p className="mt-2 text-xs text-muted-foreground tabular-nums">{count(s.customers)} customers</p>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
