import "server-only";
import { authOptions } from "@/lib/auth/options";

export interface OidcProvider {
  id: string;
  name: string;
}

/** The OIDC providers switched on by the configuration (Cognito, GitHub), for "Continue with …" buttons. */
export function oidcProviders(): OidcProvider[] {
  return authOptions()
    .providers.filter((p) => p.id !== "credentials")
    .map((p) => ({ id: p.id, name: p.name }));
}
