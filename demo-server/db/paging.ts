import { HttpError } from '../errors.ts';

export const DEFAULT_PAGE_SIZE = 20;

/** Keyset cursor: the sort value and id of the last row of the previous page, opaque to clients. */
export interface Cursor {
  after: string;
  id: string;
}

export function encodeCursor(after: string, id: string): string {
  return Buffer.from(JSON.stringify([after, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string' && v.length <= 300 && !v.includes('\u0000'))
    ) {
      return { after: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new HttpError(400, 'validation_failed', 'The cursor is not valid; pass back next_cursor exactly as received.', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);
}

/** Given limit+1 rows, the page and the cursor for the next one. */
export function page<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => string) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null };
}

/** Map.groupBy, which Node 20 lacks. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
