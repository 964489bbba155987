"use client";

import { useLinkStatus } from "next/link";

/**
 * Placed inside a <Link> (which needs `relative`): a small spinner while the navigation the link started is under
 * way (inside the link's right padding, or where `position` says), and "Loading…" for screen readers. Dynamic pages
 * render on the server first, so without it a click would look dead until the page arrives. It takes no space, so
 * nothing shifts.
 */
export function LinkPending({ position = "right-0.5" }: { position?: string }) {
  const { pending } = useLinkStatus();
  return (
    <>
      <span
        aria-hidden="true"
        className={`pointer-events-none absolute ${position} top-1/2 h-2.5 w-2.5 -translate-y-1/2 rounded-full border-2 border-current border-r-transparent ${pending ? "animate-spin opacity-80" : "opacity-0"}`}
        data-testid={pending ? "link-pending" : undefined}
      />
      <span role="status" className="sr-only">
        {pending ? "Loading…" : ""}
      </span>
    </>
  );
}
