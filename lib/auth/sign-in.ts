import "server-only";
import { verifyAgainstNothing, verifyPassword } from "@/lib/auth/password";
import { UNKNOWN_ADDRESS } from "@/lib/auth/client-address";
import { accountKey, addressKey, beginAttempt, succeeded } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { errorFields } from "@/lib/observability/log";
import { countSignInFailure } from "@/lib/observability/metrics";
import { requestLogger } from "@/lib/observability/request-log";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

export async function signInWithPassword(email: string, password: string): Promise<SignedInUser | null> {
  const user = await db.user.findUnique({ where: { email }, include: { customer: { select: { status: true } } } });
  if (!user?.passwordHash) return verifyAgainstNothing(password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.customer?.status === "DELETED") return null;
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}

export type SignInOutcome =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "mismatch" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "unavailable" };

/**
 * A password sign-in from the web, throttled per account and per client address (lib/auth/throttle): an attempt
 * made too soon is refused without checking the password. A failure of the database (or anything else) is
 * "unavailable", never "mismatch", and its text goes to the server log only.
 */
export async function attemptSignIn(input: { email: string; password: string; clientAddress: string }): Promise<SignInOutcome> {
  const account = accountKey(input.email);
  // Without a known address there is no per-address count: one shared "unknown" bucket would let anyone slow
  // everyone down.
  const address = input.clientAddress === UNKNOWN_ADDRESS ? [] : [addressKey(input.clientAddress)];
  try {
    const attempt = await beginAttempt([account, ...address]);
    if (!attempt.allowed) {
      countSignInFailure("throttled");
      return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
    }
    const user = await signInWithPassword(input.email, input.password);
    if (!user) {
      countSignInFailure("mismatch");
      return { ok: false, reason: "mismatch" };
    }
    await succeeded(account, address);
    return { ok: true, user };
  } catch (error) {
    // The class and message only (like runAction): never the form, which holds the password.
    countSignInFailure("unavailable");
    (await requestLogger("sign-in")).error(errorFields(error), "sign-in failed");
    return { ok: false, reason: "unavailable" };
  }
}
