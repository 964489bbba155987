"use client";

import { ArrowLeft, Loader2 } from "lucide-react";
import { useState, useTransition, type FormEvent } from "react";
import { updateStageSettingsAction } from "../actions";
import type { StageTargetView } from "./cache-cluster-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import {
  CACHE_CONTROL_STRATEGIES,
  describeTarget,
  desiredSetting,
  MAX_CACHE_TTL_SECONDS,
  methodSettingFormSchema,
  settingPatch,
  STAGE_DEFAULT_KEY,
  STRATEGY_LABELS,
  type PatchPreviewLine,
} from "@/lib/stage/method-settings";
import type { MethodSettingRow } from "@/lib/stage/queries";

type Fields = Record<string, string>;

/**
 * Edits one target's throttling and caching in two steps: the form (validated here and again on the server), then a
 * preview of the exact UpdateStage patch operations; only "Apply" calls AWS, with the previewed patch, which the
 * server checks against the stage as it is then.
 */
export function SettingsEditor({
  target,
  row,
  onClose,
  onApplied,
}: {
  target: StageTargetView;
  row: MethodSettingRow | null;
  onClose: () => void;
  onApplied: (message: string) => void;
}) {
  return (
    <Dialog open={row !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {row ? <EditorBody key={row.key} target={target} row={row} onApplied={onApplied} /> : null}
    </Dialog>
  );
}

function EditorBody({ target, row, onApplied }: { target: StageTargetView; row: MethodSettingRow; onApplied: (message: string) => void }) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ fields: Fields; lines: PatchPreviewLine[] } | null>(null);
  const [pending, startTransition] = useTransition();
  const s = row.effective;
  const what = describeTarget(row.key);

  function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: Fields = {};
    for (const [k, v] of new FormData(event.currentTarget).entries()) if (typeof v === "string") fields[k] = v;
    setMessage(null);
    const parsed = methodSettingFormSchema.safeParse(fields);
    if (!parsed.success) {
      const errors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
      setFieldErrors(errors);
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setFieldErrors({});
    const lines = settingPatch(row.key, row.effective, desiredSetting(parsed.data));
    if (lines.length === 0) {
      setMessage(`Nothing to change: these are already the settings of ${what}.`);
      return;
    }
    setPreview({ fields, lines });
  }

  function apply() {
    if (!preview) return;
    startTransition(async () => {
      setMessage(null);
      const result = await updateStageSettingsAction({
        ...preview.fields,
        api: target.api,
        stage: target.stage,
        previewed: JSON.stringify(preview.lines.map((l) => l.operation)),
      } as Parameters<typeof updateStageSettingsAction>[0]);
      if (result.ok) {
        onApplied(result.data.message);
        return;
      }
      setMessage(result.error.message);
      if (result.error.fieldErrors) {
        setFieldErrors(result.error.fieldErrors);
        setPreview(null);
      }
    });
  }

  return (
    <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-xl overflow-y-auto [&>*]:min-w-0">
      <DialogHeader>
        <DialogTitle>{preview ? `Review changes to ${what}` : `Edit ${what}`}</DialogTitle>
        <DialogDescription>
          {target.apiName} ({target.api}), stage {target.stage}.{" "}
          {row.key === STAGE_DEFAULT_KEY
            ? "Methods without their own settings follow these."
            : row.overridden
              ? "This method has its own settings."
              : "This method follows the stage default; saving gives it its own settings."}
        </DialogDescription>
      </DialogHeader>

      {message ? (
        <Alert tone="error" data-testid="settings-message">
          {message}
        </Alert>
      ) : null}

      {preview ? (
        <div className="space-y-4">
          <div>
            <h3 className="mb-2 text-sm font-semibold">What changes</h3>
            <ul className="divide-y rounded-md border text-sm" data-testid="settings-preview">
              {preview.lines.map((l) => (
                <li key={l.operation.path} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2">
                  <span>{l.label}</span>
                  <span className="tabular-nums">
                    <span className="text-muted-foreground line-through">{l.from}</span> → <span className="font-medium">{l.to}</span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold">UpdateStage patch operations</h3>
            <pre className="overflow-x-auto rounded-md border bg-muted p-3 text-xs" data-testid="settings-patch">
              {JSON.stringify(
                preview.lines.map((l) => l.operation),
                null,
                2,
              )}
            </pre>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setPreview(null)} disabled={pending}>
              <ArrowLeft aria-hidden="true" /> Back to the form
            </Button>
            <Button onClick={apply} disabled={pending} aria-busy={pending}>
              {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
              {pending ? "Applying…" : `Apply ${preview.lines.length} change${preview.lines.length === 1 ? "" : "s"}`}
            </Button>
          </DialogFooter>
        </div>
      ) : null}
      {/* Kept mounted (hidden) during the preview so "Back to the form" returns to what was typed. */}
      <form noValidate onSubmit={onPreview} hidden={preview !== null} className="space-y-5" aria-label={`Settings of ${what}`}>
          <input type="hidden" name="target" value={row.key} />
          <FieldErrors id="target-error" errors={fieldErrors.target} />
          <fieldset className="space-y-3">
            <legend className="mb-2 text-sm font-semibold">Throttling</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                label="Rate limit (requests per second)"
                name="throttlingRateLimit"
                type="number"
                step="any"
                inputMode="decimal"
                defaultValue={s?.throttlingRateLimit}
                errors={fieldErrors.throttlingRateLimit}
              />
              <Field
                label="Burst limit (requests)"
                name="throttlingBurstLimit"
                type="number"
                step="1"
                inputMode="numeric"
                defaultValue={s?.throttlingBurstLimit}
                errors={fieldErrors.throttlingBurstLimit}
              />
            </div>
          </fieldset>
          <fieldset className="space-y-3">
            <legend className="mb-2 text-sm font-semibold">Caching</legend>
            <Checkbox name="cachingEnabled" label="Cache responses" defaultChecked={s?.cachingEnabled} />
            <Field
              label="Time to live (seconds)"
              name="cacheTtlInSeconds"
              type="number"
              step="1"
              inputMode="numeric"
              hint={`0 to ${MAX_CACHE_TTL_SECONDS} seconds; 0 turns caching off for the method.`}
              defaultValue={s?.cacheTtlInSeconds}
              errors={fieldErrors.cacheTtlInSeconds}
            />
            <Checkbox name="cacheDataEncrypted" label="Encrypt cached data" defaultChecked={s?.cacheDataEncrypted} />
            <Checkbox
              name="requireAuthorizationForCacheControl"
              label="Require authorization to invalidate (Cache-Control: max-age=0)"
              defaultChecked={s?.requireAuthorizationForCacheControl}
            />
            <div className="space-y-1.5">
              <label htmlFor="unauthorizedCacheControlHeaderStrategy" className="block text-sm font-medium">
                Unauthorized invalidation requests
              </label>
              <NativeSelect
                id="unauthorizedCacheControlHeaderStrategy"
                name="unauthorizedCacheControlHeaderStrategy"
                defaultValue={s?.unauthorizedCacheControlHeaderStrategy}
                aria-invalid={fieldErrors.unauthorizedCacheControlHeaderStrategy ? true : undefined}
                aria-describedby="unauthorizedCacheControlHeaderStrategy-error"
                className="h-10"
              >
                {CACHE_CONTROL_STRATEGIES.map((v) => (
                  <option key={v} value={v}>
                    {STRATEGY_LABELS[v]}
                  </option>
                ))}
              </NativeSelect>
              <FieldErrors id="unauthorizedCacheControlHeaderStrategy-error" errors={fieldErrors.unauthorizedCacheControlHeaderStrategy} />
            </div>
          </fieldset>
          <DialogFooter>
            <Button type="submit">Preview changes</Button>
          </DialogFooter>
      </form>
    </DialogContent>
  );
}

function Checkbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input id={name} name={name} type="checkbox" defaultChecked={defaultChecked} className="mt-0.5 size-4 accent-primary" />
      <label htmlFor={name} className="text-sm">
        {label}
      </label>
    </div>
  );
}
