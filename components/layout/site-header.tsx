import Link from "next/link";
import { BrandLogo } from "@/components/brand/brand-logo";
import { MobileNav } from "@/components/layout/mobile-nav";
import { navLinksFor } from "@/components/layout/nav-links";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { buttonClass } from "@/components/ui/button";
import { LinkPending } from "@/components/ui/link-pending";
import type { Branding } from "@/lib/branding";
import type { Actor } from "@/lib/policy/actor";

/**
 * One row at every width: the brand, the role's links (folded into a menu under 640 px), the theme toggle and
 * sign-in or sign-out.
 */
export function SiteHeader({ actor, brand }: { actor: Actor | null; brand: Pick<Branding, "name" | "logoUrl"> }) {
  const links = navLinksFor(actor?.role ?? null);
  return (
    <header className="sticky top-0 z-40 border-b bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-6">
        <Link href="/" className="min-w-0 shrink rounded-md text-foreground" data-testid="brand-home">
          <BrandLogo brand={brand} nameClassName="text-lg" />
        </Link>
        <ul className="hidden items-center gap-1 text-sm sm:flex">
          {links.map(({ href, label, Icon }) => (
            <li key={href}>
              <Link
                href={href}
                className="relative inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 pr-4 text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground"
              >
                <Icon className="size-4" aria-hidden="true" />
                {label}
                <LinkPending position="right-0.5" />
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex shrink-0 items-center gap-1 text-sm sm:gap-2">
          {actor ? (
            <span className="hidden max-w-56 truncate text-muted-foreground md:inline" data-testid="signed-in-as">
              {actor.email}
            </span>
          ) : null}
          <ThemeToggle />
          <MobileNav role={actor?.role ?? null} />
          {actor ? (
            <SignOutButton />
          ) : (
            <>
              <Link href="/sign-in" className={buttonClass("ghost", "hidden h-9 px-3 sm:inline-flex")}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClass("default", "h-9 px-3")}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
