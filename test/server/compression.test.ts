/**
 * Answers go compressed by Accept-Encoding (issue 14): the catalogue compressed once per answer
 * and revalidated by a strong ETag (304), other JSON answers compressed per request, and the
 * widget's files from the forms the build wrote beside them (scripts/precompress.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '../../scripts/precompress.ts';
import { forEachDatabase, portal, useServer } from './harness.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that shows the bytes as sent (fetch would decode them), with exactly the given headers. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

const decode = (raw: Raw) => {
  const coding = raw.headers['content-encoding'];
  return coding === 'br' ? brotliDecompressSync(raw.body) : coding === 'gzip' ? gunzipSync(raw.body) : raw.body;
};
const varies = (raw: Raw) =>
  String(raw.headers.vary ?? '')
    .toLowerCase()
    .split(/,\s*/)
    .includes('accept-encoding');

// A widget directory as the build leaves it: a script large enough to compress, and a small one.
const staticRoot = mkdtempSync(join(tmpdir(), 'portal-compress-'));
mkdirSync(join(staticRoot, 'widget', 'chunks'), { recursive: true });
mkdirSync(join(staticRoot, 'examples'));
const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ sku: `CLN-${1000 + i}`, name: 'Floor cleaner, 5 L' })))};\n`;
writeFileSync(join(staticRoot, 'widget', 'chunks', 'rows.Ab12Cd34.js'), script);
writeFileSync(join(staticRoot, 'widget', 'customer-portal.js'), 'export {};\n');
precompress(join(staticRoot, 'widget'));
const staticDirs = { widget: join(staticRoot, 'widget'), examples: join(staticRoot, 'examples') };

forEachDatabase('compression and revalidation', (kind) => {
  const s = useServer(kind, { staticDirs });

  describe('the catalogue', () => {
    it('goes in brotli or gzip as the client asks, the same JSON once decoded, and far smaller', async () => {
      const server = s.get();
      const url = server.url + portal(await server.tokenFor(server.customers[0].id), '/catalog');
      const plain = await get(url);
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(varies(plain), 'Vary: Accept-Encoding');
      JSON.parse(plain.body.toString());
      for (const [accept, coding] of [
        ['br', 'br'],
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['br;q=0.5, gzip', 'gzip'],
        ['identity', undefined],
      ] as const) {
        const raw = await get(url, { 'accept-encoding': accept });
        assert.equal(raw.headers['content-encoding'], coding, accept);
        assert.equal(Number(raw.headers['content-length']), raw.body.length, accept);
        assert.deepEqual(decode(raw), plain.body, accept);
        if (coding)
          assert.ok(
            raw.body.length < plain.body.length / 4,
            `${accept}: ${raw.body.length} of ${plain.body.length} bytes`,
          );
      }
    });

    it('has a strong ETag; a client holding it gets 304 until the catalogue changes', async () => {
      const server = s.get();
      const [first, second] = server.customers;
      const url = server.url + portal(await server.tokenFor(first.id), '/catalog');
      const answer = await get(url, { 'accept-encoding': 'br' });
      const etag = String(answer.headers.etag);
      assert.match(etag, /^"[\w-]+"$/, 'strong, quoted');
      assert.equal(answer.headers['cache-control'], 'private, no-cache');
      server.clock.advance(60_000);
      const again = await get(url, { 'accept-encoding': 'br' });
      assert.equal(again.headers.etag, etag, 'the same answer a minute later: the same tag and bytes');
      assert.deepEqual(again.body, answer.body);
      for (const held of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const revalidated = await get(url, { 'if-none-match': held, 'accept-encoding': 'br' });
        assert.equal(revalidated.status, 304, held);
        assert.equal(revalidated.body.length, 0);
        assert.equal(revalidated.headers.etag, etag);
      }
      assert.equal((await get(url, { 'if-none-match': '"other"' })).status, 200);
      // Another customer's catalogue (another price group) is another answer.
      const theirs = await get(server.url + portal(await server.tokenFor(second.id), '/catalog'), {
        'if-none-match': etag,
      });
      assert.equal(theirs.status, 200);
      assert.notEqual(theirs.headers.etag, etag);

      const product = (JSON.parse(plain(answer)) as { products: { id: string; name: string }[] }).products[0];
      const patched = await server.admin(`/api/v1/products/${encodeURIComponent(product.id)}`, {
        method: 'PATCH',
        body: { name: `${product.name} (new label)` },
      });
      assert.equal(patched.status, 200, await patched.text());
      const changed = await get(url, { 'if-none-match': etag });
      assert.equal(changed.status, 200, 'the catalogue changed: the whole answer');
      assert.notEqual(changed.headers.etag, etag);
      assert.ok(changed.body.toString().includes('(new label)'));
    });
  });

  it('compresses other JSON answers over 1 KiB when asked, and only then', async () => {
    const server = s.get();
    const url = server.url + portal(await server.tokenFor(server.customers[0].id), '/orders');
    const plain = await get(url);
    assert.ok(plain.body.length > 1024, `an order list of ${plain.body.length} bytes`);
    assert.equal(plain.headers['content-encoding'], undefined);
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(decode(gz).toString()), JSON.parse(plain.body.toString()));
    assert.equal(gz.headers['cache-control'], 'no-store', 'other answers stay uncached');
    assert.equal(gz.headers.etag, undefined);
  });

  it("serves the widget's files from their precompressed forms, with their own type and caching", async () => {
    const server = s.get();
    const url = `${server.url}/widget/chunks/rows.Ab12Cd34.js`;
    const plain = await get(url);
    assert.equal(plain.body.toString(), script);
    assert.ok(varies(plain));
    for (const [accept, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      const raw = await get(url, { 'accept-encoding': accept });
      assert.equal(raw.headers['content-encoding'], accept);
      assert.match(String(raw.headers['content-type']), /^text\/javascript/);
      assert.equal(raw.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.deepEqual(
        raw.body,
        readFileSync(join(staticRoot, 'widget', 'chunks', `rows.Ab12Cd34.js${suffix}`)),
        'the file written at build time',
      );
      assert.equal(decode(raw).toString(), script);
    }
    const small = await get(`${server.url}/widget/customer-portal.js`, { 'accept-encoding': 'br' });
    assert.equal(small.headers['content-encoding'], undefined, 'under 1 KiB: not worth compressing');
    assert.equal(small.body.toString(), 'export {};\n');
    const sneaky = await get(`${server.url}/widget/chunks/..%2f..%2fexamples/x.js`, { 'accept-encoding': 'br' });
    assert.equal(sneaky.status, 404);
  });
});

function plain(raw: Raw): string {
  return decode(raw).toString();
}
