import { branding } from "@/lib/branding";
import { GATEHOUSE_ICON_SVG } from "@/lib/brand-icon";

// The portal's icon, also answering /favicon.ico (a rewrite in next.config.js), which browsers ask for on every site
// whatever the page links: the brand's icon (a redirect to GATEHOUSE_BRAND_FAVICON_URL) or Gatehouse's own, an SVG.
// Read per request: the brand comes from the running server's configuration, not the build's.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  const { faviconUrl } = branding();
  if (faviconUrl) return Response.redirect(new URL(faviconUrl, request.url), 307);
  return new Response(GATEHOUSE_ICON_SVG, {
    headers: { "Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=86400" },
  });
}
