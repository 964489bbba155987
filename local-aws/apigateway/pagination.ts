/** `position`/`limit` paging: limit defaults to 25 (max 500); position is an opaque token naming the last item's seq. */
import { badRequest } from './errors';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export function parseLimit(raw: string | null): number {
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`Invalid limit: ${raw}`);
  if (n < 1 || n > MAX_LIMIT) {
    throw badRequest(
      `1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value ${n < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_LIMIT}`}`,
    );
  }
  return n;
}

const encodePosition = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');

function decodePosition(position: string): number {
  const text = Buffer.from(position, 'base64url').toString('utf8');
  const m = /^seq:(\d+)$/.exec(text);
  if (!m) throw badRequest('Invalid position parameter');
  return Number(m[1]);
}

/** Pages `items`, which must be sorted by ascending `seq`. */
export function paginate<T extends { seq: number }>(
  items: T[],
  query: URLSearchParams,
): { items: T[]; position?: string } {
  const limit = parseLimit(query.get('limit'));
  const position = query.get('position');
  const after = position ? decodePosition(position) : 0;
  const rest = after > 0 ? items.filter((item) => item.seq > after) : items;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return rest.length > limit && last ? { items: page, position: encodePosition(last.seq) } : { items: page };
}

export const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
