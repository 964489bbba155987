import { SearchX } from "lucide-react";
import Link from "next/link";
import { StatusPage } from "@/components/layout/status-page";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <StatusPage
      Icon={SearchX}
      code="404"
      title="Page not found"
      actions={
        <Link href="/" className={buttonClass("default")}>
          Go to the home page
        </Link>
      }
    >
      <p>The address may be mistyped, or the page has moved.</p>
    </StatusPage>
  );
}
