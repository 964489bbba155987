"use client";

import { useState, useTransition } from "react";
import { revealKeyAction } from "../actions";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { curlExample } from "@/lib/gateway/curl-example";

export function RevealKey({ keyId, keyName, invokeUrl }: { keyId: string; keyName: string; invokeUrl: string }) {
  const [pending, startTransition] = useTransition();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function reveal() {
    startTransition(async () => {
      setError(null);
      const result = await revealKeyAction(keyId);
      if (result.ok) setValue(result.data.value);
      else setError(result.error.message);
    });
  }

  if (value) {
    return (
      <div className="mt-3 space-y-2" data-testid="revealed-key">
        <CodeBlock code={value} label={`Key “${keyName}”`} copyLabel="Copy API key" />
        <CodeBlock code={curlExample(invokeUrl, value)} label="Try it" copyLabel="Copy curl command" />
        <Button variant="ghost" onClick={() => setValue(null)}>
          Hide
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" className="px-3 py-1" onClick={reveal} disabled={pending} aria-busy={pending} aria-label={`Reveal key ${keyName}`}>
        {pending ? "Revealing…" : "Reveal"}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
