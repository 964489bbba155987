import { idSchema } from "@/lib/validation/id";

/**
 * Keyset pagination over (createdAt, id), newest first: a page link carries the position of the row it continues
 * from, never an offset, so a page costs the same however deep it is and rows added meanwhile do not shift it.
 */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor({ createdAt, id }: KeysetPosition): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id]), "utf8").toString("base64url");
}

/** The position a cursor names, or null for anything that is not one of ours (a stale or edited link). */
export function decodeCursor(cursor: string | undefined | null): KeysetPosition | null {
  if (!cursor || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string") return null;
    const createdAt = new Date(value[0]);
    const id = idSchema.safeParse(value[1]);
    if (Number.isNaN(createdAt.getTime()) || !id.success) return null;
    return { createdAt, id: id.data };
  } catch {
    return null;
  }
}

/** Rows strictly older (`before`) or newer (`after`) than the position, for a Prisma `where`. */
export function keysetWhere(position: KeysetPosition, side: "before" | "after") {
  const op = side === "before" ? "lt" : "gt";
  return { OR: [{ createdAt: { [op]: position.createdAt } }, { createdAt: position.createdAt, id: { [op]: position.id } }] };
}

export interface KeysetPage<T> {
  rows: T[];
  /** Cursor of the page of newer rows (null on the newest page). */
  newer: string | null;
  /** Cursor of the page of older rows (null on the oldest page). */
  older: string | null;
}

/**
 * Runs one page of a keyset query. `find` gets the extra where clause, the order and how many to take; `exists`
 * answers whether any row lies beyond a position.
 */
export async function keysetPage<T extends KeysetPosition>(
  { before, after, pageSize }: { before?: KeysetPosition | null; after?: KeysetPosition | null; pageSize: number },
  find: (where: object, order: "asc" | "desc", take: number) => Promise<T[]>,
  exists: (where: object) => Promise<boolean>,
): Promise<KeysetPage<T>> {
  let rows: T[];
  if (after && !before) {
    rows = (await find(keysetWhere(after, "after"), "asc", pageSize)).reverse();
  } else {
    rows = await find(before ? keysetWhere(before, "before") : {}, "desc", pageSize);
  }
  const first = rows[0];
  const last = rows.at(-1);
  const [hasNewer, hasOlder] = await Promise.all([
    first ? exists(keysetWhere(first, "after")) : Promise.resolve(false),
    last ? exists(keysetWhere(last, "before")) : Promise.resolve(false),
  ]);
  return { rows, newer: first && hasNewer ? encodeCursor(first) : null, older: last && hasOlder ? encodeCursor(last) : null };
}
