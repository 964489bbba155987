import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createActionClient, failureMessage } from "@/lib/actions/action-client";
import type { Actor } from "@/lib/policy/actor";
import { ok } from "@/lib/result";
import { idSchema } from "@/lib/validation/id";
import { plainText } from "@/lib/validation/text";

const customer = (customerId = "cust1"): Actor => ({ userId: "u1", email: "c@x.io", name: "C", role: "CUSTOMER", customerId });
const admin: Actor = { userId: "u2", email: "a@x.io", name: "A", role: "ADMIN", customerId: null };

function clientAs(actor: Actor | null) {
  const logged: string[] = [];
  return { serverAction: createActionClient({ getActor: async () => actor, logError: (line) => logged.push(line) }), logged };
}

const nameSchema = z.object({ name: plainText("a key name", { max: 64 }) });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

describe("the server action builder", () => {
  it("refuses anonymous callers and the wrong role before parsing or running the handler", async () => {
    for (const [actor, code] of [
      [null, "unauthenticated"],
      [admin, "forbidden"],
      [customer(null as unknown as string), "forbidden"], // a customer user without a customer
    ] as const) {
      const handler = vi.fn(async () => ok("ran"));
      const action = clientAs(actor).serverAction("key.rename").args(idSchema).input(nameSchema).handler(handler);
      // Invalid input too: the role is checked first, so a refusal never reveals what the input should look like.
      expect(await action("\u0000", form({ name: "" }))).toMatchObject({ ok: false, error: { code } });
      expect(handler).not.toHaveBeenCalled();
    }
  });

  it("refuses invalid input with the form's field errors, before the handler runs", async () => {
    const handler = vi.fn(async () => ok("ran"));
    const action = clientAs(customer()).serverAction("key.rename").args(idSchema).input(nameSchema).handler(handler);
    expect(await action("key1", form({ name: "a\u202Eb" }))).toEqual({
      ok: false,
      error: { code: "invalid", message: "Please correct the highlighted fields.", fieldErrors: { name: ["Remove the invisible text-direction characters from a key name."] } },
    });
    expect(await action("key1", form({}))).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { name: ["Enter a key name."] } } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a bound id with a NUL byte, a control character or no bound at all as invalid", async () => {
    const handler = vi.fn(async () => ok("ran"));
    const action = clientAs(customer()).serverAction("key.revoke").args(idSchema).handler(handler);
    for (const id of ["cm1\u0000x", "a\nb", "", "x".repeat(65), "../etc", undefined, 42, { id: "x" }]) {
      expect(await action(id as string)).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler with the actor, parsed arguments and input, and an ownership check for the same action", async () => {
    const action = clientAs(customer("mine"))
      .serverAction("key.rename")
      .args(idSchema)
      .input(nameSchema)
      .handler(async ({ actor, args: [keyId], input, authorize }) =>
        ok({ who: actor.userId, keyId, name: input.name, own: authorize({ customerId: "mine" }).ok, other: authorize({ customerId: "theirs" }) }),
      );
    expect(await action("key1", form({ name: "  prod  " }))).toEqual({
      ok: true,
      data: { who: "u1", keyId: "key1", name: "prod", own: true, other: { ok: false, error: { code: "not_found", message: "That item does not exist." } } },
    });
  });

  it("lets anyone call a public action, with a null actor when signed out", async () => {
    const action = clientAs(null).serverAction("customer.sign_up").input(z.object({ email: z.string() })).handler(async ({ actor, input }) => ok({ actor, email: input.email }));
    expect(await action(form({ email: "x@y.z" }))).toEqual({ ok: true, data: { actor: null, email: "x@y.z" } });
  });

  it("says nothing changed only when the failure came before any work, and otherwise that the outcome is unknown", async () => {
    const broken = createActionClient({ getActor: () => Promise.reject(new Error("database is down")), logError: () => {} });
    const before = await broken("key.create").handler(async () => ok(null))();
    expect(before).toEqual({ ok: false, error: { code: "unavailable", message: failureMessage.beforeWork } });

    const { serverAction, logged } = clientAs(customer());
    const during = await serverAction("key.create").handler(async () => {
      throw new Error("Connection terminated unexpectedly");
    })();
    expect(during).toEqual({ ok: false, error: { code: "unavailable", message: failureMessage.duringWork } });
    expect(failureMessage.duringWork).not.toMatch(/nothing was changed/i);
    expect(failureMessage.duringWork).toMatch(/refresh the page/i);
    expect(logged).toEqual(["[action key.create] failed: Error: Connection terminated unexpectedly"]);
  });
});
