"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button variant="secondary" className="px-3 py-1.5" onClick={() => void signOut({ callbackUrl: "/" })}>
      Sign out
    </Button>
  );
}
