import { ShieldX } from "lucide-react";
import Link from "next/link";
import { StatusPage } from "@/components/layout/status-page";
import { buttonClass } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <StatusPage
      Icon={ShieldX}
      code="403"
      title="You don't have access to this page"
      actions={
        <Link href="/" className={buttonClass("default")}>
          Go to the home page
        </Link>
      }
    >
      <p>Your account&apos;s role does not include this area. If you think it should, ask an administrator.</p>
    </StatusPage>
  );
}
