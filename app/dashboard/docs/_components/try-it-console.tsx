"use client";

import Link from "next/link";
import { useEffect, useMemo, useRef, useState, useTransition, type FormEvent } from "react";
import { tryRequestAction } from "../actions";
import { ResponseSummary, ResponseView } from "./response-view";
import { WrappedCode } from "@/components/docs/wrapped-code";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { curlCommand } from "@/lib/docs/curl-command";
import type { ApiOperation, ApiParameter } from "@/lib/docs/openapi";
import { fillPath, isSafeSegment, parseTemplate } from "@/lib/docs/path-template";
import { MAX_BODY_BYTES, tryRequestSchema, type DocumentedRoute, type TryRequestForm } from "@/lib/docs/try-request.schema";
import type { TryResult } from "@/lib/docs/try-result";

/** One of the customer's active keys, as the console may show it: never its value. */
export interface TryKey {
  id: string;
  name: string;
  lastFour: string | null;
}

type Outcome = { kind: "result"; result: TryResult } | { kind: "error"; message: string } | null;

const WITH_BODY: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);

const inputClass =
  "block w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-destructive/50";

export function TryItConsole({ operation, routes, keys, baseUrl }: { operation: ApiOperation; routes: DocumentedRoute[]; keys: TryKey[]; baseUrl: string }) {
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = `${operation.id}-console`;

  useEffect(() => {
    if (open) panelRef.current?.querySelector<HTMLElement>("select, input, textarea, a[href]")?.focus();
  }, [open]);

  return (
    <div className="mt-5 border-t border-border pt-4">
      <Button
        type="button"
        variant="secondary"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${open ? "Hide console" : "Try it"}: ${operation.method} ${operation.path}`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? "Hide console" : "Try it"}
      </Button>
      <div id={panelId} ref={panelRef} hidden={!open}>
        {open ? <TryItForm operation={operation} routes={routes} keys={keys} baseUrl={baseUrl} /> : null}
      </div>
    </div>
  );
}

function initialValues(parameters: ApiParameter[]): Record<string, string> {
  return Object.fromEntries(parameters.map((p) => [`${p.in}:${p.name}`, p.example ?? ""]));
}

function TryItForm({ operation, routes, keys, baseUrl }: { operation: ApiOperation; routes: DocumentedRoute[]; keys: TryKey[]; baseUrl: string }) {
  const schema = useMemo(() => tryRequestSchema(routes), [routes]);
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const greedyParams = new Set((parseTemplate(operation.path) ?? []).flatMap((s) => (s.kind === "param" && s.greedy ? [s.name] : [])));
  const queryParams = operation.parameters.filter((p) => p.in === "query");
  const hasBody = operation.requestBody !== null || WITH_BODY.has(operation.method);
  const contentType = operation.requestBody?.contentType ?? "application/json";

  const [keyId, setKeyId] = useState(keys[0]?.id ?? "");
  const [values, setValues] = useState(() => initialValues(operation.parameters));
  const [body, setBody] = useState(operation.requestBody?.example ?? "");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  const fieldId = (name: string) => `${operation.id}-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const path = fillPath(
    operation.path,
    Object.fromEntries(pathParams.map((p) => [p.name, (values[`path:${p.name}`] ?? "").trim()])),
  );
  const query = queryParams.flatMap((p) => {
    const value = values[`query:${p.name}`] ?? "";
    return value === "" ? [] : [{ name: p.name, value }];
  });
  const sentBody = hasBody ? body : "";
  const curl = curlCommand({ baseUrl, method: operation.method, path, query, body: sentBody, contentType });

  function check(): Record<string, string[]> {
    const found: Record<string, string[]> = {};
    for (const p of [...pathParams, ...queryParams]) {
      const value = (values[`${p.in}:${p.name}`] ?? "").trim();
      if (p.required && value === "") found[`${p.in}:${p.name}`] = [`Enter a value for ${p.name}.`];
      else if (p.in === "path" && !greedyParams.has(p.name) && !isSafeSegment(encodeURIComponent(value))) {
        found[`path:${p.name}`] = [`${p.name} becomes part of the URL path: it cannot contain / or \\, or be . or .. on its own.`];
      }
    }
    if (Object.keys(found).length > 0) return found;
    const parsed = schema.safeParse(request());
    if (parsed.success) return {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      (found[field] ??= []).push(issue.message);
    }
    return found;
  }

  function request(): TryRequestForm {
    return {
      keyId,
      method: operation.method,
      path,
      query,
      headers: sentBody !== "" ? { "content-type": contentType } : {},
      body: sentBody,
    };
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || keys.length === 0) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setOutcome(null);
      focusFirstInvalid();
      return;
    }
    startTransition(async () => {
      const result = await tryRequestAction(request());
      if (result.ok) {
        setOutcome({ kind: "result", result: result.data });
        return;
      }
      setOutcome({ kind: "error", message: result.error.message });
      if (result.error.fieldErrors) {
        setErrors(result.error.fieldErrors);
        focusFirstInvalid();
      }
    });
  }

  const generalErrors = [...(errors.form ?? []), ...(errors.method ?? []), ...(errors.path ?? []), ...(errors.query ?? []), ...(errors.headers ?? [])];

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate aria-label={`Try ${operation.method} ${operation.path}`} className="mt-4 space-y-4">
      {keys.length === 0 ? (
        <Alert tone="warning" title="You need an active API key to send requests">
          <p>
            Requests from this console are sent with one of your own keys.{" "}
            <Link href="/dashboard" className="font-medium underline">
              Create a key on the Keys page
            </Link>
            , then come back here.
          </p>
        </Alert>
      ) : (
        <div className="space-y-1">
          <label htmlFor={fieldId("key")} className="block text-sm font-medium text-foreground">
            API key
          </label>
          <select
            id={fieldId("key")}
            value={keyId}
            onChange={(e) => setKeyId(e.target.value)}
            aria-invalid={errors.keyId ? true : undefined}
            aria-describedby={`${fieldId("key")}-hint ${fieldId("key")}-error`}
            className={inputClass}
          >
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
                {k.lastFour ? ` (••••${k.lastFour})` : ""}
              </option>
            ))}
          </select>
          <p id={`${fieldId("key")}-hint`} className="text-xs text-muted-foreground">
            Sent for you in the x-api-key header; the value is never shown here. Requests count against your quota.
          </p>
          <FieldErrors id={`${fieldId("key")}-error`} errors={errors.keyId} />
        </div>
      )}

      {pathParams.length > 0 || queryParams.length > 0 ? (
        <fieldset className="space-y-3">
          <legend className="mb-1 text-sm font-semibold text-foreground">Parameters</legend>
          {[...pathParams, ...queryParams].map((p) => (
            <Field
              key={`${p.in}:${p.name}`}
              name={fieldId(`${p.in}-${p.name}`)}
              label={`${p.name} (${p.in}${p.required ? ", required" : ""})`}
              hint={[p.type, p.description].filter(Boolean).join(" · ") || undefined}
              placeholder={p.example ?? (p.in === "path" ? `e.g. 1` : "")}
              value={values[`${p.in}:${p.name}`] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [`${p.in}:${p.name}`]: e.target.value }))}
              errors={errors[`${p.in}:${p.name}`]}
              required={p.required}
              autoComplete="off"
              spellCheck={false}
              maxLength={1000}
            />
          ))}
        </fieldset>
      ) : null}

      {hasBody ? (
        <div className="space-y-1">
          <label htmlFor={fieldId("body")} className="block text-sm font-medium text-foreground">
            Request body <span className="font-normal text-muted-foreground">({contentType})</span>
          </label>
          <textarea
            id={fieldId("body")}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={Math.min(12, Math.max(4, body.split("\n").length + 1))}
            spellCheck={false}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={`${fieldId("body")}-hint ${fieldId("body")}-error`}
            className={`${inputClass} font-mono`}
          />
          <p id={`${fieldId("body")}-hint`} className="text-xs text-muted-foreground">
            At most {MAX_BODY_BYTES / 1024} kB. Leave empty to send no body.
          </p>
          <FieldErrors id={`${fieldId("body")}-error`} errors={errors.body} />
        </div>
      ) : null}

      {generalErrors.length > 0 ? <Alert tone="error">{generalErrors.join(" ")}</Alert> : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          aria-disabled={pending || keys.length === 0}
          aria-busy={pending}
          className={pending || keys.length === 0 ? "cursor-not-allowed opacity-60" : ""}
        >
          {pending ? "Sending…" : "Send request"}
        </Button>
        <code className="min-w-0 break-all font-mono text-xs text-muted-foreground">
          {operation.method} {path}
          {query.length > 0 ? `?${new URLSearchParams(query.map((q) => [q.name, q.value])).toString()}` : ""}
        </code>
      </div>

      <div aria-live="polite" aria-atomic="true" className="empty:hidden">
        {pending ? <p className="text-sm text-muted-foreground">Sending the request…</p> : null}
        {!pending && outcome?.kind === "error" ? (
          <Alert tone="error" title="The request was not sent">
            {outcome.message}
          </Alert>
        ) : null}
        {!pending && outcome?.kind === "result" ? <ResponseSummary result={outcome.result} /> : null}
      </div>
      {!pending && outcome?.kind === "result" ? <ResponseView result={outcome.result} /> : null}

      <WrappedCode code={curl} label="As a curl command" copyLabel="Copy curl" breakAll />
    </form>
  );
}
