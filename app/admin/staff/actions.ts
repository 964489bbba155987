"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to lib/staff.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { changeStaffRoleSchema, inviteStaffSchema } from "@/lib/customers/admin-schemas";
import { changeStaffRole, inviteStaff, removeStaff } from "@/lib/staff/staff";
import { idSchema } from "@/lib/validation/id";

export const inviteStaffAction = serverAction("staff.invite")
  .input(inviteStaffSchema)
  .handler(async ({ actor, input }) => {
    const result = await inviteStaff(actor, input);
    revalidatePath("/admin/staff");
    return result;
  });

export const changeStaffRoleAction = serverAction("staff.change_role")
  .args(idSchema)
  .input(changeStaffRoleSchema)
  .handler(async ({ actor, args: [userId], input }) => {
    const result = await changeStaffRole(actor, userId, input);
    revalidatePath("/admin/staff");
    return result;
  });

export const removeStaffAction = serverAction("staff.remove")
  .args(idSchema)
  .handler(async ({ actor, args: [userId] }) => {
    const result = await removeStaff(actor, userId);
    revalidatePath("/admin/staff");
    return result;
  });
