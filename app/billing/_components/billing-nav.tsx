"use client";

import { BellRing, CalendarCheck, FileBarChart, History, Users } from "lucide-react";
import { ConsoleNav, type ConsoleGroup } from "@/components/ui/console-nav";

/** The billing console's sections: what was used and what it costs, who used it, and the closed records. */
export const billingSections: ConsoleGroup[] = [
  {
    group: "Usage",
    items: [
      { href: "/billing", label: "Period report", Icon: FileBarChart },
      { href: "/billing/alerts", label: "Quota alerts", Icon: BellRing },
      { href: "/billing/usage-history", label: "Usage history", Icon: History },
    ],
  },
  {
    group: "People",
    items: [{ href: "/billing/customers", label: "Customers", Icon: Users }],
  },
  {
    group: "Records",
    items: [{ href: "/billing/periods", label: "Periods", Icon: CalendarCheck }],
  },
];

export function BillingNav() {
  return <ConsoleNav label="Billing console" root="/billing" groups={billingSections} />;
}
