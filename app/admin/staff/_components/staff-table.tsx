"use client";

import { UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeStaffRoleAction, removeStaffAction } from "../actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { NativeSelect } from "@/components/ui/select";

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "BILLING";
  invited: boolean;
  isYou: boolean;
  /** ISO 8601 */
  lastSignInAt: string | null;
}

const lastAdmin = (s: StaffRow, admins: number) => s.role === "ADMIN" && admins <= 1;

function RoleSelect({ staff, locked }: { staff: StaffRow; locked: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState(staff.role);
  const id = `role-${staff.id}`;
  return (
    <div className="min-w-32">
      <label htmlFor={id} className="sr-only">
        Role of {staff.email}
      </label>
      <NativeSelect
        id={id}
        value={role}
        disabled={pending || locked !== null}
        title={locked ?? undefined}
        aria-busy={pending}
        onChange={(e) => {
          const next = e.target.value as StaffRow["role"];
          setRole(next);
          startTransition(async () => {
            const result = await changeStaffRoleAction(staff.id, { role: next });
            if (result.ok) {
              toast.success(result.data.message);
              router.refresh();
            } else {
              toast.error(result.error.message);
              setRole(staff.role);
            }
          });
        }}
      >
        <option value="ADMIN">Admin</option>
        <option value="BILLING">Billing</option>
      </NativeSelect>
    </div>
  );
}

function RemoveButton({ staff, locked }: { staff: StaffRow; locked: string | null }) {
  const router = useRouter();
  if (locked) return <span className="text-xs text-muted-foreground">{locked}</span>;
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm" aria-label={`Remove ${staff.email}`}>
          <UserMinus aria-hidden="true" /> Remove
        </Button>
      }
      title={`Remove ${staff.email} from the staff?`}
      description={`${staff.email} is signed out everywhere and can no longer sign in. The audit log keeps what they did.`}
      confirmLabel="Remove"
      pendingLabel="Removing…"
      destructive
      onConfirm={async () => {
        const result = await removeStaffAction(staff.id);
        if (result.ok) {
          toast.success(result.data.message);
          router.refresh();
        } else toast.error(result.error.message);
      }}
    />
  );
}

/** The staff, with each member's role editable and a remove button; yourself and the last admin are locked. */
export function StaffTable({ rows, adminCount }: { rows: StaffRow[]; adminCount: number }) {
  const lockOf = (s: StaffRow) => (s.isYou ? "That is you." : lastAdmin(s, adminCount) ? "The last admin." : null);
  const columns: ColumnDef<StaffRow, unknown>[] = [
    {
      accessorKey: "email",
      header: "Staff member",
      meta: { rowHeader: true },
      cell: ({ row: { original: s } }) => (
        <div className="min-w-40">
          <span className="break-all font-medium">{s.email}</span>
          <span className="block text-muted-foreground">{s.name}</span>
          <span className="mt-1 flex flex-wrap gap-1">
            {s.isYou ? <Badge tone="info">you</Badge> : null}
            {s.invited ? <Badge tone="warning">invited</Badge> : null}
          </span>
        </div>
      ),
    },
    { accessorKey: "role", header: "Role", cell: ({ row: { original: s } }) => <RoleSelect staff={s} locked={lockOf(s)} /> },
    {
      accessorKey: "lastSignInAt",
      header: "Last sign-in",
      cell: ({ getValue }) => {
        const iso = getValue() as string | null;
        return iso ? <time dateTime={iso}>{iso.slice(0, 10)}</time> : "never";
      },
    },
    { id: "remove", header: "Access", enableSorting: false, cell: ({ row: { original: s } }) => <RemoveButton staff={s} locked={lockOf(s)} /> },
  ];
  return <DataTable columns={columns} data={rows} caption="Staff members" rowTestId="staff-row" getRowId={(s) => s.id} empty="No staff yet." />;
}
