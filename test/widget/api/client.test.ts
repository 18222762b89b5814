import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { ApiError } from '../../../widget/api/errors.ts';
import { PortalClient } from '../../../widget/api/client.ts';
import {
  BadLinesDetails,
  PriceChangedDetails,
  endpoints,
  type CheckoutRequest,
} from '../../../widget/contract/index.ts';
import { IDS } from '../../../widget/mock/data.ts';
import {
  API_BASE,
  TOKEN,
  createHandlers,
  createState,
  errorResponse,
  mockUrl,
  type MockState,
} from '../../../widget/mock/handlers.ts';

const worker = setupWorker();
/** The mock's catalogue address for this token (format=… added by the caller). */
const catalogUrl = () => mockUrl(endpoints.getCatalog).replace(':token', TOKEN);
let state: MockState;
let client: PortalClient;

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(ApiError);
  return error as ApiError;
}

const cart: CheckoutRequest = {
  lines: [
    { product_id: IDS.product.coldBrew, quantity: 12 },
    { product_id: IDS.product.sparklingWater, uom: 'case12', quantity: 2 },
  ],
  customer_reference: 'PO-2001',
};

describe('PortalClient', () => {
  before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
  beforeEach(() => {
    state = createState();
    worker.use(...createHandlers(state));
    client = new PortalClient({ apiBase: API_BASE, token: TOKEN });
  });
  afterEach(() => {
    worker.resetHandlers();
    expect(state.violations, 'mock answers that broke the contract').to.deep.equal([]);
  });
  after(() => worker.stop());

  describe('reading', () => {
    it('returns the parsed session', async () => {
      const session = await client.session();
      expect(session).to.deep.equal(state.data.session);
    });

    it('returns the parsed catalogue', async () => {
      const catalog = await client.catalog();
      expect(catalog.products.map((p) => p.sku)).to.deep.equal(state.data.catalog.products.map((p) => p.sku));
      expect(catalog.pricing.promotions).to.have.length(2);
    });

    it('asks for the compact catalogue and holds what the full one says, less the descriptions', async () => {
      const catalog = await client.catalog();
      const asked = state.requests.filter((r) => r.endpoint === 'getCatalog');
      expect(asked.map((r) => new URL(r.url).searchParams.get('format'))).to.deep.equal(['compact']);
      const full = await (await fetch(catalogUrl())).json();
      expect(catalog).to.deep.equal({
        ...full,
        products: full.products.map(({ description: _, ...product }: Record<string, unknown>) => product),
      });
    });

    it('takes the full catalogue from a backend that answers it to format=compact', async () => {
      const full = await (await fetch(catalogUrl())).json();
      worker.use(http.get(mockUrl(endpoints.getCatalog), () => HttpResponse.json(full)));
      const catalog = await client.catalog();
      expect(catalog).to.deep.equal(full);
    });

    it('a compact answer whose position names nothing is a contract error that says where', async () => {
      const compact = await (await fetch(`${catalogUrl()}?format=compact`)).json();
      compact.pricing.default_list.entries[1][0] = compact.products.length;
      worker.use(http.get(mockUrl(endpoints.getCatalog), () => HttpResponse.json(compact)));
      const error = await apiError(client.catalog());
      expect(error).to.include({ kind: 'contract', status: 200 });
      expect(error.details).to.deep.equal([
        { path: ['pricing', 'default_list', 'entries', 1, 0], message: 'names no item' },
      ]);
    });

    it('a compact answer that breaks the schema is a contract error, checked in full', async () => {
      const compact = await (await fetch(`${catalogUrl()}?format=compact`)).json();
      compact.products[3][7] = 5;
      worker.use(http.get(mockUrl(endpoints.getCatalog), () => HttpResponse.json(compact)));
      const error = await apiError(client.catalog());
      expect(error).to.include({ kind: 'contract', status: 200 });
      expect(JSON.stringify(error.details)).to.contain('"products",3,7');
    });

    it('returns a page of orders, drafts included, and passes the cursor on', async () => {
      const first = await client.orders();
      expect(first.items.map((o) => o.number)).to.deep.equal([
        'SO-2025-0004',
        'SO-2025-0003',
        'SO-2025-0002',
        'SO-2025-0001',
      ]);
      expect(first.items[0]).to.include({ status: 'draft', is_draft: true });
      expect(first.next_cursor).to.equal(null);

      await client.orders('2');
      expect(state.requests.at(-1)?.query).to.deep.equal({ cursor: '2' });
    });

    it('returns one order and the order history', async () => {
      const order = await client.order(IDS.order.shipped);
      expect(order.deliveries[0]).to.include({ carrier: 'DPD', status: 'in_transit' });
      const history = await client.orderHistory();
      expect(history.items.length).to.equal(state.data.orderHistory.items.length);
    });

    it('percent-encodes the token into the path and asks for JSON', async () => {
      state.token = 'a/b c?&#';
      const odd = new PortalClient({ apiBase: `${API_BASE}/`, token: state.token });
      await odd.session();
      const request = state.requests.at(-1)!;
      expect(request.path).to.equal('/api/v1/customer-portal/view/a%2Fb%20c%3F%26%23/session');
      expect(request.url).to.equal(`${API_BASE}/api/v1/customer-portal/view/a%2Fb%20c%3F%26%23/session`);
      expect(request.headers.accept).to.equal('application/json');
    });
  });

  describe('placing an order', () => {
    it('sends the Idempotency-Key header and the JSON body, and returns the created order', async () => {
      const order = await client.placeOrder(cart, 'key-0001');
      const request = state.requests.at(-1)!;
      expect(request).to.deep.include({
        method: 'POST',
        path: `/api/v1/customer-portal/view/${TOKEN}/orders`,
        body: cart,
      });
      expect(request.headers['idempotency-key']).to.equal('key-0001');
      expect(request.headers['content-type']).to.equal('application/json');
      // 12 × 4.20 (group tier) + 2 × 13.00 (case) = 76.40, under free freight: + 9.95
      expect(order).to.include({
        status: 'pending',
        subtotal_minor: 7640,
        freight_minor: 995,
        total_minor: 8635,
        customer_reference: 'PO-2001',
      });
    });

    it('gets the same order back when it retries with the same key', async () => {
      const first = await client.placeOrder(cart, 'key-0002');
      const again = await client.placeOrder(cart, 'key-0002');
      expect(again).to.deep.equal(first);
      expect(state.data.orders.filter((o) => 'id' in first && o.id === first.id)).to.have.length(1);
    });
  });

  describe('errors', () => {
    it('an answer that breaks the contract is a contract error', async () => {
      worker.use(
        http.get(mockUrl(endpoints.getCatalog), () => HttpResponse.json({ currency: 'euro', products: 'none' })),
      );
      const error = await apiError(client.catalog());
      expect(error).to.include({ kind: 'contract', status: 200, retryable: false });
      expect(error.details).to.be.an('array').that.is.not.empty;
    });

    it('a network failure is retryable', async () => {
      worker.use(http.get(mockUrl(endpoints.getSession), () => HttpResponse.error()));
      const error = await apiError(client.session());
      expect(error).to.include({ kind: 'network', status: 0, retryable: true });
    });

    it('401: the link is no longer valid', async () => {
      const revoked = new PortalClient({ apiBase: API_BASE, token: 'cpt_revoked_token' });
      const error = await apiError(revoked.session());
      expect(error).to.include({ kind: 'unauthorized', status: 401, code: 'invalid_token', retryable: false });
    });

    it('403 permission_denied is forbidden', async () => {
      state.data.session.permissions.view_orders = false;
      const error = await apiError(client.orders());
      expect(error).to.include({ kind: 'forbidden', status: 403, code: 'permission_denied' });
    });

    it('403 supplier_unavailable keeps its own kind', async () => {
      state.data.session.settings.supplier_available = false;
      const error = await apiError(client.placeOrder(cart, 'key-0003'));
      expect(error).to.include({ kind: 'supplier_unavailable', status: 403, code: 'supplier_unavailable' });
    });

    it('429 tells how long to wait from Retry-After', async () => {
      worker.use(
        http.get(mockUrl(endpoints.getCatalog), () =>
          errorResponse(429, 'rate_limited', 'Too many requests.', undefined, { 'Retry-After': '7' }),
        ),
      );
      const error = await apiError(client.catalog());
      expect(error).to.include({ kind: 'rate_limited', status: 429, retryAfterSeconds: 7, retryable: true });
    });

    it('429 without Retry-After waits 30 seconds', async () => {
      worker.use(
        http.get(mockUrl(endpoints.getCatalog), () => errorResponse(429, 'rate_limited', 'Too many requests.')),
      );
      const error = await apiError(client.catalog());
      expect(error).to.include({ kind: 'rate_limited', retryAfterSeconds: 30 });
    });

    it('409 price_changed carries the current prices', async () => {
      const error = await apiError(client.placeOrder({ ...cart, expected_total: 8000 }, 'key-0004'));
      expect(error).to.include({ kind: 'price_changed', status: 409, code: 'price_changed' });
      const details = PriceChangedDetails.parse(error.details);
      expect(details).to.include({ expected_total: 8000, total_minor: 8635 });
      expect(details.lines.map((l) => l.unit_price_minor)).to.deep.equal([420, 1300]);
    });

    it('422 lines_not_orderable names the bad lines', async () => {
      const lines = [
        { product_id: IDS.product.greenTea, quantity: 1 },
        { product_id: IDS.product.allPurposeCleaner, quantity: 2 },
      ];
      const error = await apiError(client.placeOrder({ lines }, 'key-0005'));
      expect(error).to.include({ kind: 'not_orderable', status: 422, code: 'lines_not_orderable' });
      expect(BadLinesDetails.parse(error.details).lines).to.deep.equal([
        { index: 1, product_id: IDS.product.allPurposeCleaner, uom: 'each', reason: 'out_of_stock' },
      ]);
    });

    it('500 with a body that is not JSON is a retryable server error', async () => {
      worker.use(
        http.get(
          mockUrl(endpoints.getSession),
          () =>
            new HttpResponse('<html><h1>502 Bad Gateway</h1></html>', {
              status: 500,
              headers: { 'Content-Type': 'text/html' },
            }),
        ),
      );
      const error = await apiError(client.session());
      expect(error).to.include({ kind: 'server', status: 500, code: null, retryable: true });
      expect(error.message).to.equal('The supplier answered 500.');
    });
  });

  describe('aborting', () => {
    it('a request aborted in flight rejects with AbortError, not ApiError', async () => {
      let arrived!: () => void;
      const reached = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      worker.use(
        http.get(mockUrl(endpoints.getSession), async () => {
          arrived();
          await held;
          return HttpResponse.json(state.data.session);
        }),
      );
      const controller = new AbortController();
      const pending = client.session(controller.signal);
      await reached;
      controller.abort();
      const error = await rejection(pending);
      release();
      expect(error).not.to.be.instanceOf(ApiError);
      expect((error as Error).name).to.equal('AbortError');
    });

    it('a request aborted before it starts rejects with AbortError', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(client.catalog(controller.signal));
      expect(error).not.to.be.instanceOf(ApiError);
      expect((error as Error).name).to.equal('AbortError');
    });
  });
});
