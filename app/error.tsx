"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-bold">This page could not be loaded</h1>
      <p className="mt-2 text-slate-600">
        A service Gatehouse depends on did not answer. Nothing you entered was lost; try again in a moment.
        {error.digest ? <span className="mt-2 block text-xs text-slate-500">Reference: {error.digest}</span> : null}
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
