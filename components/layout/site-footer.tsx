import { Mail } from "lucide-react";
import Link from "next/link";
import { BrandLogo } from "@/components/brand/brand-logo";
import type { Branding } from "@/lib/branding";

const linkClass = "rounded-sm text-muted-foreground underline-offset-4 transition-colors hover:text-foreground hover:underline";

/** The brand, the support address and the configured footer links, and a quiet "Powered by Gatehouse". */
export function SiteFooter({ brand }: { brand: Branding }) {
  const year = new Date().getFullYear();
  return (
    <footer className="mt-16 border-t bg-muted/40">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-8 text-sm sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-2">
          <BrandLogo brand={brand} nameClassName="text-base" />
          <p className="text-muted-foreground">
            © {year} {brand.name} · Powered by Gatehouse
          </p>
        </div>
        <nav aria-label="Footer">
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href="/pricing" className={linkClass}>
                Pricing
              </Link>
            </li>
            <li>
              <Link href="/dashboard/docs" className={linkClass}>
                API docs
              </Link>
            </li>
            {brand.footerLinks.map((link) => (
              <li key={`${link.label}-${link.href}`}>
                <a href={link.href} className={linkClass}>
                  {link.label}
                </a>
              </li>
            ))}
            {brand.supportEmail ? (
              <li>
                <a href={`mailto:${brand.supportEmail}`} className={`${linkClass} inline-flex items-center gap-1.5`}>
                  <Mail className="size-4" aria-hidden="true" />
                  {brand.supportEmail}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
