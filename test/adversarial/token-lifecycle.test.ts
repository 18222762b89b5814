/**
 * Token lifecycle on every portal endpoint of the registry: expiry takes effect at its instant
 * (the server's clock is the harness's, stepped to 1 ms before and to the instant itself),
 * revocation at once, and unknown, expired and revoked tokens get answers a client cannot tell
 * apart (status, body and headers).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newSecret, PORTAL_TOKEN_PREFIX } from '../../demo-server/auth/secrets.ts';
import { forEachDatabase, useServer, type TestServer } from '../server/harness.ts';
import { PORTAL_ENDPOINTS, exampleOf, fillPath, rawRequest, type NamedEndpoint, type RawAnswer } from './support.ts';

const UNLIMITED = { readsPerMinute: 1e9, writesPerMinute: 1e9, invalidTokenPerMinute: 1e9 };
const MISSING_ID = '7d1f0a52-9c1e-4e7b-a8a4-3b1f2e5c9d00';

/** One request to an endpoint with a token; ids that do not exist and the smallest valid body, so nothing changes. */
function call(server: TestServer, { endpoint }: NamedEndpoint, token: string, key = 'lifecycle'): Promise<RawAnswer> {
  const body = exampleOf(endpoint.body, { ids: [MISSING_ID] });
  return rawRequest(server.url, {
    method: endpoint.method.toUpperCase(),
    path: fillPath(endpoint, { token: encodeURIComponent(token), id: MISSING_ID, charge_id: MISSING_ID }),
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(endpoint.idempotent ? { 'idempotency-key': key } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

/** What a client can observe of an answer, with the parts that change from one request to the next normalised. */
function observable(res: RawAnswer) {
  const headers = Object.fromEntries(
    Object.entries(res.headers)
      .filter(([name]) => name !== 'date')
      .map(([name, value]) => [
        name,
        name === 'ratelimit' ? String(value).replace(/r=\d+/, 'r=*').replace(/t=\d+/, 't=*') : value,
      ]),
  );
  return { status: res.status, headers, body: res.text };
}

forEachDatabase('token lifecycle', (kind) => {
  const s = useServer(kind, { rateLimits: UNLIMITED });

  it('expiry takes effect at its exact instant, on every portal endpoint', async () => {
    const server = s.get();
    const start = server.clock.now.toISOString();
    const expiresAt = new Date(server.clock.now.getTime() + 3_600_000);
    const token = await server.tokenFor(server.customers[0].id, {}, expiresAt.toISOString());
    try {
      server.clock.set(new Date(expiresAt.getTime() - 1).toISOString());
      for (const named of PORTAL_ENDPOINTS) {
        const res = await call(server, named, token, 'before-expiry');
        assert.ok(
          res.status !== 401 && res.status < 500,
          `${named.name} 1 ms before expiry: ${res.status} ${res.text}`,
        );
      }
      for (const at of [expiresAt.getTime(), expiresAt.getTime() + 1, expiresAt.getTime() + 365 * 86_400_000]) {
        server.clock.set(new Date(at).toISOString());
        for (const named of PORTAL_ENDPOINTS) {
          const res = await call(server, named, token, 'after-expiry');
          assert.equal(res.status, 401, `${named.name} at expiry + ${at - expiresAt.getTime()} ms: ${res.text}`);
          assert.equal((res.json as { error: { code: string } }).error.code, 'invalid_token');
        }
      }
    } finally {
      server.clock.set(start);
    }
  });

  it("revocation takes effect at once, on every portal endpoint; the customer's other tokens keep working", async () => {
    const server = s.get();
    const customer = server.customers[1].id;
    const { id, token } = await server.issueToken(customer);
    const sibling = await server.tokenFor(customer);
    for (const named of PORTAL_ENDPOINTS) {
      const res = await call(server, named, token, 'before-revocation');
      assert.ok(res.status !== 401 && res.status < 500, `${named.name} before revocation: ${res.status} ${res.text}`);
    }
    // Reads in flight while the token is revoked: whatever answers they get, every request sent after the 204 is refused.
    const inFlight = Array.from({ length: 20 }, () => call(server, PORTAL_ENDPOINTS[0], token));
    const revoked = await server.admin(`/api/v1/customer-portal/tokens/${id}`, { method: 'DELETE' });
    assert.equal(revoked.status, 204);
    for (const named of PORTAL_ENDPOINTS) {
      const res = await call(server, named, token, 'after-revocation');
      assert.equal(res.status, 401, `${named.name} right after revocation: ${res.text}`);
    }
    for (const res of await Promise.all(inFlight)) assert.ok(res.status === 200 || res.status === 401, `${res.status}`);
    for (const named of PORTAL_ENDPOINTS) {
      const res = await call(server, named, sibling, 'sibling');
      assert.ok(
        res.status !== 401 && res.status < 500,
        `${named.name} with the customer's other token: ${res.status} ${res.text}`,
      );
    }
  });

  it('unknown, malformed, expired, revoked and revoked-then-expired tokens get the same status, body and headers on every endpoint', async () => {
    const server = s.get();
    const start = server.clock.now.toISOString();
    const customer = server.customers[2].id;
    const valid = await server.tokenFor(customer);
    const expiresAt = new Date(server.clock.now.getTime() + 60_000).toISOString();
    const expiring = await server.tokenFor(customer, {}, expiresAt);
    const revoked = await server.issueToken(customer);
    const both = await server.issueToken(customer, {}, expiresAt);
    for (const t of [revoked, both])
      assert.equal((await server.admin(`/api/v1/customer-portal/tokens/${t.id}`, { method: 'DELETE' })).status, 204);
    const last = valid.at(-1) === 'A' ? 'B' : 'A';
    const candidates: Record<string, string> = {
      unknown: newSecret(PORTAL_TOKEN_PREFIX),
      'one character off a valid one': valid.slice(0, -1) + last,
      'a valid one in upper case': valid.toUpperCase(),
      'too short': 'cpt_x',
      'too long': `cpt_${'a'.repeat(300)}`,
      'not ASCII': 'cpt_caf\u00e9\u2603',
      revoked: revoked.token,
    };
    server.clock.set(expiresAt);
    try {
      candidates.expired = expiring;
      candidates['revoked and expired'] = both.token;
      for (const named of PORTAL_ENDPOINTS) {
        const seen = new Map<string, string[]>();
        for (const [label, token] of Object.entries(candidates)) {
          const res = await call(server, named, token, 'indistinguishable');
          assert.equal(res.status, 401, `${named.name} with a ${label} token: ${res.text}`);
          const key = JSON.stringify(observable(res));
          seen.set(key, [...(seen.get(key) ?? []), label]);
        }
        assert.equal(
          seen.size,
          1,
          `${named.name}: the answers differ:\n${[...seen].map(([k, labels]) => `${labels.join(', ')}: ${k}`).join('\n')}`,
        );
        assert.equal((JSON.parse([...seen.keys()][0]) as { body: string }).body.includes('invalid_token'), true);
      }
    } finally {
      server.clock.set(start);
    }
  });
});
