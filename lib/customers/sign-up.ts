import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { refusePolicyViolation } from "@/lib/account/password-policy";
import { runInBackground } from "@/lib/background";
import { accountExistsMail } from "@/lib/customers/sign-up-mail";
import { signUpSchema } from "@/lib/customers/sign-up.schema";
import { db } from "@/lib/db";
import { queueKeyCreationIn } from "@/lib/keys/create-key";
import { Prisma } from "@/lib/generated/prisma";
import { sendMail } from "@/lib/mail/send-mail";
import { fail, ok, type Result } from "@/lib/result";
import { allShardsFull, chooseShardIn } from "@/lib/shards/placement";
import { invalidInput } from "@/lib/validation/field-errors";

const duplicateEmail = () =>
  fail("conflict", "An account with that e-mail already exists.", {
    email: ["An account with that e-mail already exists. Sign in instead, or use another address."],
  });

export const FIRST_KEY_NAME = "Default key";

/**
 * Sign-up as the public form answers it: the same answer whether or not the address already has an account, so
 * the form cannot be used to find out who has one. For a taken address nothing is created and the address's owner
 * gets an e-mail saying so (with links to sign in or reset the password): that is where the news belongs, and a
 * person who forgot they had an account finds out there. The form then signs in with the typed password, which
 * works for a new account (and for an owner who typed their own password) and otherwise says to check the inbox.
 * The password is hashed either way, so the answer takes about as long.
 */
export async function requestSignUp(input: unknown): Promise<Result<{ email: string }>> {
  const result = await signUp(input);
  if (result.ok) return ok({ email: result.data.email });
  if (result.error.code !== "conflict") return result;
  const email = signUpSchema.shape.email.parse((input as { email?: unknown }).email);
  runInBackground("sign-up with a taken address", () => sendMail(accountExistsMail(email)));
  return ok({ email });
}

/**
 * Creates a customer and its first user on a public tier, and queues the customer's first API key (provisioned in
 * the background within AWS's control-plane limits, so a burst of sign-ups queues instead of failing).
 * Nothing is written unless everything is valid. A taken address is a `conflict` here (the demo seed and tests
 * need to know); the public form goes through requestSignUp, which does not tell.
 */
export async function signUp(input: unknown): Promise<Result<{ userId: string; customerId: string; email: string }>> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { name, company, email, password, tierId } = parsed.data;

  const tier = await db.tier.findUnique({ where: { id: tierId }, select: { id: true, visibility: true, slug: true, available: true } });
  if (!tier || !tier.available) return fail("invalid", "Please correct the highlighted fields.", { tierId: ["Choose one of the listed tiers."] });
  if (tier.visibility !== "PUBLIC") {
    return fail("invalid", "Please correct the highlighted fields.", {
      tierId: ["This tier needs approval: start on a public tier and request it from your dashboard."],
    });
  }
  const weak = refusePolicyViolation("password", password, { email, name });
  if (weak) return weak;

  const passwordHash = await hashPassword(password);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return duplicateEmail();
  try {
    // Near a shard's limit, placements queue on one lock (lib/shards/placement.ts): a burst waits rather than fails.
    const user = await db.$transaction((tx) => createCustomerIn(tx, { name, company: company ?? null, email, passwordHash, tier }), {
      maxWait: 15_000,
      timeout: 20_000,
    });
    return ok({ userId: user.id, customerId: user.customerId ?? "", email });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return duplicateEmail();
    if (error instanceof AllShardsFullError) return allShardsFull();
    throw error;
  }
}

export interface NewCustomer {
  name: string;
  company: string | null;
  email: string;
  /** Null for a customer who signs in through an OIDC provider only. */
  passwordHash: string | null;
  tier: { id: string; slug: string };
  /** The OIDC provider of a first sign-in that creates the customer, for the audit entry. */
  provider?: string;
}

/** No shard has room for another customer (createCustomerIn throws it; the caller's transaction rolls back). */
export class AllShardsFullError extends Error {
  constructor() {
    super(allShardsFull().error.message);
    this.name = "AllShardsFullError";
  }
}

/**
 * The one way a customer comes to exist (password sign-up and first OIDC sign-in): the customer, placed on the shard
 * with the most room (lib/shards/placement.ts), and its first user, the audit entry, and the first API key queued,
 * all in the caller's transaction.
 */
export async function createCustomerIn(tx: Prisma.TransactionClient, input: NewCustomer) {
  const { name, company, email, passwordHash, tier } = input;
  const { maxKeys } = await tx.tier.findUniqueOrThrow({ where: { id: tier.id }, select: { maxKeys: true } });
  const shard = await chooseShardIn(tx, { maxKeys });
  if (!shard.ok) throw new AllShardsFullError();
  const created = await tx.user.create({
    data: { email, name, passwordHash, role: "CUSTOMER", customer: { create: { name, company, tierId: tier.id, shardId: shard.data } } },
  });
  await recordAudit(tx, {
    actor: { userId: created.id, email, role: "CUSTOMER" },
    action: "customer.sign_up",
    target: { type: "customer", id: created.customerId },
    customerId: created.customerId,
    meta: input.provider ? { tier: tier.slug, shard: shard.data, provider: input.provider } : { tier: tier.slug, shard: shard.data },
  });
  const firstKey = await queueKeyCreationIn(tx, created.customerId ?? "", FIRST_KEY_NAME, null);
  if (!firstKey.ok) throw new Error(`queueing the first key failed: ${firstKey.error.message}`);
  return created;
}
