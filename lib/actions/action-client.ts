import "server-only";
import type { z } from "zod";
import type { PolicyAction } from "@/lib/policy/action-names";
import type { Actor } from "@/lib/policy/actor";
import { authorize } from "@/lib/policy/authorize";
import type { PublicAction } from "@/lib/policy/permissions";
import { fail, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";
import { requestLogger } from "@/lib/observability/request-log";

/*
 * The one way to build a server action (the shape of Dub's next-safe-action client and Unkey's workspaceProcedure).
 * Every step runs in this order, and a refusal at any step stops the action before its handler runs:
 *
 *   1. the actor is read from the session (never from the form);
 *   2. the policy action is checked against the role table (lib/policy/permissions.ts): anonymous callers get
 *      `unauthenticated`, other roles `forbidden`; public actions are marked PUBLIC in that table;
 *   3. the bound arguments (ids from `.bind(null, id)`) and the input (FormData fields or a plain object) are parsed
 *      with their zod schemas; a failure answers `invalid` with the field errors the forms show;
 *   4. the handler runs with a typed actor (non-null unless the action is public), the parsed arguments and input,
 *      and `authorize(resource)`: the ownership check for this same policy action, for a resource it loaded.
 *
 *   // app/dashboard/actions.ts ("use server")
 *   export const renameKeyAction = serverAction("key.rename")
 *     .args(idSchema)                         // renameKeyAction.bind(null, keyId) in the form
 *     .input(renameKeySchema)                 // the form's FormData, parsed with the form's own schema
 *     .handler(async ({ actor, args: [keyId], input }) => {
 *       const result = await renameKey(actor, keyId, input); // lib service: loads the key, checks ownership
 *       revalidatePath("/dashboard");
 *       return result;
 *     });
 *
 * An unexpected throw becomes an `unavailable` result, never a 500 or a stack trace; its message says honestly
 * whether anything may have changed (see `failureMessage`). A new action also needs a row in
 * e2e/security/authorization-matrix.spec.ts.
 */

type Schema = z.ZodType;
type Parsed<S extends readonly Schema[]> = { -readonly [K in keyof S]: z.output<S[K]> };
type Raw<S extends readonly Schema[]> = { -readonly [K in keyof S]: z.input<S[K]> };

export type ActorFor<P extends PolicyAction> = P extends PublicAction ? Actor | null : Actor;

export interface ActionContext<P extends PolicyAction, A extends readonly Schema[], I> {
  actor: ActorFor<P>;
  args: Parsed<A>;
  input: I;
  /** Ownership for this action: may the actor do it to a resource of `customerId`? Another customer's is `not_found`. */
  authorize: (resource: { customerId: string }) => Result<void>;
}

/** The messages of an unexpected failure: whether it could have changed anything decides what we may claim. */
export const failureMessage = {
  /** Before the handler ran: nothing was written. */
  beforeWork: "We could not complete that just now because a service did not answer. Nothing was changed; please try again.",
  /** While the handler ran: some of the change may have been made. */
  duringWork:
    "We could not confirm whether that went through, because a service stopped answering part-way. Refresh the page to see the current state before trying again.",
} as const;

export interface ActionClientDeps {
  getActor: () => Promise<Actor | null>;
  /** Where unexpected failures are reported (class and message only: request bodies may hold passwords). */
  logError?: (line: string) => void;
}

/** FormData to a plain object of its string fields (files are dropped); anything else is passed on as it is. */
function fieldsOf(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const fields: Record<string, string> = {};
  for (const [key, value] of input.entries()) if (typeof value === "string") fields[key] = value;
  return fields;
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : "unknown error");

export function createActionClient(deps: ActionClientDeps) {
  const logError = deps.logError ?? ((line: string) => void requestLogger("action").then((log) => log.error(line)));

  function build<P extends PolicyAction, A extends readonly Schema[], I extends Schema | undefined>(
    policy: P,
    argSchemas: A,
    inputSchema: I,
    invalidMessage?: string,
  ) {
    type Input = I extends Schema ? z.output<I> : undefined;
    type Call = I extends Schema ? [...Raw<A>, input: FormData | z.input<I>] : Raw<A>;
    return {
      /** Schemas of the bound arguments, in order (ids bound with `.bind(null, id)`). */
      args<B extends readonly Schema[]>(...schemas: B) {
        return build(policy, schemas, inputSchema, invalidMessage);
      },
      /** The schema of the last argument: the form (FormData) or a plain object; `invalid` replaces the general message. */
      input<S extends Schema>(schema: S, options?: { invalid?: string }) {
        return build(policy, argSchemas, schema, options?.invalid);
      },
      handler<T>(run: (ctx: ActionContext<P, A, Input>) => Promise<Result<T>>): (...call: Call) => Promise<Result<T>> {
        return async (...call: Call): Promise<Result<T>> => {
          let ctx: ActionContext<P, A, Input>;
          try {
            const actor = await deps.getActor();
            const allowed = authorize(actor, policy);
            if (!allowed.ok) return allowed;

            const raw: unknown[] = call;
            const args: unknown[] = [];
            for (const [index, schema] of argSchemas.entries()) {
              const parsed = schema.safeParse(raw[index]);
              if (!parsed.success) return fail("invalid", parsed.error.issues[0]?.message ?? "That item does not exist.");
              args.push(parsed.data);
            }
            let input: unknown = undefined;
            if (inputSchema) {
              const parsed = inputSchema.safeParse(fieldsOf(raw[argSchemas.length]));
              if (!parsed.success) return invalidInput(parsed.error, invalidMessage);
              input = parsed.data;
            }
            // The casts restate what the checks above proved: a non-public action has an actor, and each value
            // passed its schema.
            ctx = {
              actor: actor as ActorFor<P>,
              args: args as Parsed<A>,
              input: input as Input,
              authorize: (resource) => authorize(actor, policy, resource),
            };
          } catch (error) {
            logError(`[action ${policy}] failed before any change: ${describe(error)}`);
            return fail("unavailable", failureMessage.beforeWork);
          }
          try {
            return await run(ctx);
          } catch (error) {
            logError(`[action ${policy}] failed: ${describe(error)}`);
            return fail("unavailable", failureMessage.duringWork);
          }
        };
      },
    };
  }

  /** Starts a server action allowed by `policy` (a row of lib/policy/permissions.ts). */
  return function serverAction<P extends PolicyAction>(policy: P) {
    return build(policy, [] as const, undefined);
  };
}
