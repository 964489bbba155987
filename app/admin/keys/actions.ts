"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to lib/.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { adoptKey, importKeys } from "@/lib/keys/adopt-keys";
import { adoptKeySchema, importKeysSchema } from "@/lib/keys/adopt.schema";

export const adoptKeyAction = serverAction("key.adopt")
  .input(adoptKeySchema)
  .handler(async ({ actor, input }) => {
    const result = await adoptKey(actor, input);
    if (result.ok) revalidatePath("/admin/keys");
    return result;
  });

export const importKeysAction = serverAction("key.import")
  .input(importKeysSchema)
  .handler(async ({ actor, input }) => {
    const result = await importKeys(actor, input);
    if (result.ok) revalidatePath("/admin/keys");
    return result;
  });
