/**
 * The conformance kit against deliberately broken servers: the reference server behind a fetch
 * that corrupts one thing of its answers (a response shape, an error code, another customer's
 * order leaked, the idempotent replay). The kit must fail, and its report must name the check,
 * the operation, the request and what was expected.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport, runConformance, type Report } from '../../widget/conformance/index.ts';
import { ADMIN_KEY, useServer } from '../server/harness.ts';

type Rewrite = (url: URL, init: RequestInit | undefined, response: Response) => Promise<Response>;

/** The server as a client would see it if it answered `rewrite(...)` instead. */
const broken = (rewrite: Rewrite) => async (input: string, init?: RequestInit) =>
  rewrite(new URL(input), init, await fetch(input, init));

const json = (body: unknown, from: Response) =>
  new Response(JSON.stringify(body), { status: from.status, headers: from.headers });

function failuresOf(report: Report, check: string) {
  const result = report.checks.find((c) => c.name === check);
  assert.ok(result, `the report has ${check}`);
  assert.equal(result.status, 'fail', `${check} fails:\n${formatReport(report)}`);
  return result.failures;
}

describe('conformance kit against a broken server', () => {
  const s = useServer('sqlite', { config: { now: () => new Date() } });
  const run = (rewrite: Rewrite, only: string[]) =>
    runConformance({ base: s.get().url, adminKey: ADMIN_KEY, seed: 1, only, fetch: broken(rewrite) });

  it('a session answer without its currency fails shapes, naming getSession and the missing field', async () => {
    const report = await run(
      async (url, _init, response) => {
        if (!url.pathname.endsWith('/session') || response.status !== 200) return response;
        const { currency: _dropped, ...rest } = (await response.json()) as Record<string, unknown>;
        return json(rest, response);
      },
      ['shapes'],
    );
    assert.equal(report.ok, false);
    const [failure] = failuresOf(report, 'shapes');
    assert.equal(failure.endpoint, 'getSession');
    assert.match(failure.message, /does not match the response schema: currency/);
    assert.match(failure.request!.path, /^\/api\/v1\/customer-portal\/view\/<token A\d>\/session$/);
    const text = formatReport(report);
    assert.match(text, /FAIL {2}shapes/);
    assert.match(text, /request: {2}GET \/api\/v1\/customer-portal\/view\/<token A\d>\/session/);
    assert.match(text, /contract: getSession: GET \/api\/v1\/customer-portal\/view\/\{token\}\/session/);
    assert.doesNotMatch(text, /cpt_/, 'no token secret in the report');
  });

  it('a compact catalogue whose price names another product fails catalogue-forms, saying where', async () => {
    const report = await run(
      async (url, _init, response) => {
        if (url.searchParams.get('format') !== 'compact' || response.status !== 200) return response;
        const body = (await response.json()) as { pricing: { default_list: { entries: [number, ...unknown[]][] } } };
        // The first entry's price moved to another product's entry (the next entries may be its other units).
        const [first, ...rest] = body.pricing.default_list.entries;
        const other = rest.find((entry) => entry[0] !== first[0])!;
        [first[0], other[0]] = [other[0], first[0]];
        return json(body, response);
      },
      ['catalogue-forms'],
    );
    const [failure] = failuresOf(report, 'catalogue-forms');
    assert.equal(failure.endpoint, 'getCatalog');
    assert.match(
      failure.message,
      /says something else than the full one at pricing\.default_list\.entries\.0\.product_id/,
    );
    assert.match(failure.request!.path, /\/catalog\?format=compact$/);
  });

  it('a compact catalogue answered without format fails catalogue-forms', async () => {
    const report = await run(
      (url, init, response) =>
        url.pathname.endsWith('/catalog') && !url.searchParams.has('format')
          ? fetch(`${url.href}?format=compact`, init)
          : Promise.resolve(response),
      ['catalogue-forms'],
    );
    const [failure] = failuresOf(report, 'catalogue-forms');
    assert.match(failure.message, /without format, the catalogue came in the compact form/);
  });

  it('a 404 without its error code fails errors, naming each operation', async () => {
    const report = await run(
      async (_url, _init, response) => {
        if (response.status !== 404) return response;
        const body = (await response.json()) as { error: { message: string } };
        return json({ error: { message: body.error.message } }, response);
      },
      ['errors'],
    );
    const failures = failuresOf(report, 'errors');
    assert.ok(
      failures.some((f) => f.endpoint === 'getOrder' && /not in the contract's error shape/.test(f.message)),
      formatReport(report),
    );
    assert.ok(
      failures.some((f) => f.endpoint === 'getOrder' && f.expected === '404 not_found'),
      formatReport(report),
    );
  });

  it("another customer's order leaked fails object-access, naming the operation and both customers", async () => {
    // Answers a 404 on an object with what its owner was last answered for it.
    const seen = new Map<string, Response>();
    const report = await run(
      async (url, init, response) => {
        const object = /\/view\/[^/]+(\/orders\/[^/]+)$/.exec(url.pathname)?.[1];
        if (!object || (init?.method ?? 'GET') !== 'GET') return response;
        if (response.status === 200) seen.set(object, response.clone());
        const leaked = seen.get(object);
        return response.status === 404 && leaked ? leaked.clone() : response;
      },
      ['shapes', 'object-access'],
    );
    const failures = failuresOf(report, 'object-access');
    const leak = failures.find((f) => f.endpoint === 'getOrder');
    assert.ok(leak, formatReport(report));
    assert.match(leak.message, /customer [AB] reached customer [AB]'s order/);
    assert.equal(leak.expected, '404 not_found');
    assert.equal(leak.received?.status, 200);
  });

  it("a 404 that tells another customer's order from a missing one fails object-access", async () => {
    // Answers "not yours" where the order exists (a missing id or number stays "No such order.").
    const report = await run(
      async (url, _init, response) => {
        const key = /\/orders\/([^/]+)$/.exec(url.pathname)?.[1];
        if (response.status !== 404 || !key || key.startsWith('00000000-') || key.endsWith('-999999999'))
          return response;
        return json({ error: { code: 'not_found', message: 'That order belongs to another customer.' } }, response);
      },
      ['object-access'],
    );
    assert.deepEqual(
      report.checks.map((c) => c.name),
      ['setup', 'shapes', 'object-access'],
      'object-access brings the check that finds the objects',
    );
    const failures = failuresOf(report, 'object-access');
    const tell = failures.find((f) => f.endpoint === 'getOrder');
    assert.ok(tell, formatReport(report));
    assert.match(tell.message, /differs from the 404 for a missing one: it tells the object exists/);
    assert.match(tell.received!.body, /belongs to another customer/);
  });

  it('a token that never expires fails token-lifecycle', async () => {
    // Tokens made with an expiry keep answering what they answered before it.
    const expiring = new Set<string>();
    const before = new Map<string, Response>();
    const report = await run(
      async (url, init, response) => {
        if (
          url.pathname.endsWith('/customer-portal/tokens') &&
          init?.method === 'POST' &&
          /expires_at/.test(String(init.body)) &&
          response.status === 201
        ) {
          expiring.add(((await response.clone().json()) as { token: string }).token);
          return response;
        }
        const token = /\/view\/([^/]+)\//.exec(url.pathname)?.[1];
        if (!token || !expiring.has(token)) return response;
        if (response.status === 200) before.set(url.pathname, response.clone());
        return response.status === 401 && before.has(url.pathname) ? before.get(url.pathname)!.clone() : response;
      },
      ['token-lifecycle'],
    );
    const [failure] = failuresOf(report, 'token-lifecycle');
    assert.equal(failure.endpoint, 'getSession');
    assert.equal(failure.message, 'an expired token must answer 401 invalid_token');
    assert.match(failure.request!.path, /<expiring token>\/session$/);
    assert.equal(failure.received?.status, 200);
  });

  it('a checkout that ignores the Idempotency-Key (no replay) fails idempotency, naming placeOrder', async () => {
    const report = await run(
      async (_url, init, response) => {
        if (init?.method !== 'POST' || !response.headers.has('idempotency-replayed')) return response;
        const headers = new Headers(response.headers);
        headers.delete('idempotency-replayed');
        return new Response(await response.text(), { status: response.status, headers });
      },
      ['idempotency'],
    );
    const [failure] = failuresOf(report, 'idempotency');
    assert.equal(failure.endpoint, 'placeOrder');
    assert.match(failure.message, /did not replay the first answer/);
    assert.match(failure.expected, /Idempotency-Replayed: true/);
  });

  it('prices that disagree with the pricing module fail price-agreement with both sides of each line', async () => {
    // The server answers every checkout as if its prices were one minor unit higher.
    const report = await run(
      async (url, init, response) => {
        if (init?.method !== 'POST' || !url.pathname.endsWith('/orders') || response.status !== 201) return response;
        const order = (await response.json()) as { total_minor: number };
        return json(
          {
            error: {
              code: 'price_changed',
              message: 'Prices have changed.',
              details: {
                expected_total: order.total_minor,
                total_minor: order.total_minor + 1,
                subtotal_minor: order.total_minor + 1,
                freight_minor: 0,
                lines: [],
              },
            },
          },
          new Response(null, { status: 409 }),
        );
      },
      ['price-agreement'],
    );
    const [failure] = failuresOf(report, 'price-agreement');
    assert.equal(failure.endpoint, 'placeOrder');
    assert.match(failure.message, /prices the cart differently from the pricing module/);
    assert.match(failure.expected, / at \d+ = \d+/, 'our price of each line');
    assert.match(failure.received!.body, /^price_changed at \d+/);
  });

  describe('approvals', () => {
    type Alter = (
      url: URL,
      method: string,
      body: Record<string, unknown> | undefined,
    ) => Record<string, unknown> | undefined;
    /** The server as it would answer if it had received `alter(...)`'s body (the kit sees its own request in the report). */
    const runAltered = (alter: Alter, after?: (url: URL, method: string, response: Response) => Promise<void>) =>
      runConformance({
        base: s.get().url,
        adminKey: ADMIN_KEY,
        seed: 1,
        only: ['approvals'],
        fetch: async (input, init) => {
          const url = new URL(input);
          const method = init?.method ?? 'GET';
          const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
          const altered = alter(url, method, body);
          const response = await fetch(input, altered ? { ...init, body: JSON.stringify(altered) } : init);
          await after?.(url, method, response.clone());
          return response;
        },
      });
    const approvalFailures = (report: Report) => failuresOf(report, 'approvals');

    it('a server that ignores the approval settings fails approvals: the over-amount order was placed as pending', async () => {
      const report = await runAltered((url, method) =>
        method === 'PATCH' && url.pathname.endsWith('/account/settings')
          ? { approval: { required_for: 'none', amount_minor: null } }
          : undefined,
      );
      const [failure] = approvalFailures(report);
      assert.equal(failure.endpoint, 'placeOrder');
      assert.equal(failure.message, "a Buyer's order over the account's approval amount must await approval");
      assert.equal(failure.expected, 'status awaiting_approval');
      assert.match(failure.received!.body, /status pending$/);
      assert.match(failure.request!.path, /\/view\/<token A\d+>\/orders$/);
      const text = formatReport(report);
      assert.match(text, /FAIL {2}approvals/);
      assert.doesNotMatch(text, /cpt_/, 'no token secret in the report');
    });

    it('a server that keeps counting a rejected order against the limit fails approvals, saying the amount was not given back', async () => {
      // As if the spending still held every rejected order: the limit the server applies is that much lower.
      let rejected = 0;
      const report = await runAltered(
        (url, method, body) =>
          method === 'PATCH' && url.pathname.includes('/people/') && typeof body?.spending_limit_minor === 'number'
            ? { ...body, spending_limit_minor: Math.max(0, body.spending_limit_minor - rejected) }
            : undefined,
        async (url, method, response) => {
          if (method === 'POST' && url.pathname.endsWith('/reject') && response.status === 200)
            rejected += ((await response.json()) as { total_minor: number }).total_minor;
        },
      );
      const failure = approvalFailures(report).find((f) => /given back/.test(f.message));
      assert.ok(failure, formatReport(report));
      assert.equal(failure.endpoint, 'placeOrder');
      assert.equal(failure.expected, 'status pending');
      assert.match(failure.received!.body, /status awaiting_approval$/);
    });

    it('a server that holds orders with no limit set fails approvals', async () => {
      const report = await runAltered((url, method, body) =>
        method === 'PATCH' && url.pathname.includes('/people/') && body?.spending_limit_minor === null
          ? { ...body, spending_limit_minor: 0 }
          : undefined,
      );
      const [failure] = approvalFailures(report);
      assert.equal(
        failure.message,
        'with no spending limit set and no approval rule, an order must never wait for approval',
      );
      assert.match(failure.received!.body, /status awaiting_approval$/);
    });
  });
});
