/**
 * XSS: a corpus of payloads in every text and URL the API hands the UI (product names,
 * descriptions, SKUs and units, category and promotion names, business and workspace names,
 * order notes and references, line names, carriers and tracking links, order history, quote
 * decline reasons, payment references...), then every screen of <customer-portal>,
 * <past-orders> and <reorder-cart> rendered in a real Chromium. On every screen: no payload ran
 * (`window.__xss` stays unset), no element carries an `on…` attribute or is a script, frame or
 * object, no link or form points at a `javascript:`-like URL, and the payloads read as text.
 *
 * To extend: add payloads to TEXT_PAYLOADS / URL_PAYLOADS, fields to FIELDS (a setter on the mock
 * dataset), and screens to SCREENS (a walk through an element that calls `check` on each screen).
 * Every payload lands in every field: run i puts payload (i + field index) in each field.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { HttpResponse, http } from 'msw';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { makeChangeOrders, type Dataset } from '../../widget/mock/data.ts';
import type { MockState } from '../../widget/mock/handlers.ts';
import {
  allElements,
  catalogueShown,
  fill,
  findByRole,
  findText,
  getByRole,
  mockApi,
  mountPortal,
  queryAllByRole,
  textOf,
} from './customer-portal/helpers.ts';
import { historyShown, mountPastOrders, ordersShown } from './past-orders/helpers.ts';
import { keepAddress, openAt, setHash } from './account/helpers.ts';
import { mountCart, openPanel, pricesShown, storeCart } from './reorder-cart/helpers.ts';

declare global {
  interface Window {
    __xss?: unknown;
  }
}

// ------------------------------------------------------------------ the corpus

/** Text that would run script (setting window.__xss) if it were ever parsed as markup or code. */
export const TEXT_PAYLOADS: string[] = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  "'><svg/onload=window.__xss=1>",
  '" onmouseover="window.__xss=1" autofocus onfocus="window.__xss=1" x="',
  "' onfocus='window.__xss=1' autofocus='",
  '<a href="javascript:window.__xss=1">click</a>',
  '</textarea></title></style><script>window.__xss=1</script>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<details open ontoggle="window.__xss=1">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '${window.__xss=1}',
  '{{constructor.constructor("window.__xss=1")()}}',
  '<object data="javascript:window.__xss=1"></object><embed src="javascript:window.__xss=1">',
  '<base href="javascript:window.__xss=1//"><form action="javascript:window.__xss=1"><button>x</button></form>',
  '<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s">',
  '<style>@import "javascript:window.__xss=1";</style>',
];

/** Values for fields that hold a URL (image, logo, tracking link). */
export const URL_PAYLOADS: string[] = [
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1//',
  ' \tjavascript:window.__xss=1',
  'java\nscript:window.__xss=1',
  'data:text/html,<script>parent.__xss=1</script>',
  'vbscript:window.__xss=1',
  'javascript://https://tracking.example/%0Awindow.__xss=1',
  '"><img src=x onerror="window.__xss=1">',
];

interface Field {
  name: string;
  kind: 'text' | 'url';
  /** Puts the value into the mock's dataset (suffixes keep list entries apart). */
  set(data: Dataset, value: string): void;
}

/** Every place in the API's answers that carries text or a URL the UI may show. */
export const FIELDS: Field[] = [
  {
    name: 'business name',
    kind: 'text',
    set: (d, v) => {
      d.session.customer.business_name = v;
    },
  },
  {
    name: 'workspace name',
    kind: 'text',
    set: (d, v) => {
      d.session.workspace.name = v;
    },
  },
  {
    name: 'accent colour',
    kind: 'text',
    set: (d, v) => {
      d.session.workspace.branding.accent_color = v;
    },
  },
  {
    name: 'logo URL',
    kind: 'url',
    set: (d, v) => {
      d.session.workspace.branding.logo_url = v;
    },
  },
  {
    name: 'product names',
    kind: 'text',
    set: (d, v) =>
      d.catalog.products.forEach((p, i) => {
        p.name = `${v} #${i}`;
      }),
  },
  {
    name: 'product descriptions',
    kind: 'text',
    set: (d, v) =>
      d.catalog.products.forEach((p) => {
        p.description = v;
      }),
  },
  {
    name: 'SKUs',
    kind: 'text',
    set: (d, v) =>
      d.catalog.products.forEach((p, i) => {
        p.sku = `${v}-${i}`;
      }),
  },
  {
    name: 'unit names',
    kind: 'text',
    set: (d, v) =>
      d.catalog.products.forEach((p) =>
        p.units.forEach((u, i) => {
          u.name = `${v} ${i}`;
        }),
      ),
  },
  {
    name: 'image URLs',
    kind: 'url',
    set: (d, v) =>
      d.catalog.products.forEach((p) => {
        p.image_url = v;
      }),
  },
  {
    name: 'category names',
    kind: 'text',
    set: (d, v) =>
      d.catalog.categories.forEach((c, i) => {
        c.name = `${v} #${i}`;
      }),
  },
  {
    name: 'promotion names',
    kind: 'text',
    set: (d, v) =>
      d.catalog.pricing.promotions.forEach((p) => {
        p.name = v;
      }),
  },
  {
    name: 'price list names',
    kind: 'text',
    set: (d, v) =>
      [d.catalog.pricing.group_list, d.catalog.pricing.default_list].forEach((l) => {
        if (l) l.name = v;
      }),
  },
  {
    name: 'order notes',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) => {
        o.note = v;
      }),
  },
  {
    name: 'order references',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) => {
        o.customer_reference = v;
      }),
  },
  {
    name: 'order line names',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.lines.forEach((l) => {
          l.name = v;
        }),
      ),
  },
  {
    name: 'order line SKUs',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.lines.forEach((l) => {
          l.sku = v;
        }),
      ),
  },
  {
    name: 'carriers',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.deliveries.forEach((x) => {
          x.carrier = v;
        }),
      ),
  },
  {
    name: 'tracking numbers',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.deliveries.forEach((x) => {
          x.tracking_number = v;
        }),
      ),
  },
  {
    name: 'tracking URLs',
    kind: 'url',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.deliveries.forEach((x) => {
          x.tracking_url = v;
        }),
      ),
  },
  {
    name: 'order history names',
    kind: 'text',
    set: (d, v) =>
      d.orderHistory.items.forEach((h) => {
        h.name = v;
      }),
  },
  {
    name: 'order history SKUs',
    kind: 'text',
    set: (d, v) =>
      d.orderHistory.items.forEach((h) => {
        h.sku = v;
      }),
  },
  {
    name: 'quote decline reasons',
    kind: 'text',
    set: (d, v) =>
      d.quotes.forEach((q) => {
        q.decline_reason = v;
      }),
  },
  {
    name: 'quote line names',
    kind: 'text',
    set: (d, v) =>
      d.quotes.forEach((q) =>
        q.lines.forEach((l) => {
          l.name = v;
        }),
      ),
  },
  {
    name: 'payment references',
    kind: 'text',
    set: (d, v) =>
      d.payments.forEach((p) => {
        p.reference = v;
      }),
  },
  {
    name: 'delivery carriers (deliveries list)',
    kind: 'text',
    set: (d, v) =>
      d.deliveries.forEach((x) => {
        x.carrier = v;
      }),
  },
  {
    name: 'delivery tracking URLs (deliveries list)',
    kind: 'url',
    set: (d, v) =>
      d.deliveries.forEach((x) => {
        x.tracking_url = v;
      }),
  },
  {
    name: 'delivery line names',
    kind: 'text',
    set: (d, v) =>
      d.deliveries.forEach((x) =>
        x.lines.forEach((l) => {
          l.name = v;
        }),
      ),
  },
  {
    name: 'order cancellation reasons',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.requests.forEach((r) => {
          if (r.kind === 'cancel') r.reason = v;
        }),
      ),
  },
  {
    name: 'order rejection reasons',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.requests.forEach((r) => {
          if (r.state === 'rejected') r.rejection_reason = v;
        }),
      ),
  },
  {
    name: 'order record names',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.history.forEach((e) => {
          e.actor_name = v;
        }),
      ),
  },
  {
    name: 'order record notes',
    kind: 'text',
    set: (d, v) =>
      d.orders.forEach((o) =>
        o.history.forEach((e) => {
          if (e.action === 'request_rejected' || e.action === 'cancel_requested') e.note = v;
        }),
      ),
  },
];

/** The payloads of run `run`, field by field. */
function assignment(run: number): Map<Field, string> {
  const texts = FIELDS.filter((f) => f.kind === 'text');
  const urls = FIELDS.filter((f) => f.kind === 'url');
  return new Map([
    ...texts.map((f, i) => [f, TEXT_PAYLOADS[(run + i) % TEXT_PAYLOADS.length]] as const),
    ...urls.map((f, i) => [f, URL_PAYLOADS[(run + i) % URL_PAYLOADS.length]] as const),
  ]);
}

// ------------------------------------------------------------------ the checks

const DANGEROUS_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'portal',
  'math',
]);
const URL_ATTRIBUTES = ['href', 'xlink:href', 'action', 'formaction'];
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'blob:', 'mailto:', 'tel:']);

/** What went wrong on one screen, empty when it is safe. */
function problemsIn(root: Element): string[] {
  const problems: string[] = [];
  if (window.__xss !== undefined) problems.push('a payload ran (window.__xss is set)');
  for (const el of [root, ...allElements(root)]) {
    const tag = el.localName;
    if (DANGEROUS_TAGS.has(tag)) problems.push(`a <${tag}> element`);
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) problems.push(`<${tag} ${attr}="${el.getAttribute(attr)}">`);
      if (attr === 'srcdoc') problems.push(`<${tag} srcdoc>`);
    }
    for (const attr of URL_ATTRIBUTES) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      let protocol: string;
      try {
        protocol = new URL(value, document.baseURI).protocol;
      } catch {
        continue;
      }
      if (!SAFE_PROTOCOLS.has(protocol)) problems.push(`<${tag} ${attr}="${value}"> is a live ${protocol} link`);
    }
  }
  return problems;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Checks screens: nothing ran and nothing dangerous is in the DOM of each; `shown` then says
 * whether a field's payload read as plain text on some screen (so the field really was rendered,
 * and escaped).
 */
function checker(values: Map<Field, string>) {
  const screens: string[] = [];
  const texts: string[] = [];
  return {
    screens,
    check(root: Element, screen: string) {
      screens.push(screen);
      expect(problemsIn(root), `${screen}: unsafe rendering`).to.deep.equal([]);
      texts.push(normalise(textOf(root)));
    },
    /** The fields whose payload never read as text on any screen checked. */
    unseen(names: string[]): string[] {
      return names
        .filter((name) => {
          const field = FIELDS.find((f) => f.name === name);
          if (!field) throw new Error(`no field ${name}`);
          const value = normalise(values.get(field)!);
          return !texts.some((t) => t.includes(value));
        })
        .map((name) => `${name} (${values.get(FIELDS.find((f) => f.name === name)!)})`);
    },
  };
}

type Check = ReturnType<typeof checker>['check'];

// ------------------------------------------------------------------ the screens

const buttons = (root: Element, name: RegExp) => queryAllByRole(root, 'button', { name });
const sleepFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Every non-draft order of the Recent orders list opened in turn, then the order history and a reorder. */
async function walkPastOrders(root: Element, check: Check, where: string): Promise<void> {
  await ordersShown(root);
  check(root, `${where}: recent orders`);
  const details = buttons(root, /^Details of /).filter((b) => !(b as HTMLButtonElement).disabled);
  expect(details.length, 'orders to open').to.be.greaterThan(0);
  for (const [i, open] of details.entries()) {
    const name = open.getAttribute('aria-label') ?? textOf(open);
    const enabled = buttons(root, /^Details of /).filter((b) => !(b as HTMLButtonElement).disabled);
    enabled[i].click();
    const dialog = await findByRole(root, 'dialog', { name: /^Order / });
    await findByRole(dialog, 'table', { name: 'Lines' });
    check(root, `${where}: ${name}`);
    getByRole(dialog, 'button', { name: 'Close' }).click();
    await waitUntil(() => !(dialog as HTMLDialogElement).open, 'the order did not close');
  }
  await historyShown(root);
  check(root, `${where}: order history`);
  buttons(root, /^Reorder (?!with changes)/)
    .filter((b) => !(b as HTMLButtonElement).disabled)[0]
    .click();
  await waitUntil(() => queryAllByRole(root, 'status').some((s) => textOf(s).length > 0), 'no reorder feedback');
  check(root, `${where}: after a reorder`);
}

interface Screens {
  /** The fields whose payload must read as text on some screen of this element. */
  shows: string[];
  /** Walks every screen of one element, calling `check` on each. */
  walk(check: Check, state: MockState, values: Map<Field, string>): Promise<void>;
}

const PAYMENT_SAFE_NOTE = '<img src=x onerror="window.__xss=1">';

export const SCREENS: Record<string, Screens> = {
  '<customer-portal>': {
    shows: [
      'business name',
      'workspace name',
      'product names',
      'SKUs',
      'unit names',
      'category names',
      'order line names',
      'order line SKUs',
      'order notes',
      'order references',
      'carriers',
      'tracking numbers',
      'order history names',
      'order history SKUs',
    ],
    async walk(check, state, values) {
      const product = state.data.catalog.products.find(
        (p) => p.active && p.stock !== 'out_of_stock' && p.units[0].base_price_minor !== null,
      )!;
      storeCart([{ product_id: product.id, uom: product.units[0].code, quantity: 2 }]);
      const el = await mountPortal();
      const yes = await findByRole(el, 'button', { name: 'Yes, start ordering' });
      check(el, 'welcome');
      yes.click();
      await catalogueShown(el);
      check(el, 'catalogue');
      const tabs = queryAllByRole(el, 'tab');
      for (const [i, tab] of tabs.entries()) {
        queryAllByRole(el, 'tab')[i].click();
        await waitUntil(
          () => queryAllByRole(el, 'tab')[i].getAttribute('aria-selected') === 'true',
          `tab ${i} was not selected`,
        );
        await waitUntil(() => !textOf(getByRole(el, 'tabpanel')).includes('Loading'), `tab ${i} did not load`);
        await sleepFrame();
        check(el, `tab ${normalise(textOf(tab)).slice(0, 40)}`);
        if (queryAllByRole(el, 'table', { name: 'Recent orders' }).length)
          await walkPastOrders(el, check, 'Past Orders tab');
      }
      check(el, 'tab labels');

      // The cart, then a checkout whose note and reference are payloads too.
      getByRole(el, 'button', { name: /^Cart, \d+ items?$/ }).click();
      const dialog = await findByRole(el, 'dialog', { name: 'Cart' });
      check(el, 'cart');
      fill(getByRole(dialog, 'textbox', { name: 'Your reference (optional)' }) as HTMLInputElement, PAYMENT_SAFE_NOTE);
      fill(
        getByRole(dialog, 'textbox', { name: 'Note for the supplier (optional)' }) as HTMLTextAreaElement,
        values.get(FIELDS.find((f) => f.name === 'order notes')!)!,
      );
      getByRole(dialog, 'button', { name: /^Place order/ }).click();
      await findText(el, 'Thank you! Your order is placed.');
      check(el, 'order placed');
      const placed = state.data.orders[0];
      expect(placed.customer_reference).to.equal(PAYMENT_SAFE_NOTE);
    },
  },
  '<customer-portal> account': {
    shows: [
      'business name',
      'workspace name',
      'order references',
      'order line names',
      'carriers',
      'quote decline reasons',
      'quote line names',
      'payment references',
      'delivery carriers (deliveries list)',
      'delivery line names',
      'order cancellation reasons',
      'order rejection reasons',
      'order record names',
      'order record notes',
    ],
    async walk(check, state, values) {
      // Orders in every change state (pending requests, a rejection, a record), with the payloads too.
      state.data.orders.unshift(...makeChangeOrders());
      for (const [field, value] of values) field.set(state.data, value);
      const el = await openAt('#portal/dashboard', 'Dashboard');
      check(el, 'dashboard');
      /** Follows a route; `shown` is a document number the page shows once loaded. */
      const visit = async (hash: string, heading: RegExp, shown: string) => {
        setHash(hash);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        await findByRole(el, 'heading', { name: heading });
        await waitUntil(
          () => textOf(el).includes(shown) && !allElements(el).some((e) => e.getAttribute('aria-busy') === 'true'),
          `${hash} did not load`,
        );
        await sleepFrame();
        check(el, hash);
      };
      const { quotes, invoices, payments, deliveries } = state.data;
      const orders = state.data.orders.filter((o) => !o.is_draft);
      await visit('#portal/quotes', /^Quotes$/, quotes[0].number);
      await visit('#portal/invoices', /^Invoices$/, invoices[0].number);
      await visit('#portal/payments', /^Payments$/, payments[0].number);
      await visit('#portal/deliveries', /^Deliveries$/, deliveries[0].number);
      await visit('#portal/orders', /^Orders$/, orders[0].number);
      for (const q of quotes) await visit(`#portal/quotes/${q.number}`, new RegExp(q.number), q.number);
      for (const i of invoices) await visit(`#portal/invoices/${i.number}`, new RegExp(i.number), i.number);
      for (const d of deliveries) await visit(`#portal/deliveries/${d.number}`, new RegExp(d.number), d.number);
      for (const o of orders) await visit(`#portal/orders/${o.number}`, new RegExp(o.number), o.number);
    },
  },
  '<past-orders>': {
    shows: [
      'order line names',
      'order line SKUs',
      'order notes',
      'order references',
      'carriers',
      'tracking numbers',
      'order history names',
      'order history SKUs',
    ],
    async walk(check) {
      const el = await mountPastOrders();
      await walkPastOrders(el, check, '<past-orders>');
    },
  },
  '<reorder-cart>': {
    shows: ['product names', 'SKUs', 'order history names'],
    async walk(check, state) {
      const lines = state.data.catalog.products
        .filter((p) => p.active)
        .slice(0, 3)
        .map((p) => ({ product_id: p.id, uom: p.units[0].code, quantity: 1 }));
      storeCart(lines);
      const el = await mountCart();
      await pricesShown(el);
      check(el, 'cart button');
      const panel = await openPanel(el);
      await waitUntil(
        () =>
          queryAllByRole(panel, 'list', { name: 'Buy again' }).some(
            (list) => queryAllByRole(list, 'listitem').length > 0,
          ),
        'the Buy again list did not fill',
      );
      check(el, 'cart panel');
    },
  },
};

// ------------------------------------------------------------------ the tests

describe('XSS: payloads in every text the UI renders', () => {
  const api = mockApi();
  /** Image payloads that are relative URLs load from the test page's origin: answer them 404, like a broken image. */
  const answerImages = () =>
    api.worker.use(
      http.get('*', ({ request }) =>
        request.headers.get('accept')?.startsWith('image/') ? new HttpResponse(null, { status: 404 }) : undefined,
      ),
    );
  beforeEach(answerImages);
  afterEach(() => {
    delete window.__xss;
  });

  describe('the checks', () => {
    // The checks must be able to fail: an element that renders its data as markup is caught.
    class UnsafeList extends LitElement {
      items: string[] = [];
      override render() {
        return html`<ul>${this.items.map((i) => html`<li>${unsafeHTML(i)}</li>`)}</ul>`;
      }
    }
    if (!customElements.get('xss-unsafe-list')) customElements.define('xss-unsafe-list', UnsafeList);

    it('catch a payload rendered as markup: it runs, and its handler and link show in the DOM', async () => {
      const el = await fixture<UnsafeList>(html`<xss-unsafe-list></xss-unsafe-list>`);
      el.items = [TEXT_PAYLOADS[0], '<a href="javascript:void 0">x</a>', TEXT_PAYLOADS[1]];
      el.requestUpdate();
      await el.updateComplete;
      await waitUntil(() => window.__xss === 1, 'the unsafe payload did not run');
      const problems = problemsIn(el);
      expect(problems.some((p) => p.includes('window.__xss is set'))).to.equal(true);
      expect(problems.some((p) => p.includes('onerror'))).to.equal(true);
      expect(problems.some((p) => p.includes('javascript:'))).to.equal(true);
      expect(problems.some((p) => p.includes('<script>'))).to.equal(true);
    });

    it('every field is set by some run, with every payload of its kind', () => {
      const runs = Math.max(TEXT_PAYLOADS.length, URL_PAYLOADS.length);
      for (const field of FIELDS) {
        const seen = new Set(Array.from({ length: runs }, (_, run) => assignment(run).get(field)));
        expect(seen.size, field.name).to.equal(field.kind === 'text' ? TEXT_PAYLOADS.length : URL_PAYLOADS.length);
      }
    });
  });

  describe('Pay Now', () => {
    // The payment page is the one URL the widget navigates to by itself (when the host page does
    // not take payment): a script URL there would run in the host page, so only http(s) is followed.
    for (const paymentUrl of [
      'javascript:window.__xss=1//',
      'JaVaScRiPt:window.__xss=1//',
      'data:text/html,<script>parent.__xss=1</script>',
    ]) {
      it(`never goes to a payment URL like ${paymentUrl.slice(0, 16)}…`, async () => {
        const state = api.serve({ session: { settings: { checkout_mode: 'pay_now', payment_url: paymentUrl } } });
        answerImages();
        const product = state.data.catalog.products.find(
          (p) => p.active && p.stock !== 'out_of_stock' && p.units[0].base_price_minor !== null,
        )!;
        storeCart([{ product_id: product.id, uom: product.units[0].code, quantity: 1 }]);
        const el = await mountPortal();
        (await findByRole(el, 'button', { name: 'Yes, start ordering' })).click();
        await catalogueShown(el);
        getByRole(el, 'button', { name: /^Cart, \d+ items?$/ }).click();
        const dialog = await findByRole(el, 'dialog', { name: 'Cart' });
        const paid = new Promise<void>((resolve) =>
          document.addEventListener('portal-payment-required', () => resolve(), { once: true }),
        );
        getByRole(dialog, 'button', { name: /^Place order/ }).click();
        await paid;
        // The navigation, if any, follows the event in the same task.
        await new Promise<void>((resolve) => setTimeout(resolve));
        expect(window.__xss, 'the payment URL ran as script').to.equal(undefined);
      });
    }
  });

  const runs = Math.max(TEXT_PAYLOADS.length, URL_PAYLOADS.length);
  for (const [element, screens] of Object.entries(SCREENS)) {
    describe(element, () => {
      keepAddress();
      for (let run = 0; run < runs; run++) {
        it(`run ${run + 1}/${runs}: every screen renders the payloads as text, and nothing runs`, async () => {
          const values = assignment(run);
          const state = api.serve({
            session: { settings: { order_template: run % 2 ? 'quantity_grid' : 'standard' } },
          });
          answerImages();
          for (const [field, value] of values) field.set(state.data, value);
          const { screens: seen, check, unseen } = checker(values);
          await screens.walk(check, state, values);
          expect(seen.length, 'screens checked').to.be.greaterThan(1);
          expect(unseen(screens.shows), 'fields whose payload never read as text').to.deep.equal([]);
          expect(window.__xss, 'a payload ran').to.equal(undefined);
        });
      }
    });
  }
});
