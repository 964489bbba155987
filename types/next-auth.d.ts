import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name?: string | null; email?: string | null; image?: string | null };
    signedInAt?: number | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    signedInAt?: number;
    /** The id of the server-side session (lib/auth/sessions). */
    sid?: string;
  }
}
