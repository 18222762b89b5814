import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

class Slot {
  constructor(readonly index: number) {}
}

/**
 * A query of fixed shape, built and compiled once per database, then only re-bound: Kysely
 * otherwise rebuilds and recompiles the query tree on every call, which costs more than
 * running a small indexed query. Use it on hot paths only; the shape must not depend on the
 * argument values (no conditional clauses), as every argument becomes a bound parameter.
 */
export function prepared<A extends unknown[], Row>(build: (db: Kysely<Database>, ...args: A) => Compilable<Row>) {
  const compiled = new WeakMap<Kysely<Database>, { sql: string; bind: (args: A) => unknown[] }>();
  return async (db: Kysely<Database>, ...args: A): Promise<Row[]> => {
    let entry = compiled.get(db);
    if (!entry) {
      const slots = args.map((_, i) => new Slot(i)) as unknown as A;
      const query = build(db, ...slots).compile();
      const sources = query.parameters.map((p) => (p instanceof Slot ? p.index : { constant: p }));
      entry = {
        sql: query.sql,
        bind: (values) => sources.map((s) => (typeof s === 'number' ? values[s] : s.constant)),
      };
      compiled.set(db, entry);
    }
    const result = await db.executeQuery<Row>(CompiledQuery.raw(entry.sql, entry.bind(args)));
    return result.rows;
  };
}
