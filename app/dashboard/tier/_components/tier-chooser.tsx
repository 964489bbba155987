"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { cancelTierRequestAction, changeTierAction } from "../actions";
import { TierCard, type TierCardData } from "@/components/tiers/tier-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { keysFitTier } from "@/lib/keys/key-limit";

type Message = { tone: "error" | "success" | "info"; text: string } | null;

export function TierChooser({
  tiers,
  currentTierId,
  liveKeys,
  pendingRequest,
}: {
  tiers: TierCardData[];
  currentTierId: string;
  liveKeys: number;
  pendingRequest: { id: string; toTier: string; createdAt: string } | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<Message>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const current = tiers.find((t) => t.id === currentTierId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await changeTierAction(form);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error.message });
        return;
      }
      setErrors({});
      setConfirming(null);
      setMessage({ tone: result.data.status === "changed" ? "success" : "info", text: result.data.notice });
      router.refresh();
    });
  }

  function cancelRequest(id: string) {
    startTransition(async () => {
      const result = await cancelTierRequestAction(id);
      setMessage(result.ok ? { tone: "success", text: "Your request was cancelled." } : { tone: "error", text: result.error.message });
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
      {pendingRequest ? (
        <div data-request-id={pendingRequest.id}>
        <Alert tone="info" title={`Your request for ${pendingRequest.toTier} is waiting for approval.`}>
          <Button variant="secondary" className="mt-2 px-3 py-1" onClick={() => cancelRequest(pendingRequest.id)} disabled={pending}>
            Cancel the request
          </Button>
        </Alert>
        </div>
      ) : null}
      <div className="grid gap-6 md:grid-cols-3">
        {tiers.map((tier) => {
          const isCurrent = tier.id === currentTierId;
          const tooManyKeys = !keysFitTier(liveKeys, tier);
          return (
            <TierCard
              key={tier.id}
              tier={tier}
              footer={
                isCurrent ? (
                  <p className="rounded-md bg-brand-50 px-3 py-2 text-center text-sm font-semibold text-brand-900" aria-current="true">
                    Your current tier
                  </p>
                ) : confirming === tier.id ? (
                  <form method="post" onSubmit={submit} noValidate className="space-y-3">
                    <input type="hidden" name="tierId" value={tier.id} />
                    {tier.visibility === "APPROVAL" ? (
                      <div className="space-y-1">
                        <label htmlFor={`message-${tier.id}`} className="block text-sm font-medium">
                          Tell us about your needs (optional)
                        </label>
                        <textarea
                          id={`message-${tier.id}`}
                          name="message"
                          rows={3}
                          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                          aria-describedby={`message-${tier.id}-error`}
                        />
                        <FieldErrors id={`message-${tier.id}-error`} errors={errors.message} />
                      </div>
                    ) : (
                      <p className="text-sm text-slate-700">
                        Move your {liveKeys} key{liveKeys === 1 ? "" : "s"} from {current?.name ?? "your tier"} to {tier.name}? The new limits apply at once and the quota starts fresh.
                      </p>
                    )}
                    <div className="flex flex-wrap gap-2">
                      <Button type="submit" disabled={pending} aria-busy={pending}>
                        {pending ? "Working…" : tier.visibility === "APPROVAL" ? "Send request" : `Switch to ${tier.name}`}
                      </Button>
                      <Button type="button" variant="secondary" onClick={() => setConfirming(null)}>
                        Cancel
                      </Button>
                    </div>
                  </form>
                ) : (
                  <Button
                    className="w-full"
                    variant={tier.visibility === "APPROVAL" ? "secondary" : "primary"}
                    disabled={pending || (tier.visibility === "APPROVAL" && pendingRequest !== null) || tooManyKeys}
                    onClick={() => setConfirming(tier.id)}
                  >
                    {tier.visibility === "APPROVAL" ? `Request ${tier.name}` : `Choose ${tier.name}`}
                  </Button>
                )
              }
            />
          );
        })}
      </div>
    </div>
  );
}
