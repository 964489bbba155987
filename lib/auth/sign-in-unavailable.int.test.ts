import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { SIGN_IN_UNAVAILABLE } from "@/lib/auth/sign-in-errors";
import { PrismaClient } from "@/lib/generated/prisma";
import { captureLogs, type LogCapture } from "@/test/log-capture";

// lib/db keeps its one client on globalThis; for these tests it is a client of a database that refuses connections.
const slot = globalThis as unknown as { gatehouseDb?: PrismaClient };
let saved: PrismaClient | undefined;
let logs: LogCapture;

beforeEach(() => {
  saved = slot.gatehouseDb;
  slot.gatehouseDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody:secret@127.0.0.1:1/gone", connectionTimeoutMillis: 2000 }) });
  logs = captureLogs();
});
afterEach(async () => {
  await slot.gatehouseDb?.$disconnect().catch(() => undefined);
  slot.gatehouseDb = saved;
  logs.restore();
});

describe("sign-in with the database down", () => {
  it("says the service is unavailable, not that the password is wrong", async () => {
    expect(await attemptSignIn({ email: "someone@example.com", password: "a-long-password", clientAddress: "192.0.2.1" })).toEqual({ ok: false, reason: "unavailable" });
  });

  it("gives next-auth only the code, never the database's error text", async () => {
    const credentials = authOptions().providers.find((p) => p.id === "credentials") as unknown as {
      options: { authorize: (c: Record<string, string>, r: { headers: Record<string, string> }) => Promise<unknown> };
    };
    const refusal = await credentials.options.authorize({ email: "someone@example.com", password: "a-long-password" }, { headers: {} }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toBe(SIGN_IN_UNAVAILABLE);
    // The log names the failure, without the connection string's password or the typed one.
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: "error", component: "sign-in", msg: "sign-in failed", err: expect.objectContaining({ name: expect.any(String) }) }));
    expect(logs.text()).not.toMatch(/secret|a-long-password/);
  });
});
