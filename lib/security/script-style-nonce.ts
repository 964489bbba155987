/**
 * In the browser: every <style> element that script creates gets this page's CSP nonce. Libraries insert styles from
 * script (sonner's stylesheet at load time, Radix's scroll lock when a dialog or menu opens); the policy
 * (style-src 'nonce-…') would refuse them and report a violation. Scripts run only with the nonce already ('strict-dynamic'), so a style they add is as trusted as they
 * are. The nonce is read from Next.js's own scripts (the `nonce` property survives the browser's nonce hiding).
 */
export function nonceScriptCreatedStyles(doc: Document = document): void {
  const nonce = doc.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (!nonce) return;
  const createElement = doc.createElement;
  doc.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = createElement.call(this, tagName, options);
    if (tagName.toLowerCase() === "style") element.setAttribute("nonce", nonce);
    return element;
  } as Document["createElement"];
}
