import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { PriceList } from '../../widget/contract/index.ts';
import { COMPACT_CATALOG_FORMAT, CompactEncoder } from '../../widget/contract/rules/compact-catalog.ts';
import { catalogHead, catalogRevision, priceListEntryPages, productPages } from '../db/catalog.ts';
import type { Database } from '../db/schema.ts';
import type { Coding } from '../middleware/coding.ts';

/** The full catalogue (`Catalog`) or the compact one (`CompactCatalog`). */
export type CatalogFormat = 'full' | 'compact';

/** What one catalogue answer depends on besides the clock, the currency and generated_at. */
export interface PricingContext {
  priceGroupId: string | null;
  /** Whether the answer names the price lists (the workspace's show_price_explanation). */
  explainPrices: boolean;
}

const compress: Record<Coding, (body: Buffer) => Promise<Buffer>> = {
  // Done once per answer, in libuv's thread pool: a middle quality is within a few per cent of the best at a fraction of the time.
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 7,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 7 }),
};

/** One catalogue answer: its JSON, a strong validator, and its compressed forms, each made once. */
export class CatalogAnswer {
  readonly #codings = new Map<Coding, Promise<Buffer>>();

  constructor(
    /** The JSON of the Catalog answer, as UTF-8. */
    readonly body: Buffer,
    /** The instant it was read at (its `generated_at`), and the first instant a promotion in it ends: it holds between the two. */
    readonly readAt: string,
    readonly validUntil: string | null,
    private readonly onEncoded: (answer: CatalogAnswer, bytes: number) => void = () => undefined,
  ) {}

  /** A strong ETag: the same bytes, the same tag, whichever process answers. */
  readonly etag = `"${createHash('sha256').update(this.body).digest('base64url').slice(0, 32)}"`;

  /** The body in `coding`, compressed at the first request for it and kept. */
  encoded(coding: Coding): Promise<Buffer> {
    let encoded = this.#codings.get(coding);
    if (!encoded) {
      encoded = compress[coding](this.body);
      this.#codings.set(coding, encoded);
      encoded.then(
        (bytes) => this.onEncoded(this, bytes.length),
        () => this.#codings.delete(coding),
      );
    }
    return encoded;
  }

  holds(now: string): boolean {
    return this.readAt <= now && (this.validUntil === null || now < this.validUntil);
  }
}

/**
 * The catalogue answer, serialized once per pricing context and catalogue revision (migration
 * 0005, bumped by the database on any write to the catalogue, so nothing is invalidated by hand)
 * and shared: concurrent reads of one context wait for a single reading. Reading and serializing
 * go a page at a time with a turn of the event loop between pages, so a catalogue of any length
 * never holds up other requests for long. An answer keeps its `generated_at` (the instant it was
 * read) while it holds, so its bytes, ETag and compressed forms are made once and served to every
 * request of its context. Bounded by bytes, compressed forms included; the least recently used
 * entry goes first.
 */
export class CatalogCache {
  readonly #entries = new Map<string, CatalogAnswer>();
  readonly #reading = new Map<string, Promise<CatalogAnswer>>();
  /** What each kept answer counts for: its body and the compressed forms made so far. */
  readonly #weight = new Map<CatalogAnswer, number>();
  #bytes = 0;
  #revision = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  async answer(
    context: PricingContext,
    options: { currency: string; now: Date; format?: CatalogFormat },
  ): Promise<CatalogAnswer> {
    const format = options.format ?? 'full';
    const now = options.now.toISOString();
    const revision = await catalogRevision(this.db);
    if (revision > this.#revision) this.#forgetBefore(revision);
    const key = `${revision}\u0000${context.priceGroupId ?? ''}\u0000${context.explainPrices}\u0000${options.currency}\u0000${format}`;
    const cached = this.#entries.get(key);
    if (cached?.holds(now)) {
      // Re-inserting keeps the map in least-recently-used order.
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    let reading = this.#reading.get(key);
    if (!reading) {
      reading = this.#read(context, options.currency, now, format).finally(() => this.#reading.delete(key));
      this.#reading.set(key, reading);
      reading.then(
        (entry) => this.#store(key, revision, entry),
        () => undefined,
      );
    }
    const entry = await reading;
    // A read begun at another instant may miss or keep a promotion this one must not.
    return entry.holds(now) ? entry : this.#read(context, options.currency, now, format);
  }

  get bytes(): number {
    return this.#bytes;
  }

  async #read(context: PricingContext, currency: string, now: string, format: CatalogFormat): Promise<CatalogAnswer> {
    const { fragment, validUntil } = await readCatalog(this.db, context, now, format);
    const body = Buffer.concat([
      Buffer.from(`{"currency":${JSON.stringify(currency)},`),
      fragment,
      Buffer.from(`,"generated_at":${JSON.stringify(now)}}`),
    ]);
    return new CatalogAnswer(body, now, validUntil, (answer, bytes) => this.#grow(answer, bytes));
  }

  #store(key: string, revision: number, entry: CatalogAnswer) {
    if (revision < this.#revision || entry.body.length > this.maxBytes) return;
    const previous = this.#entries.get(key);
    if (previous) this.#drop(key, previous);
    this.#entries.set(key, entry);
    this.#weight.set(entry, 0);
    this.#grow(entry, entry.body.length);
  }

  /** A kept answer got heavier (stored, or a compressed form made): the least recently used go until it fits. */
  #grow(entry: CatalogAnswer, bytes: number) {
    const weight = this.#weight.get(entry);
    if (weight === undefined) return;
    this.#weight.set(entry, weight + bytes);
    this.#bytes += bytes;
    for (const [oldest, answer] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#drop(oldest, answer);
    }
  }

  #drop(key: string, entry: CatalogAnswer) {
    this.#entries.delete(key);
    this.#bytes -= this.#weight.get(entry) ?? 0;
    this.#weight.delete(entry);
  }

  /** Entries of an older revision can never be served again. */
  #forgetBefore(revision: number) {
    this.#revision = revision;
    for (const [key, entry] of this.#entries) {
      if (Number(key.slice(0, key.indexOf('\u0000'))) < revision) this.#drop(key, entry);
    }
  }
}

/** The JSON array of every item of every page, giving the event loop a turn after each page. */
async function jsonItems(pages: AsyncIterable<unknown[]>): Promise<Buffer[]> {
  const parts: Buffer[] = [Buffer.from('[')];
  for await (const page of pages) {
    if (page.length) parts.push(Buffer.from(`${parts.length > 1 ? ',' : ''}${JSON.stringify(page).slice(1, -1)}`));
    await nextTurn();
  }
  parts.push(Buffer.from(']'));
  return parts;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Each page's items made into what the answer holds. */
async function* eachPage<T, U>(pages: AsyncIterable<T[]>, map: (item: T) => U | null): AsyncGenerator<U[]> {
  for await (const page of pages) yield page.map(map).filter((item) => item !== null);
}

/**
 * `"categories":…,"products":…,"pricing":…`: the middle of the answer, in the full form or the
 * compact one (widget/contract/rules/compact-catalog.ts: products as rows, the tables they refer
 * to after them), and until when it holds.
 */
async function readCatalog(
  db: Kysely<Database>,
  context: PricingContext,
  now: string,
  format: CatalogFormat,
): Promise<{ fragment: Buffer; validUntil: string | null }> {
  const head = await catalogHead(db, { priceGroupId: context.priceGroupId, now });
  const compact = format === 'compact' ? new CompactEncoder() : null;
  const products = await jsonItems(compact ? eachPage(productPages(db), (p) => compact.product(p)) : productPages(db));
  // "Buyers see only the final resolved price": unless the supplier explains prices, no list is named.
  const list = async (row: Omit<PriceList, 'entries'> | null) => {
    if (!row) return [Buffer.from('null')];
    const named = JSON.stringify({ id: row.id, name: context.explainPrices ? row.name : null, kind: row.kind });
    const entries = priceListEntryPages(db, row.id);
    return [
      Buffer.from(`${named.slice(0, -1)},"entries":`),
      ...(await jsonItems(compact ? eachPage(entries, (e) => compact.entry(e)) : entries)),
      Buffer.from('}'),
    ];
  };
  const groupList = await list(head.groupList);
  const defaultList = await list(head.defaultList);
  const tables = compact
    ? [
        Buffer.from(`"format":${COMPACT_CATALOG_FORMAT},"category_ids":`),
        json(compact.categoryIds),
        Buffer.from(',"units":'),
        json(compact.units),
        Buffer.from(','),
      ]
    : [];
  // Copying pieces is cheap next to encoding one string of megabytes at once.
  const fragment = Buffer.concat([
    ...tables,
    Buffer.from('"categories":'),
    json(head.categories),
    Buffer.from(',"products":'),
    ...products,
    Buffer.from(',"pricing":{"group_list":'),
    ...groupList,
    Buffer.from(',"default_list":'),
    ...defaultList,
    Buffer.from(',"promotions":'),
    json(compact ? head.promotions.map((p) => compact.promotion(p)) : head.promotions),
    Buffer.from('}'),
  ]);
  const ends = head.promotions.map((p) => p.ends_at).sort();
  return { fragment, validUntil: ends[0] ?? null };
}
