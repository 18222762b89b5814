import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { it } from 'node:test';
import { seedScale } from '../../demo-server/db/seed.ts';
import { forEachDatabase, portal, SEED_NOW, useServer } from './harness.ts';

const PRODUCTS = 20_000;
const CONCURRENT_READS = 8;
/** The bound issue 13 names for another customer's session while a catalogue is being read. */
const SESSION_BOUND_MS = 250;

forEachDatabase('a long catalogue read by one customer', (kind) => {
  const s = useServer(kind);

  it(`does not hold up another customer: /session answers within ${SESSION_BOUND_MS} ms while ${CONCURRENT_READS} catalogue reads of ${PRODUCTS.toLocaleString('en')} products are in flight`, async () => {
    const server = s.get();
    await seedScale(server.db.kysely, { customers: 0, products: PRODUCTS, orders: 0, now: SEED_NOW });
    const [heavy, other] = server.customers;
    const heavyToken = await server.tokenFor(heavy.id);
    const otherToken = await server.tokenFor(other.id);
    // Warm the other customer's token and the workspace, so the timed read measures waiting, not a first lookup.
    assert.equal((await server.request(portal(otherToken, '/session'))).status, 200);

    let received = 0;
    let allReceived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      allReceived = resolve;
    });
    const onRequest = (req: IncomingMessage) => {
      if (req.url?.endsWith('/catalog') && ++received === CONCURRENT_READS) allReceived();
    };
    server.http.on('request', onRequest);
    try {
      const reads = Array.from({ length: CONCURRENT_READS }, () =>
        server.request(portal(heavyToken, '/catalog')).then(async (res) => ({
          status: res.status,
          text: await res.text(),
        })),
      );
      await arrived;
      const started = performance.now();
      const session = await server.request(portal(otherToken, '/session'));
      const waited = performance.now() - started;
      assert.equal(session.status, 200);
      const answers = await Promise.all(reads);
      console.log(
        `# [${kind}] /session answered in ${waited.toFixed(0)} ms; catalogue ${(answers[0].text.length / 1e6).toFixed(1)} MB`,
      );
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.equal(answer.text, answers[0].text);
      }
      assert.ok((JSON.parse(answers[0].text) as { products: unknown[] }).products.length > PRODUCTS);
      assert.ok(waited < SESSION_BOUND_MS, `/session took ${waited.toFixed(0)} ms`);
    } finally {
      server.http.off('request', onRequest);
    }
  });
});
