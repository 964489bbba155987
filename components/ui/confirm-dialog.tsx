"use client";

import { Loader2 } from "lucide-react";
import { useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";

export interface ConfirmDialogProps {
  /** The control that opens the dialog (rendered as the trigger, e.g. a Button). */
  trigger?: ReactNode;
  /** What will happen, as a question: "End every session of ada@example.com?" */
  title: ReactNode;
  /** The consequences, in a sentence or two. */
  description: ReactNode;
  /** The confirming button names the action ("End sessions", "Revoke key"), never just "OK". */
  confirmLabel: string;
  /** Shown on the confirming button while the action runs ("Ending…"). */
  pendingLabel?: string;
  cancelLabel?: string;
  /** A red confirming button, for actions that cannot be undone. */
  destructive?: boolean;
  /**
   * Runs the action. The dialog stays open with the button pending until it settles, and closes afterwards unless it
   * returns false (e.g. it failed and the message is shown inside the dialog via `children`).
   */
  onConfirm: () => void | boolean | Promise<void | boolean>;
  /** Extra content between the description and the buttons (a field, an error message). */
  children?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/**
 * The one confirmation dialog for destructive and consequential actions (components/ui/alert-dialog on Radix: focus moves into it,
 * Escape or Cancel closes it, the rest of the page is inert). It names what will happen and shows the action
 * pending until it finishes.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  cancelLabel = "Cancel",
  destructive = false,
  onConfirm,
  children,
  open: controlledOpen,
  onOpenChange,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const open = controlledOpen ?? uncontrolledOpen;
  const setOpen = (next: boolean) => {
    if (pending && !next) return; // the action is running: stay until it settles
    setUncontrolledOpen(next);
    onOpenChange?.(next);
  };

  function confirm() {
    startTransition(async () => {
      const keepOpen = (await onConfirm()) === false;
      if (!keepOpen) {
        setUncontrolledOpen(false);
        onOpenChange?.(false);
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent data-slot="confirm-dialog" className="sm:max-w-md" aria-busy={pending}>
        <AlertDialogHeader>
          <AlertDialogTitle className="leading-snug">{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {children}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{cancelLabel}</AlertDialogCancel>
          {/* A plain button, not AlertDialogAction: Action would close the dialog before the action finishes. */}
          <Button variant={destructive ? "destructive" : "default"} onClick={confirm} disabled={pending} aria-busy={pending}>
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {pending ? (pendingLabel ?? `${confirmLabel}…`) : confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
