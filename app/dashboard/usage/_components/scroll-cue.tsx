import type { CSSProperties, ReactNode } from "react";

// Scroll shadows without script: the covers (attached to the content) hide the shadows (attached to the box) at
// either end, so a shadow shows exactly on a side with more to scroll to.
const shadows: CSSProperties = {
  background: [
    "linear-gradient(to right, var(--card) 30%, transparent) left center / 2.5rem 100% no-repeat local",
    "linear-gradient(to left, var(--card) 30%, transparent) right center / 2.5rem 100% no-repeat local",
    "radial-gradient(farthest-side at 0 50%, color-mix(in oklch, var(--foreground) 22%, transparent), transparent) left center / 0.9rem 100% no-repeat scroll",
    "radial-gradient(farthest-side at 100% 50%, color-mix(in oklch, var(--foreground) 22%, transparent), transparent) right center / 0.9rem 100% no-repeat scroll",
  ].join(", "),
};

/** A horizontally scrolling region with a visible cue (a shadow on the side that has more) and a keyboard stop. */
export function ScrollCue({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto" style={shadows}>
      {children}
    </div>
  );
}
