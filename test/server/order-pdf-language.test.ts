/**
 * The order PDF in its reader's language (issue 17): the charges besides freight are named as the
 * portal names them, in the customer's language (the workspace's when the customer has none), as
 * are the document's other words; amounts and dates follow.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OrderDetail } from '../../widget/contract/index.ts';
import { catalogFor } from './fixtures.ts';
import { textOf } from './pdf-tools.ts';
import { forEachDatabase, portal, useServer } from './harness.ts';

const CHARGES = {
  small_order: { below_minor: 10_000_000, fee_minor: 500 },
  percent_basis_points: 250,
  per_unit_minor: 10,
};

forEachDatabase('order PDF in the reader’s language', (kind) => {
  const s = useServer(kind);
  let token: string;
  let customerId: string;
  let order: OrderDetail;

  const pdfText = async () => {
    const res = await s.get().request(portal(token, `/orders/${order.id}/pdf`));
    assert.equal(res.status, 200);
    return textOf(new Uint8Array(await res.arrayBuffer()));
  };
  const setLanguage = async (language: 'en' | 'es' | null) => {
    const res = await s.get().admin(`/api/v1/customers/${customerId}`, { method: 'PATCH', body: { language } });
    assert.equal(res.status, 200, await res.clone().text());
  };

  it('setup: an order with the three charges', async () => {
    const server = s.get();
    customerId = server.customers.find((c) => c.business_name === 'Blue Door Café')?.id ?? server.customers[0].id;
    token = await server.tokenFor(customerId);
    const res = await server.admin(`/api/v1/customers/${customerId}`, {
      method: 'PATCH',
      body: { charges: CHARGES, show_charges: true },
    });
    assert.equal(res.status, 200);
    const line = { product_id: (await catalogFor(server, customerId)).orderable[0].id, quantity: 2 };
    const placed = await server.request(portal(token, '/orders'), {
      body: { lines: [line] },
      headers: { 'idempotency-key': 'pdf-language' },
    });
    assert.equal(placed.status, 201, await placed.clone().text());
    order = OrderDetail.parse(await placed.json());
    assert.deepEqual(
      order.charges?.map((c) => c.kind),
      ['small_order', 'percentage', 'per_unit'],
    );
  });

  it('a Spanish customer reads the charges, the totals and the frame in Spanish', async () => {
    await setLanguage('es');
    const text = await pdfText();
    for (const words of [
      'Pedido de venta',
      'Número de pedido',
      'Cliente',
      'Producto',
      'Envío',
      'Recargo por pedido pequeño',
      'Recargo',
      'Tarifa de manipulación por unidad',
      'Total',
      'Página 1 de 1',
    ])
      assert.ok(text.includes(words), `"${words}" missing from: ${text}`);
    for (const english of ['Small-order surcharge', 'Handling fee per unit', 'Sales order', 'Freight'])
      assert.ok(!text.includes(english), `"${english}" is English`);
  });

  it('an English customer, and one without a language in an English workspace, read it in English', async () => {
    for (const language of ['en', null] as const) {
      await setLanguage(language);
      const text = await pdfText();
      for (const words of ['Sales order', 'Small-order surcharge', 'Surcharge', 'Handling fee per unit', 'Page 1 of 1'])
        assert.ok(text.includes(words), `${language}: "${words}" missing`);
      assert.ok(!text.includes('Recargo'), `${language}: Spanish words`);
    }
  });
});
