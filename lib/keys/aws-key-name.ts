import "server-only";
import { env } from "@/lib/env";

/** The prefix of every AWS key this portal creates (GATEHOUSE_KEY_PREFIX): how reconcile tells its keys apart. */
export function awsKeyPrefix(): string {
  return env().GATEHOUSE_KEY_PREFIX;
}

/** The AWS name of the key behind a Gatehouse key record: unique, and findable with a name-prefix query. */
export function awsKeyName(recordId: string): string {
  return `${awsKeyPrefix()}${recordId}`;
}
