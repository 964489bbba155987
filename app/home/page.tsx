import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";

// Where sign-in lands: each role's own start page.
const startPage = { CUSTOMER: "/dashboard", ADMIN: "/admin", BILLING: "/billing" } as const;

export const dynamic = "force-dynamic";

export default async function HomeRedirect() {
  const actor = await getActor();
  redirect(actor ? startPage[actor.role] : "/sign-in");
}
