"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A horizontally scrolling region that shows when there is more to see: a shadowed fade on the side that has
 * hidden content. It is focusable and labelled (role=region), so keyboard users can scroll it with the arrow keys.
 */
export function HorizontalScroll({
  label,
  children,
  className,
  focusable = true,
}: {
  label: string;
  children: ReactNode;
  className?: string;
  /** false when the content is itself focusable (a row of links): tabbing through it scrolls it already. */
  focusable?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const max = element.scrollWidth - element.clientWidth;
      setEdges({ left: element.scrollLeft > 1, right: element.scrollLeft < max - 1 });
    };
    update();
    element.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => {
      element.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, []);

  return (
    <div className={cn("relative min-w-0", className)} data-scroll-left={edges.left || undefined} data-scroll-right={edges.right || undefined}>
      <div
        ref={ref}
        role={focusable ? "region" : undefined}
        aria-label={focusable ? label : undefined}
        tabIndex={focusable ? 0 : undefined}
        className="overflow-x-auto overscroll-x-contain rounded-[inherit] [scrollbar-width:thin]"
      >
        {children}
      </div>
      <span
        aria-hidden="true"
        data-testid={edges.left ? "scroll-cue-left" : undefined}
        className={cn(
          "pointer-events-none absolute inset-y-0 left-0 w-6 rounded-l-[inherit] bg-gradient-to-r from-foreground/15 to-transparent transition-opacity",
          edges.left ? "opacity-100" : "opacity-0",
        )}
      />
      <span
        aria-hidden="true"
        data-testid={edges.right ? "scroll-cue-right" : undefined}
        className={cn(
          "pointer-events-none absolute inset-y-0 right-0 w-6 rounded-r-[inherit] bg-gradient-to-l from-foreground/15 to-transparent transition-opacity",
          edges.right ? "opacity-100" : "opacity-0",
        )}
      />
    </div>
  );
}
