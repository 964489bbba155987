"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { cancelTierRequestAction, changeTierAction } from "../actions";
import { TierCard, type TierCardData } from "@/components/tiers/tier-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { needsPriceAcknowledgement, priceChangeSentence } from "@/lib/format/tier";
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

  function choose(tierId: string | null) {
    setConfirming(tierId);
    setErrors({});
    setMessage(null);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await changeTierAction(form);
      if (!result.ok) {
        const fieldErrors = result.error.fieldErrors ?? {};
        setErrors(fieldErrors);
        // A message that belongs to a field is shown by that field, once.
        setMessage(Object.keys(fieldErrors).length > 0 ? null : { tone: "error", text: result.error.message });
        return;
      }
      setErrors({});
      setConfirming(null);
      // A request is shown by the "waiting for approval" banner the refreshed page brings: one banner, not two.
      setMessage(result.data.status === "requested" ? null : { tone: result.data.status === "changed" ? "success" : "info", text: result.data.notice });
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
      <div aria-live="polite" className="empty:hidden">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
      {pendingRequest ? (
        <div data-request-id={pendingRequest.id}>
          <Alert tone="info" title={`Your request for ${pendingRequest.toTier} is waiting for approval.`}>
            <p>An administrator will review it; your current tier stays in place until then.</p>
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
          const paidUpgrade = tier.visibility === "PUBLIC" && needsPriceAcknowledgement(current, tier);
          const ackId = `acknowledge-${tier.id}`;
          return (
            <TierCard
              key={tier.id}
              tier={tier}
              current={isCurrent}
              footer={
                isCurrent ? (
                  <p className="rounded-md bg-primary/10 px-3 py-2 text-center text-sm font-semibold text-primary" aria-current="true">
                    Your current tier
                  </p>
                ) : confirming === tier.id ? (
                  <form method="post" onSubmit={submit} noValidate className="space-y-3" aria-label={`Change to ${tier.name}`}>
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
                          className="block w-full rounded-md border border-input bg-background px-3 py-2 text-sm text-foreground"
                          aria-describedby={`message-${tier.id}-error`}
                        />
                        <FieldErrors id={`message-${tier.id}-error`} errors={errors.message} />
                      </div>
                    ) : (
                      <p className="text-sm text-foreground">
                        Move your {liveKeys} key{liveKeys === 1 ? "" : "s"} from {current?.name ?? "your tier"} to {tier.name}? The new limits apply at once and the quota starts fresh.
                      </p>
                    )}
                    {paidUpgrade ? (
                      <div className="space-y-2 rounded-md border border-warning/40 bg-warning-muted p-3 text-sm text-foreground" data-testid="price-change">
                        <p>
                          <span className="font-semibold">Price:</span> {priceChangeSentence(current, tier)}.
                        </p>
                        <div className="flex items-start gap-2">
                          <input
                            id={ackId}
                            name="acknowledgePrice"
                            type="checkbox"
                            className="mt-0.5 size-4 shrink-0 accent-primary"
                            aria-invalid={errors.acknowledgePrice?.length ? true : undefined}
                            aria-describedby={`${ackId}-error`}
                          />
                          <label htmlFor={ackId} className="font-medium">
                            I accept the new price of {tier.name}
                          </label>
                        </div>
                        <FieldErrors id={`${ackId}-error`} errors={errors.acknowledgePrice} />
                      </div>
                    ) : null}
                    <FieldErrors id={`tier-${tier.id}-error`} errors={errors.tierId} />
                    <div className="flex flex-wrap gap-2">
                      <Button type="submit" disabled={pending} aria-busy={pending}>
                        {pending ? "Working…" : tier.visibility === "APPROVAL" ? "Send request" : `Switch to ${tier.name}`}
                      </Button>
                      <Button type="button" variant="secondary" onClick={() => choose(null)}>
                        Cancel
                      </Button>
                    </div>
                  </form>
                ) : (
                  <Button
                    className="w-full"
                    variant={tier.visibility === "APPROVAL" ? "secondary" : "primary"}
                    disabled={pending || (tier.visibility === "APPROVAL" && pendingRequest !== null) || tooManyKeys}
                    onClick={() => choose(tier.id)}
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
