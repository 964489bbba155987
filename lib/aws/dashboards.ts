import "server-only";
import { GetDashboardCommand, PutDashboardCommand } from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "@/lib/aws/clients";

// The only module that reads and writes CloudWatch dashboards.

/** The dashboard's body, or null when there is no dashboard of that name. */
export async function getDashboardBody(name: string): Promise<string | null> {
  try {
    const res = await cloudWatchClient().send(new GetDashboardCommand({ DashboardName: name }));
    return res.DashboardBody ?? null;
  } catch (error) {
    // GetDashboard answers ResourceNotFound (DashboardNotFoundError) for a dashboard that does not exist.
    const name_ = error instanceof Error ? error.name : "";
    if (name_ === "ResourceNotFound" || name_ === "DashboardNotFoundError" || name_ === "ResourceNotFoundException") return null;
    throw error;
  }
}

/** Creates or replaces a dashboard; returns CloudWatch's validation warnings (errors throw DashboardInvalidInputError). */
export async function putDashboard(name: string, body: string): Promise<string[]> {
  const res = await cloudWatchClient().send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body }));
  return (res.DashboardValidationMessages ?? []).map((m) => `${m.DataPath ?? ""} ${m.Message ?? ""}`.trim());
}
