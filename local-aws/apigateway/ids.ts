import { randomBytes, randomUUID } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Unbiased random string over `alphabet` (rejection sampling on random bytes). */
function randomString(length: number, alphabet: string): string {
  const ceiling = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < ceiling) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export const newRestApiId = () => randomString(10, LOWER_ALNUM);
export const newApiKeyId = () => randomString(10, LOWER_ALNUM);
export const newUsagePlanId = () => randomString(6, LOWER_ALNUM);
export const newDeploymentId = () => randomString(6, LOWER_ALNUM);
export const newResourceId = () => randomString(10, LOWER_ALNUM);
/** AWS generates 40-character alphanumeric key values. */
export const newApiKeyValue = () => randomString(40, MIXED_ALNUM);
export const newRequestId = () => randomUUID();
