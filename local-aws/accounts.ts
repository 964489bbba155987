/**
 * Several AWS accounts in one local AWS, told apart by the access key id of the request's SigV4 signature
 * (`Authorization: AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/aws4_request, ...`). Each account has
 * its own API Gateway state (keys, usage plans, REST APIs and stages), its own control-plane rate limits and its
 * own API-key limit. Without an accounts list there is one account and every access key id reaches it.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface AccountConfig {
  accessKeyId: string;
  /** API keys this account may hold (AWS: 10,000 per account and region, not raisable). */
  keyLimit?: number;
}

const CREDENTIAL = /Credential=([^/,\s]+)\//;
const ACCESS_KEY_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The access key id a request was signed with (SigV4 header, or a presigned URL's X-Amz-Credential). */
export function accessKeyIdOf(headers: IncomingHttpHeaders, search = ''): string | undefined {
  const auth = headers.authorization;
  const match = typeof auth === 'string' ? CREDENTIAL.exec(auth) : null;
  if (match) return match[1];
  const credential = new URLSearchParams(search).get('X-Amz-Credential');
  return credential ? credential.split('/')[0] || undefined : undefined;
}

/** Checks an accounts list: distinct, well-formed access key ids; positive whole key limits. */
export function validateAccounts(accounts: AccountConfig[]): AccountConfig[] {
  const seen = new Set<string>();
  for (const a of accounts) {
    if (!ACCESS_KEY_ID.test(a.accessKeyId)) throw new Error(`local AWS: account access key id "${a.accessKeyId}" must be 1-128 letters, digits, - or _`);
    if (seen.has(a.accessKeyId)) throw new Error(`local AWS: account ${a.accessKeyId} is listed twice`);
    seen.add(a.accessKeyId);
    if (a.keyLimit !== undefined && !(Number.isInteger(a.keyLimit) && a.keyLimit > 0)) {
      throw new Error(`local AWS: account ${a.accessKeyId}: keyLimit must be a positive whole number`);
    }
  }
  return accounts;
}

/**
 * The CLI/env form of an accounts list: "AKID[:keyLimit],AKID[:keyLimit],..." (LOCAL_AWS_ACCOUNTS or --accounts),
 * e.g. "shard-a:100,shard-b:100,shard-c:100".
 */
export function parseAccountsSpec(spec: string): AccountConfig[] {
  const accounts = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry): AccountConfig => {
      const [accessKeyId = '', limit, ...rest] = entry.split(':');
      if (rest.length > 0) throw new Error(`local AWS: account "${entry}" must be AKID or AKID:keyLimit`);
      return limit === undefined ? { accessKeyId } : { accessKeyId, keyLimit: Number(limit) };
    });
  if (accounts.length === 0) throw new Error('local AWS: the accounts list is empty');
  return validateAccounts(accounts);
}
