/**
 * Serialized answers of portal reads that depend only on the customer's documents and the
 * query, kept under the revision the database gives those documents (migration 0004). A hit
 * needs the revision read with the token to equal the stored one, so a change made by any
 * process, through any code path, is seen by the next request; nothing is ever invalidated
 * by hand. Bounded: the oldest entry goes when it is full.
 */
export class AnswerCache {
  readonly #entries = new Map<string, { revision: number; json: string }>();

  constructor(private readonly maxEntries = 5_000) {}

  get(key: string, revision: number): string | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.revision === revision ? entry.json : undefined;
  }

  set(key: string, revision: number, json: string): void {
    if (this.maxEntries === 0) return;
    // A slow request that read an older revision keeps out of the way of a newer answer.
    if ((this.#entries.get(key)?.revision ?? -1) > revision) return;
    // Re-inserting moves the key to the end, so the first key is always the least recently written.
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { revision, json });
  }

  get size(): number {
    return this.#entries.size;
  }
}
