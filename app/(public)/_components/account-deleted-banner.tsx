"use client";

import { useSearchParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";

/** Shown on the landing page after an account deletion signs the customer out (`/?deleted=1` or `=pending`). */
export function AccountDeletedBanner() {
  const deleted = useSearchParams().get("deleted");
  if (deleted !== "1" && deleted !== "pending") return null;
  return (
    <div className="mb-8" data-testid="account-deleted">
      <Alert tone="success" title="Your account was deleted">
        {deleted === "1"
          ? "You are signed out. Every API key of the account was revoked in AWS and no longer works. The audit trail is kept."
          : "You are signed out. AWS was busy, so your API keys are being revoked in the background: they stop working within a few minutes. The audit trail is kept."}
      </Alert>
    </div>
  );
}
