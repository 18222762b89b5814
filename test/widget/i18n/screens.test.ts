import { expect, waitUntil } from '@open-wc/testing';
import { keepAddress, setHash } from '../account/helpers.ts';
import { withChanges } from '../orders/helpers.ts';
import {
  allElements,
  empezarAPedir,
  findByRole,
  findText,
  getByRole,
  isShown,
  mockApi,
  mountCartIn,
  mountPortalIn,
  productCard,
  selectTab,
  textOf,
} from './helpers.ts';

/** Common English words of the interface; none may show (or be read out) on a Spanish screen. */
const ENGLISH = [
  /\bCart\b/,
  /Add to cart/,
  /Welcome back/,
  /\bOrders\b/,
  /\bInvoices\b/,
  /Load more/,
  /Cancel order/,
  /\bLoading\b/,
  /\bRetry\b/,
];

/** What a customer reads and hears on `el`: its text and the labels, placeholders and titles of every element. */
function everythingSaid(el: Element): string {
  const attributes = allElements(el).flatMap((e) =>
    ['aria-label', 'placeholder', 'title', 'alt'].map((a) => e.getAttribute(a) ?? ''),
  );
  return [textOf(el), ...attributes].join(' | ');
}

function expectSpanish(el: Element, expected: string[]): void {
  const said = everythingSaid(el);
  for (const words of expected) expect(said, `"${words}" on the screen`).to.include(words);
  for (const english of ENGLISH) expect(said, `English (${english}) on a Spanish screen`).not.to.match(english);
}

/** Goes to `#portal/…` and waits for the page's heading (an h2: the page before may have an h3 of that name). */
async function go(el: Element, hash: string, heading: string): Promise<void> {
  location.hash = hash;
  await waitUntil(
    () => allElements(el).some((e) => e.localName === 'h2' && isShown(e) && textOf(e) === heading),
    `the page ${heading} did not show`,
  );
}

describe('every main screen in Spanish', () => {
  const api = mockApi();
  keepAddress();

  it('the welcome, and "not you"', async () => {
    api.serve();
    const el = await mountPortalIn('es');
    await findByRole(el, 'heading', { name: 'Bienvenido de nuevo, Harbour Café Ltd' });
    expectSpanish(el, ['Northwind Wholesale', '¿Es usted?', 'Sí, empezar a pedir', '¿No es usted?']);
    getByRole(el, 'button', { name: '¿No es usted?' }).click();
    await findByRole(el, 'heading', { name: 'Este enlace pertenece a otra persona' });
    expectSpanish(el, [
      'Cada cliente de Northwind Wholesale tiene un enlace personal. Pida a Northwind Wholesale el suyo.',
      'Volver',
    ]);
  });

  it('the catalogue, its search and its Past Orders tab', async () => {
    api.serve({ session: { settings: { show_price_explanation: true } } });
    const el = await mountPortalIn('es');
    await empezarAPedir(el);
    expectSpanish(el, [
      'Carrito',
      'Carrito, 0 artículos',
      'Resumen',
      'Pedidos',
      'Presupuestos',
      'Facturas',
      'Pagos',
      'Entregas',
      'Todos',
      'Novedades',
      'Ofertas',
      'Pedidos anteriores',
      'Secciones del catálogo',
      'Buscar por nombre o SKU',
      'Disponible',
      'Sin existencias',
      'Ya no se vende',
      'Sin precio',
      '¿Por qué este precio?',
      'Cantidad',
      'Añadir',
      'Sin imagen',
    ]);
    getByRole(productCard(el, 'Sea Salt Crisps 150 g'), 'button', { name: '¿Por qué este precio?' }).click();
    await findText(productCard(el, 'Sea Salt Crisps 150 g'), 'La promoción «');
    await selectTab(el, 'Pedidos anteriores');
    await findByRole(el, 'table', { name: 'Pedidos recientes' });
    await findByRole(el, 'table', { name: 'Historial de compras' });
    await findText(el, 'SO-2025-0003');
    expectSpanish(el, [
      'Pedidos recientes',
      'Historial de compras',
      'Volver a pedir',
      'Volver a pedir con cambios',
      'Descargar PDF',
      'Añadir al carrito',
    ]);
  });

  it('the cart with a line, and the order placed', async () => {
    api.serve();
    const el = await mountPortalIn('es');
    await empezarAPedir(el);
    getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', {
      name: 'Añadir Cold Brew Coffee 1 L al carrito',
    }).click();
    (await findByRole(el, 'button', { name: 'Carrito, 1 artículo' })).click();
    const cart = await findByRole(el, 'dialog', { name: 'Carrito' });
    await findByRole(cart, 'button', { name: 'Realizar pedido' });
    expectSpanish(cart, [
      'Su carrito',
      'Cerrar',
      'Eliminar',
      'Subtotal',
      'Envío',
      'Total',
      'Su referencia (opcional)',
      'Nota para el proveedor (opcional)',
    ]);
    getByRole(cart, 'button', { name: 'Realizar pedido' }).click();
    await findText(cart, '¡Gracias! Su pedido se ha realizado.');
    expectSpanish(cart, ['Seguir comprando']);
  });

  it('the account: Dashboard, Orders and an order, Quotes and a quote, Invoices and an invoice, Payments, Deliveries and a delivery', async () => {
    api.serve(withChanges());
    setHash('#portal/dashboard');
    const el = await mountPortalIn('es');
    (await findByRole(el, 'button', { name: 'Sí, empezar a pedir' })).click();
    await findByRole(el, 'heading', { name: 'Resumen' });
    await findText(el, 'Límite de crédito');
    expectSpanish(el, [
      'Crédito disponible',
      'Saldo pendiente',
      'Pedidos totales',
      'Últimos pedidos',
      'Ver todos los pedidos',
      'Últimas facturas',
      'Últimos presupuestos',
      'Últimas entregas',
    ]);

    await go(el, '#portal/orders', 'Pedidos');
    await findByRole(el, 'table', { name: 'Pedidos' });
    await findText(el, 'SO-2025-0013');
    expectSpanish(el, [
      'Pedido',
      'Fecha',
      'Estado',
      'Su referencia',
      'Canal',
      'Cambio pendiente de aprobación',
      'Comercial',
      'Teléfono',
    ]);

    await go(el, '#portal/orders/SO-2025-0013', 'Pedido SO-2025-0013');
    await findByRole(el, 'button', { name: 'Modificar pedido' });
    expectSpanish(el, [
      'Cerrar',
      'Volver a pedir',
      'Descargar PDF',
      'Cancelar pedido',
      'Líneas',
      'Historial del pedido',
      'Realizado por',
    ]);
    getByRole(el, 'button', { name: 'Cancelar pedido' }).click();
    const cancel = await findByRole(el, 'dialog', { name: '¿Cancelar el pedido SO-2025-0013?' });
    expectSpanish(cancel, [
      'Motivo (opcional)',
      '0 de 500 caracteres',
      'Mantener el pedido',
      'Solicitar la cancelación',
    ]);
    getByRole(cancel, 'button', { name: 'Mantener el pedido' }).click();
    getByRole(el, 'button', { name: 'Modificar pedido' }).click();
    const edit = await findByRole(el, 'dialog', { name: 'Modificar el pedido SO-2025-0013' });
    await findByRole(edit, 'button', { name: 'Enviar el cambio para su aprobación' });
    expectSpanish(edit, [
      'Añadir un producto',
      'Total actual',
      'Nuevo total',
      'Descartar cambios',
      'Su referencia (opcional)',
    ]);
    getByRole(edit, 'button', { name: 'Descartar cambios' }).click();

    await go(el, '#portal/orders/SO-2025-0011', 'Pedido SO-2025-0011');
    // The list's row says it too: wait for the detail's own comparison.
    await findText(el, 'Propuesto');
    expectSpanish(el, ['Cambio pendiente de aprobación', 'Ahora', 'Propuesto']);

    await go(el, '#portal/quotes', 'Presupuestos');
    await findText(el, 'QT-2025-0002');
    expectSpanish(el, ['Presupuesto', 'Válido hasta', 'Abierto', 'Aceptado', 'Mostrar presupuestos']);

    await go(el, '#portal/quotes/QT-2025-0002', 'Presupuesto QT-2025-0002');
    await findByRole(el, 'button', { name: 'Aceptar presupuesto' });
    expectSpanish(el, ['Cerrar', 'Rechazar']);
    getByRole(el, 'button', { name: 'Aceptar presupuesto' }).click();
    const accept = await findByRole(el, 'dialog', { name: /^¿Aceptar el presupuesto QT-2025-0002 por / });
    expectSpanish(accept, ['Se avisará a Northwind Wholesale de inmediato.', 'Cancelar']);
    getByRole(accept, 'button', { name: 'Cancelar' }).click();

    await go(el, '#portal/invoices', 'Facturas');
    await findText(el, 'INV-2025-0002');
    expectSpanish(el, ['Todas', 'Pendientes de pago', 'Emitida', 'Vencimiento', 'Pagada en parte']);

    await go(el, '#portal/invoices/INV-2025-0002', 'Factura INV-2025-0002');
    await findText(el, 'Saldo pendiente');
    expectSpanish(el, ['Cerrar', 'Descargar PDF', 'Pagado', 'Pagos', 'PAY-2025-0001', 'Transferencia bancaria']);

    await go(el, '#portal/payments', 'Pagos');
    await findText(el, 'PAY-2025-0001');
    expectSpanish(el, [
      'Pago',
      'Recibido',
      'Forma de pago',
      'Referencia',
      'Importe',
      'Facturas pagadas',
      'Transferencia bancaria',
    ]);

    await go(el, '#portal/deliveries', 'Entregas');
    await findText(el, 'DN-2025-0002');
    expectSpanish(el, ['Entrega', 'Transportista', 'Seguimiento', 'Enviada', 'Entregada', 'En tránsito']);

    await go(el, '#portal/deliveries/DN-2025-0002', 'Entrega DN-2025-0002');
    await findText(el, 'Número de seguimiento');
    expectSpanish(el, ['Cerrar', '(se abre en una pestaña nueva)', 'Líneas']);
  });

  it('<reorder-cart>: the button and the open panel', async () => {
    api.serve();
    const el = await mountCartIn('es');
    (await findByRole(el, 'button', { name: /^Carrito: 0 artículos/ })).click();
    const panel = await findByRole(el, 'dialog', { name: 'Carrito' });
    await findByRole(panel, 'heading', { name: 'Volver a comprar' });
    await findText(panel, 'Cold Brew Coffee 1 L');
    expectSpanish(el, [
      'Su carrito',
      'Cerrar',
      'Su carrito está vacío. Añada productos desde el catálogo.',
      'Disponible',
      'Añadir',
    ]);
  });
});
