import { InviteStaffForm } from "./_components/invite-staff-form";
import { StaffTable } from "./_components/staff-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { listStaff } from "@/lib/staff/staff";

export const metadata = { title: "Staff" };
export const dynamic = "force-dynamic";

export default async function StaffPage() {
  const actor = await requirePagePermission("staff.list", "/admin/staff");
  const result = await listStaff(actor);
  if (!result.ok) throw new Error(result.error.message);
  const admins = result.data.filter((s) => s.role === "ADMIN").length;
  return (
    <>
      <PageHeader
        title="Staff"
        description={`${result.data.length} staff member${result.data.length === 1 ? "" : "s"}: admins run the console, billing staff see billing only.`}
      />
      <div className="grid gap-6">
        <Card title="Team">
          <StaffTable
            adminCount={admins}
            rows={result.data.map((s) => ({
              id: s.id,
              email: s.email,
              name: s.name,
              role: s.role,
              invited: s.invited,
              isYou: s.isYou,
              lastSignInAt: s.lastSignInAt?.toISOString() ?? null,
            }))}
          />
        </Card>
        <Card title="Invite staff" className="max-w-xl">
          <InviteStaffForm />
        </Card>
      </div>
    </>
  );
}
