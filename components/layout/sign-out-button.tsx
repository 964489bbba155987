"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Sign out: an icon button under 640 px, with its words from there up (its accessible name is always "Sign out"). */
export function SignOutButton() {
  return (
    <Button variant="outline" size="sm" className="h-9 px-2.5 sm:px-3" onClick={() => void signOut({ callbackUrl: "/" })}>
      <LogOut aria-hidden="true" />
      <span className="sr-only sm:not-sr-only">Sign out</span>
    </Button>
  );
}
