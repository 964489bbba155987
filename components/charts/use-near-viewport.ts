"use client";

import { useEffect, useState, type RefObject } from "react";

type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
};

/**
 * Becomes true once `ref`'s element comes within `rootMargin` of the viewport (and, with `whenIdle`, once the
 * browser is idle after that), so a chart's script is fetched only when someone is about to see it.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>, { rootMargin = "100px", whenIdle = false } = {}): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const w = window as IdleWindow;
    let idle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        if (!whenIdle) setNear(true);
        else if (w.requestIdleCallback) idle = w.requestIdleCallback(() => setNear(true), { timeout: 1500 });
        else timer = setTimeout(() => setNear(true), 200);
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      if (idle !== undefined) w.cancelIdleCallback?.(idle);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ref, rootMargin, whenIdle]);
  return near;
}
