"use client";

import dynamic from "next/dynamic";

/**
 * The layout's Toaster, loaded after the page has hydrated rather than with it: sonner is about 45 kB of script that
 * no page needs before someone acts. Toasts follow actions, so it is always mounted by then.
 */
export const LazyToaster = dynamic(() => import("./sonner").then((m) => m.Toaster), { ssr: false });
