"use client";

import { EllipsisIcon, EyeIcon, PencilIcon, PowerIcon, PowerOffIcon, RefreshCwIcon, Trash2Icon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { renameKeyAction, revealKeyAction, setKeyEnabledAction } from "../actions";
import { InlineMessage, type MessageTone } from "./inline-message";
import { KeySecret } from "./key-secret";
import { useKeyList } from "./key-list-state";
import { PasswordPrompt } from "./password-prompt";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import type { ReauthMethod } from "@/lib/auth/reauth-method";

/** What the row's client part needs about its key (plain data: the row itself is rendered on the server). */
export interface KeyActionsData {
  id: string;
  name: string;
  lastFour: string | null;
  status: "PENDING" | "ACTIVE" | "DISABLED" | "REVOKED" | "FAILED";
  /** A change is queued or running on the key: its actions wait. */
  busy: boolean;
  /** An active key that is not itself being replaced. */
  canRotate: boolean;
}

type Panel = "none" | "reveal" | "reauth" | "rename";
type Dialog = "none" | "rotate" | "revoke";
type Message = { tone: MessageTone; text: string } | null;

/**
 * The interactive part of a key row: its actions menu (Reveal, Rename, Disable/Enable, Rotate, Revoke), the panels
 * and confirmations those open, and results, around the row's server-rendered summary.
 */
export function KeyRowActions({
  keyData: k,
  invokeUrl,
  reauth,
  summary,
  details,
}: {
  keyData: KeyActionsData;
  invokeUrl: string;
  reauth: ReauthMethod;
  /** Server-rendered: name, state, usage (beside the actions button). */
  summary: ReactNode;
  /** Server-rendered: warnings under the row's header, the whole width. */
  details?: ReactNode;
}) {
  const router = useRouter();
  const { fresh, showFresh } = useKeyList();
  const [panel, setPanel] = useState<Panel>("none");
  const [dialog, setDialog] = useState<Dialog>("none");
  const [value, setValue] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const triggerRef = useRef<HTMLButtonElement>(null);
  /** Set when a menu item opens something that takes the focus (a dialog, the rename field). */
  const focusMovesOn = useRef(false);
  const opening = (open: () => void) => () => {
    focusMovesOn.current = true;
    open();
  };
  const provisioned = k.status === "ACTIVE" || k.status === "DISABLED";
  const busy = pending || k.busy;
  const justMade = fresh[k.id];

  /** Back to the menu's button when a dialog closes (the menu item that opened it is gone). */
  const focusTrigger = (event: Event) => {
    event.preventDefault();
    triggerRef.current?.focus();
  };

  /** Closes a panel and puts the focus back on the actions button (the panel's own button is gone). */
  function closePanel() {
    setPanel("none");
    setValue(null);
    triggerRef.current?.focus();
  }

  function settle(result: { ok: true; data: { notice?: string | null } | null } | { ok: false; error: { message: string; fieldErrors?: Record<string, string[]> } }, done: string) {
    if (!result.ok) {
      setFieldErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.fieldErrors ? null : { tone: "error", text: result.error.message });
      return false;
    }
    setFieldErrors({});
    const text = result.data?.notice ?? done;
    setMessage({ tone: result.data?.notice ? "info" : "success", text });
    router.refresh();
    return true;
  }

  function reveal() {
    startTransition(async () => {
      setMessage(null);
      const result = await revealKeyAction(k.id);
      if (result.ok) {
        setValue(result.data.value);
        setPanel("reveal");
      } else if (result.error.code === "reauthenticate") setPanel("reauth");
      else setMessage({ tone: "error", text: result.error.message });
    });
  }

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      if (settle(await renameKeyAction(k.id, form), "Key renamed.")) closePanel();
    });
  }

  function toggle() {
    const enable = k.status !== "ACTIVE";
    startTransition(async () => {
      settle(await setKeyEnabledAction(k.id, enable), enable ? "Key enabled." : "Key disabled: requests with it now get 403.");
    });
  }

  return (
    <>
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">{summary}</div>
        {provisioned ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild ref={triggerRef}>
              <Button variant="secondary" className="shrink-0 px-2.5" aria-label={`Actions for ${k.name}`} aria-busy={busy}>
                <EllipsisIcon aria-hidden="true" className="size-4" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent
              align="end"
              className="w-48"
              onCloseAutoFocus={(event) => {
                if (!focusMovesOn.current) return;
                focusMovesOn.current = false;
                event.preventDefault();
              }}
            >
              <DropdownMenuItem onSelect={reveal} disabled={busy}>
                <EyeIcon aria-hidden="true" /> Reveal key
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={opening(() => setPanel("rename"))} disabled={busy}>
                <PencilIcon aria-hidden="true" /> Rename
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={toggle} disabled={busy}>
                {k.status === "ACTIVE" ? <PowerOffIcon aria-hidden="true" /> : <PowerIcon aria-hidden="true" />}
                {k.status === "ACTIVE" ? "Disable" : "Enable"}
              </DropdownMenuItem>
              {k.canRotate ? (
                <DropdownMenuItem onSelect={opening(() => setDialog("rotate"))} disabled={busy}>
                  <RefreshCwIcon aria-hidden="true" /> Rotate…
                </DropdownMenuItem>
              ) : null}
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={opening(() => setDialog("revoke"))} disabled={busy}>
                <Trash2Icon aria-hidden="true" /> Revoke…
              </DropdownMenuItem>
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>

      {details}

      <div aria-live="polite" className="mt-2 empty:hidden">
        {message ? <InlineMessage tone={message.tone}>{message.text}</InlineMessage> : null}
      </div>

      {justMade ? (
        <div className="mt-3 space-y-3 rounded-md border border-success/50 bg-success-muted p-4" data-testid="rotated-key">
          {justMade.value ? (
            <>
              <p className="font-semibold">Your new key for “{justMade.name}”. Copy it now and switch your clients over.</p>
              <KeySecret value={justMade.value} label="New API key" copyLabel="Copy new API key" invokeUrl={invokeUrl} />
            </>
          ) : (
            <p>{justMade.notice ?? "The new key is being created; reveal it from this row once it is active."}</p>
          )}
          <Button variant="secondary" onClick={() => showFresh(k.id, null)}>
            {justMade.value ? "I have saved it — hide" : "Hide"}
          </Button>
        </div>
      ) : null}

      {panel === "reauth" ? (
        <PasswordPrompt
          method={reauth}
          reason="For your security, enter your password again to reveal a key: your sign-in is not recent."
          onCancel={closePanel}
          onConfirmed={() => {
            setPanel("none");
            reveal();
          }}
        />
      ) : null}

      {panel === "reveal" && value ? (
        <div className="mt-3 space-y-2" data-testid="revealed-key">
          <KeySecret value={value} label={`Key “${k.name}”`} copyLabel="Copy API key" invokeUrl={invokeUrl} />
          <Button variant="secondary" onClick={closePanel}>
            Hide
          </Button>
        </div>
      ) : null}

      {panel === "rename" ? (
        <form method="post" onSubmit={rename} noValidate className="mt-3 flex flex-wrap items-end gap-2" aria-label={`Rename ${k.name}`}>
          <div className="min-w-0 flex-1 basis-56">
            <Field label="New name" name="name" id={`rename-${k.id}`} defaultValue={k.name} maxLength={200} errors={fieldErrors.name} autoFocus />
          </div>
          <div className="mb-6 flex gap-2">
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? "Saving…" : "Save name"}
            </Button>
            <Button type="button" variant="secondary" onClick={closePanel}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {provisioned ? (
        <>
          <RevokeKeyDialog
            keyId={k.id}
            title={`Revoke “${k.name}”?`}
            lastFour={k.lastFour}
            open={dialog === "revoke"}
            onOpenChange={(open) => setDialog(open ? "revoke" : "none")}
            onCloseAutoFocus={focusTrigger}
          />
          {k.canRotate ? (
            <RotateKeyDialog
              keyId={k.id}
              name={k.name}
              lastFour={k.lastFour}
              open={dialog === "rotate"}
              onOpenChange={(open) => setDialog(open ? "rotate" : "none")}
              onCloseAutoFocus={focusTrigger}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
