"use client";

import { useState } from "react";
import { DecideForm } from "./decide-form";
import { Alert } from "@/components/ui/alert";

export interface RequestCard {
  id: string;
  customerName: string;
  company: string | null;
  fromTier: string;
  toTier: string;
  message: string | null;
  createdAt: string;
}

/** The waiting requests; the outcome of the last decision stays on screen after its card leaves the list. */
export function RequestList({ requests }: { requests: RequestCard[] }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <div aria-live="polite" className="mb-4 empty:hidden">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
      </div>
      {requests.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">No requests are waiting.</p>
      ) : (
        <ul className="space-y-4" aria-label="Waiting requests">
          {requests.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-5" data-testid="tier-request">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  {r.customerName}
                  {r.company ? <span className="font-normal text-slate-500"> · {r.company}</span> : null}
                </h2>
                <time className="text-sm text-slate-500" dateTime={r.createdAt}>
                  {r.createdAt.slice(0, 16).replace("T", " ")} UTC
                </time>
              </div>
              <p className="mt-1 text-sm">
                {r.fromTier} → <strong>{r.toTier}</strong>
              </p>
              {r.message ? <blockquote className="mt-2 border-l-4 border-slate-200 pl-3 text-sm text-slate-700">{r.message}</blockquote> : null}
              <DecideForm requestId={r.id} customerName={r.customerName} onDecided={setNotice} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
