"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy, then lib/tiers parses the form (its schemas transform, so they run once, there) and does the work.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/actions/server-action";
import { bootstrapTiers, createTier, retireTier, updateTier } from "@/lib/tiers/admin-changes";
import { idSchema } from "@/lib/validation/id";

/** A form's fields as they arrive; lib/tiers validates each one and answers per-field errors. */
const formFields = z.record(z.string(), z.union([z.string(), z.number(), z.null()]), { error: "Send the form's fields." });

export const bootstrapTiersAction = serverAction("tier.bootstrap")
  .input(formFields)
  .handler(async ({ actor, input }) => {
    const result = await bootstrapTiers(actor, input);
    revalidatePath("/admin/tiers");
    return result;
  });

export const createTierAction = serverAction("tier.create")
  .input(formFields)
  .handler(async ({ actor, input }) => {
    const result = await createTier(actor, input);
    revalidatePath("/admin/tiers");
    return result;
  });

export const updateTierAction = serverAction("tier.update")
  .args(idSchema)
  .input(formFields)
  .handler(async ({ actor, args: [tierId], input }) => {
    const result = await updateTier(actor, tierId, input);
    revalidatePath("/admin/tiers");
    return result;
  });

export const retireTierAction = serverAction("tier.retire")
  .args(idSchema)
  .input(formFields)
  .handler(async ({ actor, args: [tierId], input }) => {
    const result = await retireTier(actor, tierId, input);
    revalidatePath("/admin/tiers");
    return result;
  });
