"use client";

import { setNonce } from "get-nonce";

/**
 * Radix's modal layers (alert dialog, dialog, dropdown menu) lock page scroll with a <style> element they add at run
 * time (react-remove-scroll, through react-style-singleton). Under the portal's CSP (`style-src 'self' 'nonce-…'`)
 * that element needs this document's nonce, which react-style-singleton reads from get-nonce. The nonce is the one
 * on the page's own scripts: browsers hide the attribute's value but keep it in the `.nonce` property. Idempotent.
 */
export function applyStyleNonce(): void {
  if (typeof document === "undefined") return;
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}
