"use client";

import {
  Activity,
  Bell,
  DatabaseZap,
  FileClock,
  Inbox,
  KeySquare,
  Layers,
  ListChecks,
  Route,
  ShieldCheck,
  Users,
} from "lucide-react";
import { ConsoleNav, type ConsoleGroup } from "@/components/ui/console-nav";

/** The admin console's sections, grouped as an admin thinks of them: the API, the people, the plans, the records. */
export const adminSections: ConsoleGroup[] = [
  {
    group: "API",
    items: [
      { href: "/admin", label: "Overview", Icon: Activity },
      { href: "/admin/methods", label: "Methods", Icon: Route },
      { href: "/admin/stage", label: "Caches & stage", Icon: DatabaseZap },
      { href: "/admin/alarms", label: "Alarms", Icon: Bell },
    ],
  },
  {
    group: "People",
    items: [
      { href: "/admin/customers", label: "Customers", Icon: Users },
      { href: "/admin/tier-requests", label: "Tier requests", Icon: Inbox },
      { href: "/admin/staff", label: "Staff", Icon: ShieldCheck },
    ],
  },
  {
    group: "Plans",
    items: [
      { href: "/admin/tiers", label: "Tiers", Icon: Layers },
      { href: "/admin/keys", label: "Adopt keys", Icon: KeySquare },
    ],
  },
  {
    group: "Records",
    items: [
      { href: "/admin/operations", label: "Operations", Icon: ListChecks },
      { href: "/admin/audit", label: "Audit log", Icon: FileClock },
    ],
  },
];

export function AdminNav() {
  return <ConsoleNav label="Admin console" root="/admin" groups={adminSections} />;
}
