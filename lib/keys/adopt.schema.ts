import { z } from "zod";
import { optionalPlainText, plainText } from "@/lib/validation/text";

/** An API Gateway key id (lower-case letters and digits, 10 in practice), bounded. */
export const awsKeyIdSchema = z
  .string({ error: "Choose a key." })
  .trim()
  .min(1, "Choose a key.")
  .max(64, "That key does not exist.")
  .regex(/^[A-Za-z0-9]+$/, "That key does not exist.");

/** A customer's e-mail as an admin types it (the sign-in schema's messages speak to the owner: "your e-mail"). */
export const customerEmailSchema = z
  .string({ error: "Enter the customer's e-mail address." })
  .trim()
  .min(1, "Enter the customer's e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address, like name@example.com."))
  .transform((e) => e.toLowerCase());

const tierId = z.string({ error: "Choose a tier." }).min(1, "Choose a tier.").max(64, "Choose a tier.");

/** Adopt one key: into an existing customer (by id) or a new customer invited by e-mail. */
export const adoptKeySchema = z.discriminatedUnion("target", [
  z.object({
    target: z.literal("existing"),
    awsKeyId: awsKeyIdSchema,
    name: plainText("a key name", { max: 64 }),
    customerEmail: customerEmailSchema,
  }),
  z.object({
    target: z.literal("new"),
    awsKeyId: awsKeyIdSchema,
    name: plainText("a key name", { max: 64 }),
    email: customerEmailSchema,
    customerName: plainText("the customer's name", { max: 100 }),
    company: optionalPlainText("the company name", 100),
    tierId,
  }),
], { error: "Choose whether the key goes to an existing customer or a new one." });
export type AdoptKeyForm = z.infer<typeof adoptKeySchema>;

/** The largest file the import takes (the form's body limit is 100 kB) and the most rows. */
export const MAX_IMPORT_BYTES = 64 * 1024;
export const MAX_IMPORT_ROWS = 500;

export const importKeysSchema = z.object({
  csv: z
    .string({ error: "Choose a CSV file." })
    .min(1, "Choose a CSV file.")
    .max(MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024} KiB. Split it into smaller files.`),
  tierId,
});

export const unownedKeysQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
