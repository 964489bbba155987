import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { primaryShardId, shardsConfig, shardsEnvSchema } from "@/lib/shards/config";

const base = { DATABASE_URL: "postgresql://localhost/db", NEXTAUTH_SECRET: "x".repeat(32) };

describe("GATEHOUSE_SHARDS", () => {
  afterEach(() => {
    delete process.env.GATEHOUSE_SHARDS;
  });

  it("is one shard, default, on the standard chain when unset", () => {
    expect(shardsConfig()).toEqual([{ id: "default", keyLimit: 10_000 }]);
    expect(primaryShardId()).toBe("default");
  });

  it("reads profiles, roles and local static keys, with AWS's key limit as default", () => {
    process.env.GATEHOUSE_SHARDS = JSON.stringify([
      { id: "default", region: "eu-west-1", profile: "a" },
      { id: "b", roleArn: "arn:aws:iam::222222222222:role/gatehouse", restApiId: "abc123", stage: "live" },
      { id: "local", endpoint: "http://127.0.0.1:4566", accessKeyId: "shard-c", secretAccessKey: "s", keyLimit: 100 },
    ]);
    expect(shardsConfig().map((s) => [s.id, s.keyLimit])).toEqual([
      ["default", 10_000],
      ["b", 10_000],
      ["local", 100],
    ]);
    expect(primaryShardId()).toBe("default");
  });

  it("refuses bad lists at boot with the reason", () => {
    const refuse = (value: unknown) => shardsEnvSchema.safeParse(typeof value === "string" ? value : JSON.stringify(value)).error?.issues[0]?.message;
    expect(refuse("not json")).toMatch(/JSON array/);
    expect(refuse([])).toMatch(/at least one shard/);
    expect(refuse([{ id: "a" }, { id: "a" }])).toMatch(/distinct/);
    expect(refuse([{ id: "a", profile: "p", roleArn: "arn:aws:iam::111111111111:role/r" }])).toMatch(/at most one of profile, roleArn or accessKeyId/);
    expect(refuse([{ id: "a", accessKeyId: "k" }])).toMatch(/go together/);
    expect(refuse([{ id: "a", keyLimit: 20_000 }])).toMatch(/keyLimit/);
    expect(refuse([{ id: "a", roleArn: "admin" }])).toMatch(/IAM role ARN/);
    expect(() => parseEnv({ ...base, GATEHOUSE_SHARDS: "[{}]" })).toThrow(/GATEHOUSE_SHARDS/);
    expect(parseEnv({ ...base, GATEHOUSE_SHARDS: "" }).GATEHOUSE_SHARDS).toBeUndefined();
  });
});
