import { Badge } from "@/components/ui/badge";
import { stateLabels, type OperationState } from "@/lib/operations/admin-filter-schema";

const tones = { queued: "neutral", running: "info", retrying: "warning", failed: "danger", compensated: "warning", succeeded: "success" } as const;

export function StateBadge({ state, compensating = false }: { state: OperationState; compensating?: boolean }) {
  return (
    <Badge tone={tones[state]} data-state={state}>
      {stateLabels[state]}
      {compensating ? " (undoing)" : ""}
    </Badge>
  );
}
