import { z } from "zod";
import { emailSchema } from "@/lib/auth/credentials.schema";
import { optionalPlainText, plainText } from "@/lib/validation/text";

// Inputs of the admin console's customer and staff forms (pure: the client forms and the server share them).

export const CUSTOMER_STATUS_FILTERS = ["active", "suspended", "deleted", "all"] as const;
export type CustomerStatusFilter = (typeof CUSTOMER_STATUS_FILTERS)[number];

/** The list's URL (?q=&tier=&status=&page=): anything odd falls back to the default rather than failing the page. */
export const customerListParamsSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  tier: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
  status: z.enum(CUSTOMER_STATUS_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type CustomerListParams = z.infer<typeof customerListParamsSchema>;

export const suspendCustomerSchema = z.object({
  reason: optionalPlainText("the reason", 500),
});

export const adminChangeTierSchema = z.object({
  tierId: z.string({ error: "Choose a tier." }).trim().min(1, "Choose a tier.").max(64, "Choose one of the listed tiers."),
});

/** Deleting needs the customer's name typed exactly, so nobody deletes the wrong customer by a slip. */
export const adminDeleteCustomerSchema = z.object({
  confirm: z.string({ error: "Type the customer's name to confirm." }).trim().min(1, "Type the customer's name to confirm.").max(200, "Type the customer's name to confirm."),
});

export const MAX_QUOTA_EXTENSION = 10_000_000;

export const extendQuotaSchema = z.object({
  extra: z.coerce
    .number({ error: "Enter a whole number of requests." })
    .int("Enter a whole number of requests.")
    .min(1, "Add at least 1 request.")
    .max(MAX_QUOTA_EXTENSION, `Add at most ${MAX_QUOTA_EXTENSION.toLocaleString("en-US")} requests at a time.`),
  reason: optionalPlainText("the reason", 500),
});

export const STAFF_ROLES = ["ADMIN", "BILLING"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const inviteStaffSchema = z.object({
  email: emailSchema,
  name: plainText("a name", { max: 100 }),
  role: z.enum(STAFF_ROLES, { error: "Choose admin or billing." }),
});

export const changeStaffRoleSchema = z.object({
  role: z.enum(STAFF_ROLES, { error: "Choose admin or billing." }),
});

/**
 * Why a change to a staff member's role (or their removal, `newRole` null) is refused, or null when it is allowed:
 * nobody changes or removes themselves, and the last admin stays an admin. Pure, so the rule is tested on its own;
 * the server applies it with the admins counted under a lock.
 */
export function staffChangeRefusal(change: {
  actorId: string;
  targetId: string;
  targetRole: string;
  newRole: StaffRole | null;
  adminCount: number;
}): string | null {
  const removing = change.newRole === null;
  if (change.actorId === change.targetId) {
    return removing ? "You cannot remove yourself. Ask another admin." : "You cannot change your own role. Ask another admin.";
  }
  if (change.targetRole !== "ADMIN" && change.targetRole !== "BILLING") return "That user is not a staff member.";
  const losesAdmin = change.targetRole === "ADMIN" && change.newRole !== "ADMIN";
  if (losesAdmin && change.adminCount <= 1) return "This is the last admin. Make someone else an admin first.";
  return null;
}
