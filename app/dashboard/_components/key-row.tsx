"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { renameKeyAction, revealKeyAction, revokeKeyAction, rotateKeyAction, setKeyEnabledAction } from "../actions";
import { PasswordPrompt } from "./password-prompt";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Field } from "@/components/ui/field";
import type { ReauthMethod } from "@/lib/auth/reauth-method";
import { gatewayExample } from "@/lib/docs/curl-command";
import { isProvisionedKey } from "@/lib/keys/key-status";

export interface KeyRowData {
  id: string;
  name: string;
  lastFour: string | null;
  status: "PENDING" | "ACTIVE" | "DISABLED" | "REVOKED" | "FAILED";
  failureReason: string | null;
  createdAt: string;
  graceEndsAt: string | null;
  inProgress: string | null;
}

type Panel = "none" | "reveal" | "reauth" | "rename" | "rotate" | "revoke";
type Message = { tone: "error" | "success" | "info"; text: string } | null;

const statusTone = { ACTIVE: "green", DISABLED: "slate", PENDING: "amber", FAILED: "red", REVOKED: "slate" } as const;
const statusLabel = { ACTIVE: "Active", DISABLED: "Disabled", PENDING: "Being created", FAILED: "Failed", REVOKED: "Revoked" } as const;
const graceOptions = [
  { value: "now", label: "Disable the old key now" },
  { value: "1h", label: "Keep the old key working for 1 hour" },
  { value: "24h", label: "Keep the old key working for 24 hours" },
  { value: "7d", label: "Keep the old key working for 7 days" },
] as const;

function when(iso: string) {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

export function KeyRow({ keyData, invokeUrl, reauth }: { keyData: KeyRowData; invokeUrl: string; reauth: ReauthMethod }) {
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>("none");
  const [value, setValue] = useState<string | null>(null);
  const [newKey, setNewKey] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const k = keyData;
  const live = isProvisionedKey(k.status);
  const busy = pending || k.inProgress !== null;

  function settle(result: { ok: true; data: { notice?: string | null } | null } | { ok: false; error: { message: string; fieldErrors?: Record<string, string[]> } }, done: string) {
    if (!result.ok) {
      setFieldErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.fieldErrors ? null : { tone: "error", text: result.error.message });
      return false;
    }
    setFieldErrors({});
    setMessage({ tone: result.data?.notice ? "info" : "success", text: result.data?.notice ?? done });
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
      if (settle(await renameKeyAction(k.id, form), "Key renamed.")) setPanel("none");
    });
  }

  function rotate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await rotateKeyAction(k.id, form);
      if (settle(result.ok ? { ok: true, data: { notice: result.data.notice } } : result, "New key created.")) {
        setNewKey(result.ok ? result.data.value : null);
        setPanel("none");
      }
    });
  }

  function toggle() {
    startTransition(async () => {
      settle(await setKeyEnabledAction(k.id, k.status !== "ACTIVE"), k.status === "ACTIVE" ? "Key disabled: requests with it now get 403." : "Key enabled.");
    });
  }

  function revoke() {
    startTransition(async () => {
      if (settle(await revokeKeyAction(k.id), "Key revoked: it was deleted in AWS and no longer works.")) setPanel("none");
    });
  }

  return (
    <li className="py-4" data-testid="key-row" aria-labelledby={`key-${k.id}-name`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium">
            <span id={`key-${k.id}-name`}>{k.name}</span> <Badge tone={statusTone[k.status]}>{statusLabel[k.status]}</Badge>
            {k.inProgress && k.status !== "PENDING" ? <Badge tone="amber">{k.inProgress}…</Badge> : null}
          </p>
          <p className="text-sm text-slate-500">
            {k.lastFour ? <span className="font-mono">••••{k.lastFour}</span> : null} · created <time dateTime={k.createdAt}>{when(k.createdAt)}</time>
          </p>
          {k.graceEndsAt && k.status === "ACTIVE" ? (
            <p className="text-sm text-amber-800">Replaced by a rotation: disabled automatically at {when(k.graceEndsAt)}.</p>
          ) : null}
          {k.status === "FAILED" && k.failureReason ? <p className="text-sm text-red-700">{k.failureReason}</p> : null}
        </div>
        {live ? (
          <div className="flex flex-wrap gap-2" role="group" aria-label={`Actions for key ${k.name}`}>
            <Button variant="secondary" className="px-3 py-1" onClick={reveal} disabled={busy} aria-label={`Reveal key ${k.name}`}>
              Reveal
            </Button>
            <Button variant="secondary" className="px-3 py-1" onClick={() => setPanel(panel === "rename" ? "none" : "rename")} aria-expanded={panel === "rename"} disabled={busy} aria-label={`Rename key ${k.name}`}>
              Rename
            </Button>
            <Button variant="secondary" className="px-3 py-1" onClick={toggle} disabled={busy} aria-label={`${k.status === "ACTIVE" ? "Disable" : "Enable"} key ${k.name}`}>
              {k.status === "ACTIVE" ? "Disable" : "Enable"}
            </Button>
            {k.status === "ACTIVE" && !k.graceEndsAt ? (
              <Button variant="secondary" className="px-3 py-1" onClick={() => setPanel(panel === "rotate" ? "none" : "rotate")} aria-expanded={panel === "rotate"} disabled={busy} aria-label={`Rotate key ${k.name}`}>
                Rotate
              </Button>
            ) : null}
            <Button variant="danger" className="px-3 py-1" onClick={() => setPanel(panel === "revoke" ? "none" : "revoke")} aria-expanded={panel === "revoke"} disabled={busy} aria-label={`Revoke key ${k.name}`}>
              Revoke
            </Button>
          </div>
        ) : null}
      </div>

      <div aria-live="polite" className="mt-2 empty:hidden">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>

      {panel === "reauth" ? (
        <PasswordPrompt
          method={reauth}
          reason="For your security, enter your password again to reveal a key: your sign-in is not recent."
          onCancel={() => setPanel("none")}
          onConfirmed={() => {
            setPanel("none");
            reveal();
          }}
        />
      ) : null}

      {panel === "reveal" && value ? (
        <div className="mt-3 space-y-2" data-testid="revealed-key">
          <CodeBlock code={value} label={`Key “${k.name}”`} copyLabel="Copy API key" />
          <CodeBlock code={gatewayExample(invokeUrl, value)} label="Try it" copyLabel="Copy curl command" />
          <Button variant="ghost" onClick={() => { setValue(null); setPanel("none"); }}>
            Hide
          </Button>
        </div>
      ) : null}

      {newKey ? (
        <div className="mt-3 space-y-2 rounded-md border border-green-300 bg-green-50 p-4" data-testid="rotated-key">
          <p className="font-semibold text-green-900">Your new key for “{k.name}”. Copy it now and switch your clients over.</p>
          <CodeBlock code={newKey} label="New API key" copyLabel="Copy new API key" />
          <Button variant="ghost" onClick={() => setNewKey(null)}>
            I have saved it — hide
          </Button>
        </div>
      ) : null}

      {panel === "rename" ? (
        <form method="post" onSubmit={rename} noValidate className="mt-3 flex flex-wrap items-end gap-2">
          <div className="min-w-56 flex-1">
            <Field label="New name" name="name" id={`rename-${k.id}`} defaultValue={k.name} maxLength={200} errors={fieldErrors.name} autoFocus />
          </div>
          <Button type="submit" disabled={pending} className="mb-6">
            {pending ? "Saving…" : "Save name"}
          </Button>
        </form>
      ) : null}

      {panel === "rotate" ? (
        <form method="post" onSubmit={rotate} noValidate className="mt-3 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
          <fieldset>
            <legend className="text-sm font-medium">Rotate “{k.name}”: a new key is created in the same tier. What happens to this one?</legend>
            <div className="mt-2 space-y-1">
              {graceOptions.map((o) => (
                <label key={o.value} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="grace" value={o.value} defaultChecked={o.value === "24h"} /> {o.label}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Rotating…" : "Create the new key"}
          </Button>
        </form>
      ) : null}

      {panel === "revoke" ? (
        <div className="mt-3 space-y-3 rounded-md border border-red-300 bg-red-50 p-4" role="alertdialog" aria-labelledby={`revoke-${k.id}`}>
          <p id={`revoke-${k.id}`} className="text-sm text-red-900">
            Revoke “{k.name}”? It is deleted in AWS at once and every request using it gets 403. This cannot be undone.
          </p>
          <div className="flex gap-2">
            <Button variant="danger" onClick={revoke} disabled={pending} aria-busy={pending}>
              {pending ? "Revoking…" : "Yes, revoke it"}
            </Button>
            <Button variant="secondary" onClick={() => setPanel("none")}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
