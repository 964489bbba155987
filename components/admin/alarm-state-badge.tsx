import { BellRing, CircleCheck, CircleHelp } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { ALARM_STATE_LABEL, type AlarmStateName } from "@/lib/alarms/format";

const tone = { ALARM: "danger", OK: "success", INSUFFICIENT_DATA: "neutral" } as const;
const icon = { ALARM: BellRing, OK: CircleCheck, INSUFFICIENT_DATA: CircleHelp } as const;

/** A CloudWatch alarm state as a badge: words and an icon, never colour alone. */
export function AlarmStateBadge({ state }: { state: AlarmStateName }) {
  const Icon = icon[state];
  return (
    <Badge variant={tone[state]} data-state={state}>
      <Icon aria-hidden="true" />
      {ALARM_STATE_LABEL[state]}
    </Badge>
  );
}
