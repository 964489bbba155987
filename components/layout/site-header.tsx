import Link from "next/link";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { LinkPending } from "@/components/ui/link-pending";
import type { Actor } from "@/lib/policy/actor";

const roleLinks = {
  CUSTOMER: [{ href: "/dashboard", label: "Dashboard" }],
  ADMIN: [
    { href: "/admin/customers", label: "Customers" },
    { href: "/admin/tier-requests", label: "Tier requests" },
    { href: "/billing", label: "Billing" },
  ],
  BILLING: [{ href: "/billing", label: "Billing" }],
} as const;

export function SiteHeader({ actor }: { actor: Actor | null }) {
  const links = actor ? roleLinks[actor.role] : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-brand-900">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-brand-600" />
          Gatehouse
        </Link>
        <ul className="flex flex-wrap items-center gap-4 text-sm">
          <li>
            <Link href="/pricing" className="text-slate-700 hover:text-brand-700">
              Pricing
            </Link>
          </li>
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="relative text-slate-700 hover:text-brand-700">
                {l.label}
                <LinkPending position="-right-3.5" />
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span className="hidden text-slate-600 sm:inline" data-testid="signed-in-as">
                {actor.email}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/sign-in" className="text-slate-700 hover:text-brand-700">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
