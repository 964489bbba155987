"use client";

/**
 * A toast through sonner, once the layout's <Toaster> is on the page (it loads sonner). sonner adds its stylesheet
 * as a <style> element without the CSP nonce when its module first runs, which the portal's CSP blocks and reports;
 * so this never is what loads it: without a Toaster it does nothing (every result is also shown in place).
 */
export function notify(text: string, tone: "success" | "info" = "success"): void {
  if (typeof document === "undefined" || !document.querySelector("section[aria-label^='Notifications']")) return;
  void import("sonner").then(({ toast }) => (tone === "success" ? toast.success(text) : toast.info(text)));
}
