// The shards: AWS accounts (or regions) the portal spreads its customers' API keys over, past API Gateway's
// 10,000 keys per account and region. One list, GATEHOUSE_SHARDS (JSON), checked with zod at boot (lib/env.ts
// parses it too). Unset: one shard "default" on the SDK's standard credential chain, which is the single-account setup.
// No "server-only" here: lib/env.ts (imported by instrumentation) uses the schema.
import { z } from "zod";

export const DEFAULT_SHARD_ID = "default";
/** API Gateway's API-key limit per account and region; it cannot be raised. */
export const AWS_KEY_LIMIT = 10_000;

const text = z.string().trim().min(1);

export const shardSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a shard id is 1-40 lowercase letters, digits or dashes"),
    region: text.optional(),
    /** A profile of ~/.aws/config and ~/.aws/credentials (fromIni). */
    profile: text.optional(),
    /** A role to assume (fromTemporaryCredentials), with the standard chain's credentials as the source. */
    roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, "roleArn must be an IAM role ARN").optional(),
    externalId: text.optional(),
    /** Static credentials: for local AWS and tests only. */
    accessKeyId: text.optional(),
    secretAccessKey: text.optional(),
    /** Another endpoint than AWS's (local AWS); default AWS_ENDPOINT_URL / the SDK's own. */
    endpoint: z.url().optional(),
    /** The REST API and stage on this shard, when they differ from GATEHOUSE_REST_API_ID/NAME and GATEHOUSE_STAGE. */
    restApiId: text.optional(),
    stage: text.optional(),
    keyLimit: z.number().int().positive().max(AWS_KEY_LIMIT).default(AWS_KEY_LIMIT),
  })
  .strict()
  .refine((s) => [s.profile, s.roleArn, s.accessKeyId].filter(Boolean).length <= 1, {
    message: "give at most one of profile, roleArn or accessKeyId",
  })
  .refine((s) => Boolean(s.accessKeyId) === Boolean(s.secretAccessKey), { message: "accessKeyId and secretAccessKey go together" });

export type ShardConfig = z.infer<typeof shardSchema>;

export const shardsSchema = z
  .array(shardSchema)
  .min(1, "list at least one shard")
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, { message: "shard ids must be distinct" });

/** GATEHOUSE_SHARDS as it arrives in the environment: a JSON array of shards. */
export const shardsEnvSchema = z.string().transform((raw, ctx) => {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: "GATEHOUSE_SHARDS must be a JSON array of shards" });
    return z.NEVER;
  }
  const parsed = shardsSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `GATEHOUSE_SHARDS ${issue.path.join(".")}: ${issue.message}` });
    return z.NEVER;
  }
  return parsed.data;
});

const defaultShards: ShardConfig[] = [{ id: DEFAULT_SHARD_ID, keyLimit: AWS_KEY_LIMIT }];
let cache: { raw: string | undefined; shards: ShardConfig[] } | undefined;

/** The configured shards, first = primary (tiers are read from it). Re-read when GATEHOUSE_SHARDS changes. */
export function shardsConfig(): ShardConfig[] {
  const raw = process.env.GATEHOUSE_SHARDS?.trim() || undefined;
  if (cache && cache.raw === raw) return cache.shards;
  const shards = raw === undefined ? defaultShards : shardsEnvSchema.parse(raw);
  cache = { raw, shards };
  return shards;
}

/** Whether GATEHOUSE_SHARDS is set (else: the one shard "default" of the single-account setup). */
export function shardsConfigured(): boolean {
  return Boolean(process.env.GATEHOUSE_SHARDS?.trim());
}

export function primaryShardId(): string {
  return shardsConfig()[0]?.id ?? DEFAULT_SHARD_ID;
}

/** One shard's configuration; throws for an id that is not configured (a customer on a shard that was removed). */
export function shardConfig(id: string): ShardConfig {
  const shard = shardsConfig().find((s) => s.id === id);
  if (!shard) throw new Error(`Shard "${id}" is not in GATEHOUSE_SHARDS (configured: ${shardsConfig().map((s) => s.id).join(", ")}).`);
  return shard;
}
