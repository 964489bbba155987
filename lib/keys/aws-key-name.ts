/** The AWS name of the key behind a Gatehouse key record: unique, and findable with a name-prefix query. */
export function awsKeyName(recordId: string): string {
  return `gatehouse-${recordId}`;
}

export const AWS_KEY_NAME_PREFIX = "gatehouse-";
