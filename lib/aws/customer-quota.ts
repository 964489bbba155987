import "server-only";
import { GetUsageCommand, UpdateUsageCommand } from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";

// A key's remaining quota in a usage plan, for the admin's temporary quota extension (UpdateUsage).

/** What AWS says is left of the key's quota for the current period, as of `day` (YYYY-MM-DD, UTC). */
export async function remainingQuota(usagePlanId: string, awsKeyId: string, day: string): Promise<number | null> {
  const usage = await apiGatewayClient().send(new GetUsageCommand({ usagePlanId, keyId: awsKeyId, startDate: day, endDate: day }));
  const days = usage.items?.[awsKeyId];
  const last = days?.[days.length - 1];
  return last && typeof last[1] === "number" ? last[1] : null;
}

/** Sets the key's remaining quota for the current period (`replace /remaining`): idempotent for a given value. */
export async function setRemainingQuota(usagePlanId: string, awsKeyId: string, remaining: number): Promise<void> {
  await apiGatewayClient().send(
    new UpdateUsageCommand({ usagePlanId, keyId: awsKeyId, patchOperations: [{ op: "replace", path: "/remaining", value: String(remaining) }] }),
  );
}
