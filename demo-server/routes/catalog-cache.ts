import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { PriceList } from '../../widget/contract/index.ts';
import { catalogHead, catalogRevision, priceListEntryPages, productPages } from '../db/catalog.ts';
import type { Database } from '../db/schema.ts';

/** What one catalogue answer depends on besides the clock, the currency and generated_at. */
export interface PricingContext {
  priceGroupId: string | null;
  /** Whether the answer names the price lists (the workspace's show_price_explanation). */
  explainPrices: boolean;
}

interface Entry {
  /** `"categories":…,"products":…,"pricing":…`: the middle of the answer, as UTF-8. */
  fragment: Buffer;
  /** The instant it was read at, and the first instant a promotion in it ends: it holds between the two. */
  readAt: string;
  validUntil: string | null;
}

const holds = (entry: Entry, now: string) => entry.readAt <= now && (entry.validUntil === null || now < entry.validUntil);

/**
 * The catalogue answer, serialized once per pricing context and catalogue revision (migration
 * 0005, bumped by the database on any write to the catalogue, so nothing is invalidated by hand)
 * and shared: concurrent reads of one context wait for a single reading. Reading and serializing
 * go a page at a time with a turn of the event loop between pages, so a catalogue of any length
 * never holds up other requests for long. Bounded by bytes; the least recently used entry goes first.
 */
export class CatalogCache {
  readonly #entries = new Map<string, Entry>();
  readonly #reading = new Map<string, Promise<Entry>>();
  #bytes = 0;
  #revision = 0;

  constructor(private readonly db: Kysely<Database>, private readonly maxBytes = 64 * 1024 * 1024) {}

  /** The answer's chunks: written one after the other, they are the JSON of the Catalog answer. */
  async answer(context: PricingContext, options: { currency: string; now: Date }): Promise<Buffer[]> {
    const now = options.now.toISOString();
    const fragment = await this.#fragment(context, now);
    return [
      Buffer.from(`{"currency":${JSON.stringify(options.currency)},`),
      fragment,
      Buffer.from(`,"generated_at":${JSON.stringify(now)}}`),
    ];
  }

  get bytes(): number {
    return this.#bytes;
  }

  async #fragment(context: PricingContext, now: string): Promise<Buffer> {
    const revision = await catalogRevision(this.db);
    if (revision > this.#revision) this.#forgetBefore(revision);
    const key = `${revision}\u0000${context.priceGroupId ?? ''}\u0000${context.explainPrices}`;
    const cached = this.#entries.get(key);
    if (cached && holds(cached, now)) {
      // Re-inserting keeps the map in least-recently-used order.
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached.fragment;
    }
    let reading = this.#reading.get(key);
    if (!reading) {
      reading = readCatalog(this.db, context, now).finally(() => this.#reading.delete(key));
      this.#reading.set(key, reading);
      reading.then((entry) => this.#store(key, revision, entry), () => undefined);
    }
    const entry = await reading;
    // A read begun at another instant may miss or keep a promotion this one must not.
    return holds(entry, now) ? entry.fragment : (await readCatalog(this.db, context, now)).fragment;
  }

  #store(key: string, revision: number, entry: Entry) {
    if (revision < this.#revision || entry.fragment.length > this.maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) this.#bytes -= previous.fragment.length;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#bytes += entry.fragment.length;
    for (const [oldest, { fragment }] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= fragment.length;
    }
  }

  /** Entries of an older revision can never be served again. */
  #forgetBefore(revision: number) {
    this.#revision = revision;
    for (const [key, { fragment }] of this.#entries) {
      if (Number(key.slice(0, key.indexOf('\u0000'))) >= revision) continue;
      this.#entries.delete(key);
      this.#bytes -= fragment.length;
    }
  }
}

/** The JSON array of every item of every page, giving the event loop a turn after each page. */
async function jsonItems<T>(pages: AsyncIterable<T[]>): Promise<Buffer[]> {
  const parts: Buffer[] = [Buffer.from('[')];
  for await (const page of pages) {
    if (page.length) parts.push(Buffer.from(`${parts.length > 1 ? ',' : ''}${JSON.stringify(page).slice(1, -1)}`));
    await nextTurn();
  }
  parts.push(Buffer.from(']'));
  return parts;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

async function readCatalog(db: Kysely<Database>, context: PricingContext, now: string): Promise<Entry> {
  const head = await catalogHead(db, { priceGroupId: context.priceGroupId, now });
  const products = await jsonItems(productPages(db));
  // "Buyers see only the final resolved price": unless the supplier explains prices, no list is named.
  const list = async (row: Omit<PriceList, 'entries'> | null) => {
    if (!row) return [Buffer.from('null')];
    const named = JSON.stringify({ id: row.id, name: context.explainPrices ? row.name : null, kind: row.kind });
    return [Buffer.from(`${named.slice(0, -1)},"entries":`), ...await jsonItems(priceListEntryPages(db, row.id)), Buffer.from('}')];
  };
  const groupList = await list(head.groupList);
  const defaultList = await list(head.defaultList);
  // Copying pieces is cheap next to encoding one string of megabytes at once.
  const fragment = Buffer.concat([
    Buffer.from('"categories":'), json(head.categories), Buffer.from(',"products":'), ...products,
    Buffer.from(',"pricing":{"group_list":'), ...groupList, Buffer.from(',"default_list":'), ...defaultList,
    Buffer.from(',"promotions":'), json(head.promotions), Buffer.from('}'),
  ]);
  const ends = head.promotions.map((p) => p.ends_at).sort();
  return { fragment, readAt: now, validUntil: ends[0] ?? null };
}
