import { Suspense } from "react";
import { UsageContent } from "./_components/usage-content";
import { UsageSkeleton } from "./_components/usage-skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";

export const metadata = { title: "Usage" };
export const dynamic = "force-dynamic";

// The permission check runs before anything streams (no loading.tsx here), so a refused visitor gets a real
// redirect or 403; the figures load inside Suspense behind a skeleton.
export default async function UsagePage() {
  const actor = await requirePagePermission("usage.read", "/dashboard/usage");
  return (
    <>
      <PageHeader title="Usage" description="Requests per key as API Gateway counts them: today, this quota period and the last 30 days (UTC)." />
      <Suspense fallback={<UsageSkeleton />}>
        <UsageContent actor={actor} />
      </Suspense>
    </>
  );
}
