import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Newer/older links of a keyset-paginated list; `href` builds the URL for a cursor on one side. */
export function KeysetPager({ label, newer, older, href }: { label: string; newer: string | null; older: string | null; href: (side: "after" | "before", cursor: string) => string }) {
  if (!newer && !older) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2 text-sm">
      {newer ? (
        <Link href={href("after", newer)} className={buttonClass("outline", "h-8 px-3")} rel="prev">
          <ChevronLeft aria-hidden="true" /> Newer
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={href("before", older)} className={buttonClass("outline", "h-8 px-3")} rel="next">
          Older <ChevronRight aria-hidden="true" />
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** An ISO time as "2026-12-03 14:05 UTC" in a <time> element. */
export function UtcTime({ iso, seconds = false }: { iso: string; seconds?: boolean }) {
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {iso.slice(0, seconds ? 19 : 16).replace("T", " ")} UTC
    </time>
  );
}
