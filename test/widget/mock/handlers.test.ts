import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import {
  AwaitingOrderList,
  endpoints,
  ErrorBody,
  OrderDetail,
  type CheckoutRequest,
} from '../../../widget/contract/index.ts';
import { CHANGE_IDS, IDS, makeChangeOrders, makeOrders, personSession } from '../../../widget/mock/data.ts';
import {
  API_BASE,
  PORTAL_ENDPOINTS,
  TOKEN,
  createHandlers,
  createState,
  mockUrl,
  type MockState,
} from '../../../widget/mock/handlers.ts';

// These check the mock itself against the reference server's rules, with plain fetch, so the
// widget's tests can trust what it answers.
const worker = setupWorker();
let state: MockState;

const base = `${API_BASE}/api/v1/customer-portal/view/${TOKEN}`;
const cart: CheckoutRequest = { lines: [{ product_id: IDS.product.greenTea, quantity: 3 }] };

function checkout(body: unknown, key?: string): Promise<Response> {
  return fetch(`${base}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorCode(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

describe('mock API handlers', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  beforeEach(() => {
    state = createState();
    worker.use(...createHandlers(state));
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  describe('coverage', () => {
    it('has one handler per portal endpoint of the contract', () => {
      const handled = createHandlers(state).map((h) => `${h.info.method} ${String(h.info.path)}`);
      const expected = PORTAL_ENDPOINTS.map(
        (name) => `${endpoints[name].method.toUpperCase()} ${mockUrl(endpoints[name])}`,
      );
      expect(handled).to.have.members(expected);
      expect(PORTAL_ENDPOINTS).to.include.members(['getSession', 'getCatalog', 'listOrders', 'placeOrder']);
    });
  });

  describe('reading', () => {
    it('pages lists with a cursor', async () => {
      const first = await (await fetch(`${base}/orders?limit=3`)).json();
      expect(first.items).to.have.length(3);
      expect(first.next_cursor).to.equal('3');
      const second = await (await fetch(`${base}/orders?limit=3&cursor=${first.next_cursor}`)).json();
      expect(second.items.map((o: { id: string }) => o.id)).to.deep.equal([IDS.order.invoiced]);
      expect(second.next_cursor).to.equal(null);
    });

    it('answers 404 for an unknown order of any shape, 400 for an over-long or control-character id', async () => {
      for (const unknown of [IDS.payment.first, 'not-a-uuid', '42']) {
        const missing = await fetch(`${base}/orders/${unknown}`);
        expect([missing.status, await errorCode(missing)], unknown).to.deep.equal([404, 'not_found']);
      }
      for (const bad of ['x'.repeat(129), 'a%01']) {
        const res = await fetch(`${base}/orders/${bad}`);
        expect([res.status, await errorCode(res)], bad).to.deep.equal([400, 'validation_failed']);
      }
    });

    it("serves an order's PDF as application/pdf, and 404 for a draft's", async () => {
      const pdf = await fetch(`${base}/orders/${IDS.order.shipped}/pdf`);
      expect([pdf.status, pdf.headers.get('content-type')]).to.deep.equal([200, 'application/pdf']);
      expect((await pdf.text()).startsWith('%PDF-')).to.equal(true);
      const draft = await fetch(`${base}/orders/${IDS.order.draft}/pdf`);
      expect([draft.status, await errorCode(draft)]).to.deep.equal([404, 'not_found']);
    });

    it('answers 403 section_disabled when the section is off', async () => {
      state.data.session.settings.sections.quotes = false;
      const response = await fetch(`${base}/quotes`);
      expect([response.status, await errorCode(response)]).to.deep.equal([403, 'section_disabled']);
    });

    it('accepts an open quote once', async () => {
      const accepted = await fetch(`${base}/quotes/${IDS.quote.open}/accept`, { method: 'POST' });
      expect(accepted.status).to.equal(200);
      expect((await accepted.json()).state).to.equal('accepted');
      const again = await fetch(`${base}/quotes/${IDS.quote.open}/accept`, { method: 'POST' });
      expect([again.status, await errorCode(again)]).to.deep.equal([422, 'quote_not_open']);
    });

    it('logs every request with its headers and body', async () => {
      await checkout(cart, 'log-key');
      expect(state.requests).to.have.length(1);
      expect(state.requests[0]).to.deep.include({ endpoint: 'placeOrder', method: 'POST', body: cart });
      expect(state.requests[0].headers['idempotency-key']).to.equal('log-key');
    });
  });

  describe('contract drift', () => {
    it('refuses to send an answer that breaks the contract, loudly', async () => {
      (state.data.catalog.products[0].units[0] as { base_price_minor: unknown }).base_price_minor = 1.5;
      const logged: unknown[] = [];
      const consoleError = console.error;
      console.error = (...args: unknown[]) => {
        logged.push(...args);
      };
      let response: Response;
      try {
        response = await fetch(`${base}/catalog`);
      } finally {
        console.error = consoleError;
      }
      expect(String(logged[0])).to.match(/^Mock answer for getCatalog does not match the contract/);
      expect(response.status).to.equal(500);
      expect(ErrorBody.parse(await response.json()).error.message).to.match(
        /getCatalog does not match the contract: products\.0\.units\.0\.base_price_minor/,
      );
      expect(state.violations.map((v) => v.endpoint)).to.deep.equal(['getCatalog']);
    });
  });

  describe('checkout', () => {
    it('creates the order, priced with the shared module, and lists it first', async () => {
      const response = await checkout(cart, 'key-1');
      expect(response.status).to.equal(201);
      const order = OrderDetail.parse(await response.json());
      expect(order).to.include({
        subtotal_minor: 825,
        freight_minor: 995,
        total_minor: 1820,
        item_count: 1,
        status: 'pending',
      });
      expect(order.lines[0]).to.include({ uom: 'each', unit_price_minor: 275 });
      expect(state.data.orders[0].id).to.equal(order.id);
    });

    it('charges no freight from the free-freight threshold', async () => {
      const response = await checkout({ lines: [{ product_id: IDS.product.coldBrew, quantity: 48 }] }, 'key-free');
      expect(await response.json()).to.include({ subtotal_minor: 48 * 390, freight_minor: 0, total_minor: 48 * 390 });
    });

    it('replays the first answer for the same key and body', async () => {
      const first = await (await checkout(cart, 'key-2')).json();
      const replay = await checkout(cart, 'key-2');
      expect(replay.status).to.equal(201);
      expect(replay.headers.get('Idempotency-Replayed')).to.equal('true');
      expect(await replay.json()).to.deep.equal(first);
      expect(state.data.orders.filter((o) => o.id === first.id)).to.have.length(1);
    });

    it('refuses the same key with another body', async () => {
      await checkout(cart, 'key-3');
      const reused = await checkout({ lines: [{ product_id: IDS.product.greenTea, quantity: 4 }] }, 'key-3');
      expect([reused.status, await errorCode(reused)]).to.deep.equal([422, 'idempotency_key_reused']);
    });

    it('requires a key', async () => {
      const response = await checkout(cart);
      expect([response.status, await errorCode(response)]).to.deep.equal([400, 'idempotency_key_required']);
      expect(state.data.orders).to.have.length(4);
    });

    it('validates the body against the contract', async () => {
      const invalid = await checkout({ lines: [] }, 'key-4');
      expect([invalid.status, await errorCode(invalid)]).to.deep.equal([400, 'validation_failed']);
      const malformed = await checkout('{"lines": [', 'key-5');
      expect([malformed.status, await errorCode(malformed)]).to.deep.equal([400, 'malformed_json']);
    });

    it('answers price_changed when expected_total differs, and keeps the key free', async () => {
      const changed = await checkout({ ...cart, expected_total: 1 }, 'key-6');
      expect([changed.status, await errorCode(changed)]).to.deep.equal([409, 'price_changed']);
      const retried = await checkout({ ...cart, expected_total: 1820 }, 'key-6');
      expect(retried.status).to.equal(201);
    });

    it('answers lines_not_orderable for unpriced and inactive lines', async () => {
      const response = await checkout(
        {
          lines: [
            { product_id: IDS.product.microfibreCloths, quantity: 1 },
            { product_id: IDS.product.discontinuedCola, quantity: 1 },
          ],
        },
        'key-7',
      );
      expect(response.status).to.equal(422);
      const body = ErrorBody.parse(await response.json());
      expect(body.error.code).to.equal('lines_not_orderable');
      expect((body.error.details as { lines: { reason: string }[] }).lines.map((l) => l.reason)).to.deep.equal([
        'unpriced',
        'inactive',
      ]);
    });
  });
  describe('ordering rules, as the server rules them', () => {
    const send = (path: string, method: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const edit = (body: unknown) => send(`/orders/${CHANGE_IDS.editable}`, 'PATCH', body);
    const cancel = () => send(`/orders/${CHANGE_IDS.editable}/cancel`, 'POST', {});
    const refusal = async (response: Response) =>
      [response.status, ErrorBody.parse(await response.json()).error] as const;

    beforeEach(() => {
      state = createState({ orders: [...makeChangeOrders(), ...makeOrders()] });
      worker.resetHandlers(...createHandlers(state));
    });

    it('without place_orders: checkout, edit and cancel answer 403 permission_denied and change nothing', async () => {
      state.data.session.permissions.place_orders = false;
      const before = structuredClone(state.data.orders);
      for (const response of [
        await checkout(cart, 'perm-1'),
        await edit({ customer_reference: 'NEW' }),
        await cancel(),
      ]) {
        expect(await refusal(response)).to.deep.equal([
          403,
          { code: 'permission_denied', message: 'This portal link does not allow that (place_orders).' },
        ]);
      }
      expect(state.data.orders).to.deep.equal(before);
    });

    it('a session without place_orders at all (an older server) may order', async () => {
      delete state.data.session.permissions.place_orders;
      expect((await checkout(cart, 'perm-2')).status).to.equal(201);
    });

    it('while the supplier is unavailable: edits, cancellations and quote acceptance answer 403 supplier_unavailable', async () => {
      state.data.session.settings.supplier_available = false;
      const before = structuredClone(state.data.orders);
      for (const response of [await edit({ customer_reference: 'NEW' }), await cancel()]) {
        expect(await refusal(response)).to.deep.equal([
          403,
          {
            code: 'supplier_unavailable',
            message: 'The supplier cannot change or cancel orders at the moment. Please try again later.',
          },
        ]);
      }
      expect(state.data.orders).to.deep.equal(before);
      const accepted = await send(`/quotes/${IDS.quote.open}/accept`, 'POST');
      expect((await refusal(accepted))[1].code).to.equal('supplier_unavailable');
    });

    it('a reference that only looks like a taken one is taken: zero-width space, RLO, Cyrillic О, case', async () => {
      state.data.session.settings.require_unique_reference = true;
      expect((await checkout({ ...cart, customer_reference: 'PO-4471' }, 'ref-0')).status).to.equal(201);
      let n = 0;
      for (const reference of ['PO-44\u200B71', '\u202EPO-4471', 'P\u041E-4471', 'po-4471']) {
        const [status, error] = await refusal(await checkout({ ...cart, customer_reference: reference }, `ref-${++n}`));
        expect([status, error.code], JSON.stringify(reference)).to.deep.equal([422, 'reference_taken']);
        expect((await refusal(await edit({ customer_reference: reference })))[1].code).to.equal('reference_taken');
      }
    });

    it('refuses control characters in a reference with 400', async () => {
      for (const reference of ['PO-1\n2', 'PO-1\t2', '\u200B']) {
        const [status, error] = await refusal(await checkout({ ...cart, customer_reference: reference }, 'ctrl'));
        expect([status, error.code], JSON.stringify(reference)).to.deep.equal([400, 'validation_failed']);
      }
    });
  });

  describe('approvals, as the server rules them', () => {
    const ben = { id: IDS.person.ben, name: 'Ben Okafor' };
    /** 1820 (3 green teas and freight). */
    const big = cart;
    /** 1270 (1 green tea and freight). */
    const small: CheckoutRequest = { lines: [{ product_id: IDS.product.greenTea, quantity: 1 }] };
    let keys = 0;
    const place = async (body: CheckoutRequest) =>
      OrderDetail.parse(await (await checkout(body, `appr-${++keys}`)).json());
    const post = (path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const as = (role: 'admin' | 'buyer', person = ben) =>
      Object.assign(state.data.session, personSession(role, person));
    const limitBen = (minor: number | null) => {
      state.data.people.find((p) => p.id === ben.id)!.spending_limit_minor = minor;
    };

    beforeEach(() => {
      state = createState();
      worker.resetHandlers(...createHandlers(state));
      as('buyer');
    });

    it("a Buyer's order over the account's amount awaits approval, with who asked and why; under it, pending", async () => {
      state.data.workspace.approval = { required_for: 'over_amount', amount_minor: 1500 };
      const over = await place(big);
      expect([over.status, over.placed_by]).to.deep.equal(['awaiting_approval', ben]);
      expect((await place(small)).status).to.equal('pending');
      as('admin', { id: IDS.person.ana, name: 'Ana Ruiz' });
      const waiting = AwaitingOrderList.parse(await (await fetch(`${base}/approvals`)).json()).items;
      expect(waiting.map((o) => [o.id, o.placed_by, o.reasons])).to.deep.equal([[over.id, ben, ['over_amount']]]);
    });

    it("every order from a Buyer with 'buyers'; an Admin's own order never waits", async () => {
      state.data.workspace.approval = { required_for: 'buyers', amount_minor: null };
      expect((await place(small)).status).to.equal('awaiting_approval');
      as('admin', { id: IDS.person.ana, name: 'Ana Ruiz' });
      expect((await place(big)).status).to.equal('pending');
    });

    it('beyond the spending limit it waits; a rejected or cancelled order gives its amount back', async () => {
      limitBen(3200);
      state.data.session.settings.order_changes.apply_cancellations_automatically = true;
      const first = await place(big);
      expect(first.status).to.equal('pending');
      const second = await place(big);
      expect(second.status).to.equal('awaiting_approval');

      as('admin', { id: IDS.person.ana, name: 'Ana Ruiz' });
      const rejected = OrderDetail.parse(
        await (await post(`/orders/${second.id}/reject`, { reason: 'Too much' })).json(),
      );
      expect(rejected.status).to.equal('rejected');
      expect(rejected.history.at(-1)).to.include({ note: 'Too much', actor_name: 'Ana Ruiz' });

      as('buyer');
      // 1820 + 1270 fits 3200 only without the rejected 1820.
      expect((await place(small)).status).to.equal('pending');
      expect((await post(`/orders/${first.id}/cancel`, {})).status).to.equal(200);
      // 1270 + 1820 fits only without the cancelled 1820.
      expect((await place(big)).status).to.equal('pending');
      expect((await place(small)).status).to.equal('awaiting_approval');
    });

    it('an Admin approves: the order becomes pending and leaves the list', async () => {
      limitBen(1000);
      const waiting = await place(big);
      as('admin', { id: IDS.person.ana, name: 'Ana Ruiz' });
      const approved = OrderDetail.parse(await (await post(`/orders/${waiting.id}/approve`)).json());
      expect(approved.status).to.equal('pending');
      expect(AwaitingOrderList.parse(await (await fetch(`${base}/approvals`)).json()).items).to.deep.equal([]);
    });

    it('no limit set: never a limit reason, however much the Buyer orders', async () => {
      limitBen(null);
      for (let i = 0; i < 5; i++)
        expect((await place({ lines: [{ product_id: IDS.product.coldBrew, quantity: 480 }] })).status).to.equal(
          'pending',
        );
    });
  });
});
