"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to lib/.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { endUserSessions } from "@/lib/auth/sessions";
import { adminChangeTier, adminDeleteCustomer, extendCustomerQuota, resumeCustomer, suspendCustomer } from "@/lib/customers/admin-actions";
import { adminChangeTierSchema, adminDeleteCustomerSchema, extendQuotaSchema, suspendCustomerSchema } from "@/lib/customers/admin-schemas";
import { idSchema } from "@/lib/validation/id";

export const endUserSessionsAction = serverAction("user.end_sessions")
  .args(idSchema)
  .handler(({ actor, args: [userId] }) => endUserSessions(actor, userId));

function revalidateCustomer(customerId: string) {
  revalidatePath("/admin/customers");
  revalidatePath(`/admin/customers/${customerId}`);
}

export const suspendCustomerAction = serverAction("customer.suspend")
  .args(idSchema)
  .input(suspendCustomerSchema)
  .handler(async ({ actor, args: [customerId], input }) => {
    const result = await suspendCustomer(actor, customerId, input);
    revalidateCustomer(customerId);
    return result;
  });

export const resumeCustomerAction = serverAction("customer.resume")
  .args(idSchema)
  .handler(async ({ actor, args: [customerId] }) => {
    const result = await resumeCustomer(actor, customerId);
    revalidateCustomer(customerId);
    return result;
  });

export const changeCustomerTierAction = serverAction("customer.change_tier")
  .args(idSchema)
  .input(adminChangeTierSchema)
  .handler(async ({ actor, args: [customerId], input }) => {
    const result = await adminChangeTier(actor, customerId, input);
    revalidateCustomer(customerId);
    return result;
  });

export const deleteCustomerAction = serverAction("customer.delete")
  .args(idSchema)
  .input(adminDeleteCustomerSchema)
  .handler(async ({ actor, args: [customerId], input }) => {
    const result = await adminDeleteCustomer(actor, customerId, input);
    revalidateCustomer(customerId);
    return result;
  });

export const extendQuotaAction = serverAction("customer.extend_quota")
  .args(idSchema)
  .input(extendQuotaSchema)
  .handler(async ({ actor, args: [customerId], input }) => {
    const result = await extendCustomerQuota(actor, customerId, input);
    revalidateCustomer(customerId);
    return result;
  });
