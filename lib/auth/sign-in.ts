import "server-only";
import { verifyAgainstNothing, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

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
