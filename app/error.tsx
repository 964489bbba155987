"use client";

import { RotateCw, TriangleAlert } from "lucide-react";
import { StatusPage } from "@/components/layout/status-page";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert">
      <StatusPage
        Icon={TriangleAlert}
        title="This page could not be loaded"
        actions={
          <Button onClick={reset}>
            <RotateCw aria-hidden="true" /> Try again
          </Button>
        }
      >
        <p>A service this portal depends on did not answer. Nothing you entered was lost; try again in a moment.</p>
        {error.digest ? <p className="mt-2 text-xs">Reference: {error.digest}</p> : null}
      </StatusPage>
    </div>
  );
}
