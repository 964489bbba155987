"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type MouseEvent, type ReactNode } from "react";
import { revokeKeyAction } from "../actions";
import { InlineMessage } from "./inline-message";
import { useKeyList } from "./key-list-state";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";

export const REVOKED_MESSAGE = "Key revoked: it was deleted in AWS and no longer works.";

/**
 * Confirms revoking a key, naming it and what happens, then revokes it. Opened by its own trigger (a previous key's
 * "Revoke now") or by the `open` prop (the actions menu). The result is said above the list: the row moves to the
 * revoked history.
 */
export function RevokeKeyDialog({
  keyId,
  title,
  lastFour,
  open,
  onOpenChange,
  trigger,
  onCloseAutoFocus,
}: {
  keyId: string;
  /** "Revoke “web backend”?" */
  title: string;
  lastFour: string | null;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  trigger?: ReactNode;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const router = useRouter();
  const { announce } = useKeyList();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const isOpen = open ?? uncontrolledOpen;
  const setOpen = (next: boolean) => {
    if (!next) setError(null);
    setUncontrolledOpen(next);
    onOpenChange?.(next);
  };

  function revoke(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault(); // stay open while it runs
    startTransition(async () => {
      setError(null);
      const result = await revokeKeyAction(keyId);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      const text = result.data?.notice ?? REVOKED_MESSAGE;
      setOpen(false);
      announce({ tone: result.data?.notice ? "info" : "success", text });
      router.refresh();
    });
  }

  return (
    <AlertDialog open={isOpen} onOpenChange={setOpen}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>
            The key{lastFour ? <span className="font-mono"> ••••{lastFour}</span> : null} is deleted in AWS at once and every request using it gets 403.
            This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {error ? <InlineMessage tone="error">{error}</InlineMessage> : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Keep it</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={revoke} disabled={pending} aria-busy={pending}>
            {pending ? "Revoking…" : "Revoke key"}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
