import type { Role } from "@/lib/generated/prisma";

/** The signed-in person as the policy sees them, always re-read from the database (never trusted from a form). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  customerId: string | null;
  /** When the person last proved who they are (sign-in or password re-entry); gates sensitive actions. */
  authenticatedAt?: Date | null;
  /** The server-side session the request came with (lib/auth/sessions), when it came through one. */
  sessionId?: string | null;
  /** Whether the person has a password (or signs in only through a provider), when the session lookup read it. */
  hasPassword?: boolean;
}
