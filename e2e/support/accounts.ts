import { randomUUID } from "node:crypto";

export const demoAccounts = {
  customer: "customer@gatehouse.local",
  admin: "admin@gatehouse.local",
  billing: "billing@gatehouse.local",
} as const;

export const storageState = (role: keyof typeof demoAccounts) => `${process.env.PW_OUTPUT_DIR ?? "test-results"}/.auth/${role}.json`;

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
