/**
 * What the widget keeps in the browser, per portal token: the cart, the welcome confirmation,
 * and the checkout attempt in progress (its Idempotency-Key). Keys carry a hash of the token,
 * never the token itself. Storage failures (private mode, quota) degrade to memory.
 */
const PREFIX = 'customer-portal:v1';

/** cyrb53: a fast 53-bit string hash, enough to tell tokens apart in a storage key. */
export function tokenKey(token: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < token.length; i++) {
    const ch = token.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** localStorage, or undefined where reading it throws (sandboxed frames, storage disabled). */
function pageStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export class TokenStorage {
  readonly #key: string;
  readonly #memory = new Map<string, string>();

  constructor(
    token: string,
    private readonly storage: Storage | undefined = pageStorage(),
  ) {
    this.#key = tokenKey(token);
  }

  /** The full storage key of one item, for `storage` events. */
  keyOf(item: string): string {
    return `${PREFIX}:${item}:${this.#key}`;
  }

  read<T>(item: string, valid: (value: unknown) => value is T): T | undefined {
    let text: string | null | undefined;
    try {
      text = this.storage?.getItem(this.keyOf(item));
    } catch {
      text = undefined;
    }
    text ??= this.#memory.get(item);
    if (text == null) return undefined;
    try {
      const value: unknown = JSON.parse(text);
      return valid(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  write(item: string, value: unknown): void {
    const text = JSON.stringify(value);
    this.#memory.set(item, text);
    try {
      this.storage?.setItem(this.keyOf(item), text);
    } catch {
      // Kept in memory for this page only.
    }
  }

  remove(item: string): void {
    this.#memory.delete(item);
    try {
      this.storage?.removeItem(this.keyOf(item));
    } catch {
      // nothing to do
    }
  }
}
