"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** "Continue with …" for each configured OIDC provider; a first sign-in creates the account (sign-up). */
export function ProviderButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="space-y-2 border-t border-border pt-4">
      {providers.map((p) => (
        <Button key={p.id} type="button" variant="secondary" className="w-full" onClick={() => void signIn(p.id, { callbackUrl })}>
          Continue with {p.name}
        </Button>
      ))}
    </div>
  );
}
