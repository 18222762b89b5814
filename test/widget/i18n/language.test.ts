import { expect } from '@open-wc/testing';
import { keepAddress, setHash } from '../account/helpers.ts';
import {
  accessibleName,
  date,
  day,
  empezarAPedir,
  findByRole,
  findText,
  getByRole,
  mockApi,
  money,
  mountCartIn,
  mountPastOrdersIn,
  mountPortalIn,
  openCart,
  pageLang,
  productCard,
  queryByRole,
  startOrdering,
  textGone,
  textOf,
} from './helpers.ts';

describe('widget language', () => {
  const api = mockApi();

  describe('rendering in Spanish (lang="es" on the element)', () => {
    it('<customer-portal>: the welcome, in formal Spanish', async () => {
      api.serve();
      const el = await mountPortalIn('es');
      await findByRole(el, 'heading', { name: 'Bienvenido de nuevo, Harbour Café Ltd' });
      expect(textOf(el)).to.include('¿Es usted?');
      expect(getByRole(el, 'button', { name: '¿No es usted?' })).to.exist;
      expect(textOf(el)).not.to.include('Welcome back');
    });

    it('<customer-portal>: the catalogue, its tabs, badges and prices in es', async () => {
      api.serve({ session: { settings: { show_price_explanation: true } } });
      const el = await mountPortalIn('es');
      await empezarAPedir(el);
      for (const tab of ['Todos', 'Novedades', 'Ofertas', 'Pedidos anteriores'])
        expect(getByRole(el, 'tab', { name: tab })).to.exist;
      expect(getByRole(el, 'searchbox', { name: 'Buscar productos por nombre o SKU' })).to.have.property(
        'placeholder',
        'Buscar por nombre o SKU',
      );
      const card = productCard(el, 'Cold Brew Coffee 1 L');
      expect(textOf(card)).to.include(`SKU BEV-CBC-1L ${money(450, 'es')} / Each Disponible`);
      expect(textOf(card)).to.include('¿Por qué este precio?');
      expect(getByRole(card, 'button', { name: 'Añadir Cold Brew Coffee 1 L al carrito' })).to.have.property(
        'textContent',
        'Añadir',
      );
      expect(textOf(productCard(el, 'All-Purpose Cleaner 750 ml'))).to.include('Sin existencias');
      expect(money(450, 'es')).to.match(/^4,50\s€$/);
    });

    it('<customer-portal>: the cart and checkout', async () => {
      api.serve();
      const el = await mountPortalIn('es');
      await empezarAPedir(el);
      getByRole(productCard(el, 'Cold Brew Coffee 1 L'), 'button', {
        name: 'Añadir Cold Brew Coffee 1 L al carrito',
      }).click();
      (await findByRole(el, 'button', { name: 'Carrito, 1 artículo' })).click();
      const cart = await findByRole(el, 'dialog', { name: 'Carrito' });
      await findByRole(cart, 'heading', { name: 'Su carrito' });
      const text = textOf(cart);
      for (const words of [
        'Subtotal',
        'Envío',
        'Total',
        'Su referencia (opcional)',
        'Nota para el proveedor (opcional)',
      ])
        expect(text).to.include(words);
      expect(getByRole(cart, 'button', { name: 'Realizar pedido' })).to.exist;
      expect(getByRole(cart, 'button', { name: 'Eliminar Cold Brew Coffee 1 L' })).to.exist;
      expect(getByRole(cart, 'spinbutton', { name: 'Cantidad de Cold Brew Coffee 1 L' })).to.exist;
    });

    describe('account', () => {
      keepAddress();

      it('<customer-portal>: an account section (Invoices) with its dates and money in es', async () => {
        api.serve();
        setHash('#portal/invoices');
        const el = await mountPortalIn('es');
        (await findByRole(el, 'button', { name: 'Sí, empezar a pedir' })).click();
        await findByRole(el, 'heading', { name: 'Facturas' });
        const table = await findByRole(el, 'table', { name: 'Facturas' });
        const text = textOf(table);
        for (const words of ['Factura', 'Emitida', 'Vencimiento', 'Estado', 'Saldo', 'Pagada en parte', 'Pagada'])
          expect(text).to.include(words);
        expect(text).to.include(day('2025-05-23', 'es'));
        expect(text).to.match(/\d,\d{2}\s€/);
        expect(getByRole(el, 'navigation', { name: 'Cuenta' })).to.exist;
        expect(getByRole(el, 'tab', { name: 'Pendientes de pago' })).to.exist;
      });

      it('<customer-portal>: a section the link does not include says so in Spanish', async () => {
        api.serve({ session: { permissions: { view_payments: false } } });
        setHash('#portal/payments');
        const el = await mountPortalIn('es');
        (await findByRole(el, 'button', { name: 'Sí, empezar a pedir' })).click();
        await findByRole(el, 'heading', { name: 'Los pagos no están disponibles aquí' });
        expect(textOf(el)).to.include(
          'Su enlace del portal no incluye los pagos. Si los necesita, pídaselos a Northwind Wholesale.',
        );
        expect(getByRole(el, 'link', { name: 'Volver a la tienda' })).to.exist;
      });
    });

    it('<past-orders>: the orders, the order history and reorder', async () => {
      api.serve();
      const el = await mountPastOrdersIn('es');
      const orders = await findByRole(el, 'table', { name: 'Pedidos recientes' });
      await findText(orders, 'SO-2025-0003');
      const text = textOf(orders);
      for (const words of ['Pedido', 'Fecha', 'Estado', 'Total', 'Artículos', 'Enviado', 'Entregado', 'Borrador'])
        expect(text).to.include(words);
      expect(text).to.include(date('2025-06-10T09:05:00.000Z', 'es'));
      expect(getByRole(el, 'button', { name: 'Volver a pedir SO-2025-0003' })).to.have.property(
        'textContent',
        'Volver a pedir',
      );
      expect(getByRole(el, 'button', { name: 'Volver a pedir con cambios SO-2025-0003' })).to.exist;
      const history = await findByRole(el, 'table', { name: 'Historial de compras' });
      await findText(history, 'Cold Brew Coffee 1 L');
      expect(textOf(history)).to.include('3 veces');
      expect(textOf(history)).to.include('Una vez');
      expect(getByRole(history, 'button', { name: 'Añadir al carrito: 12 × Cold Brew Coffee 1 L' })).to.exist;
    });

    it("<past-orders>: an order's details", async () => {
      api.serve();
      const el = await mountPastOrdersIn('es');
      (await findByRole(el, 'button', { name: 'Detalles de SO-2025-0002' })).click();
      const dialog = await findByRole(el, 'dialog', { name: 'Pedido SO-2025-0002' });
      await findByRole(dialog, 'table', { name: 'Líneas' });
      const text = textOf(dialog);
      for (const words of [
        'Presupuesto de origen',
        'QT-2025-0001',
        'Su referencia',
        'Precio unitario',
        'Total de la línea',
        'Entrega',
      ]) {
        expect(text).to.include(words);
      }
      expect(getByRole(dialog, 'button', { name: 'Cerrar' })).to.exist;
    });

    it('<reorder-cart>: the button, the panel and Buy again', async () => {
      api.serve();
      const el = await mountCartIn('es');
      const button = await findByRole(el, 'button', { name: /^Carrito: 0 artículos/ });
      button.click();
      const panel = await findByRole(el, 'dialog', { name: 'Carrito' });
      await findByRole(panel, 'heading', { name: 'Su carrito' });
      await findByRole(panel, 'heading', { name: 'Volver a comprar' });
      await findText(panel, 'Su carrito está vacío. Añada productos desde el catálogo.');
      await findByRole(panel, 'button', { name: 'Añadir 12 × Cold Brew Coffee 1 L al carrito' });
      expect(accessibleName(button)).to.match(/^Carrito: 0 artículos, 0,00\s€$/);
    });
  });

  describe('which language', () => {
    const page = pageLang();

    it('<html lang="es"> without a lang on the element: Spanish', async () => {
      api.serve();
      page.set('es');
      const el = await mountPortalIn();
      await findByRole(el, 'heading', { name: 'Bienvenido de nuevo, Harbour Café Ltd' });
    });

    it('<html lang="es-ES">: Spanish, money as in Spain ("4,50 €")', async () => {
      api.serve();
      page.set('es-ES');
      const el = await mountPortalIn();
      await empezarAPedir(el);
      expect(textOf(productCard(el, 'Cold Brew Coffee 1 L'))).to.match(/4,50\s€ \/ Each/);
    });

    it("es-MX keeps Spanish words and Mexico's number format", async () => {
      api.serve();
      const el = await mountPortalIn('es-MX');
      await empezarAPedir(el);
      expect(textOf(productCard(el, 'Cold Brew Coffee 1 L'))).to.include(`${money(450, 'es-MX')} / Each Disponible`);
    });

    it("the element's lang wins over the page's", async () => {
      api.serve();
      page.set('es-ES');
      const el = await mountPortalIn('en-GB');
      await startOrdering(el);
      expect(textOf(productCard(el, 'Cold Brew Coffee 1 L'))).to.include('€4.50 / Each Available');
    });

    it('a language the widget does not have (lang="de"): English words, German numbers', async () => {
      api.serve();
      const el = await mountPortalIn('de');
      await startOrdering(el);
      expect(getByRole(el, 'tab', { name: 'All' })).to.exist;
      expect(textOf(productCard(el, 'Cold Brew Coffee 1 L'))).to.include(`${money(450, 'de')} / Each Available`);
    });

    it('a malformed tag (en_GB) is read as en-GB, not an error', async () => {
      api.serve();
      const el = await mountPortalIn('en_GB');
      await startOrdering(el);
      expect(textOf(productCard(el, 'Cold Brew Coffee 1 L'))).to.include('€4.50 / Each Available');
    });
  });

  describe('switching at runtime', () => {
    const page = pageLang();

    it("changing the element's lang re-renders in the new language, and back", async () => {
      api.serve();
      const el = await mountPortalIn();
      await startOrdering(el);
      el.setAttribute('lang', 'es');
      await findByRole(el, 'tab', { name: 'Todos' });
      await findText(productCard(el, 'Cold Brew Coffee 1 L'), `${money(450, 'es')} / Each Disponible`);
      expect(queryByRole(el, 'tab', { name: 'All' })).to.equal(null);
      el.removeAttribute('lang');
      await findByRole(el, 'tab', { name: 'All' });
      await findText(productCard(el, 'Cold Brew Coffee 1 L'), '€4.50 / Each Available');
    });

    it('a new region in the same language formats money again (es-ES → es-MX)', async () => {
      api.serve();
      const el = await mountPortalIn('es-ES');
      await empezarAPedir(el);
      await findText(productCard(el, 'Cold Brew Coffee 1 L'), `${money(450, 'es-ES')} / Each Disponible`);
      el.setAttribute('lang', 'es-MX');
      await findText(productCard(el, 'Cold Brew Coffee 1 L'), `${money(450, 'es-MX')} / Each Disponible`);
    });

    it('changing <html lang> re-renders every element without a lang of its own', async () => {
      api.serve();
      const portal = await mountPortalIn();
      await findByRole(portal, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
      const orders = await mountPastOrdersIn();
      await findByRole(orders, 'heading', { name: 'Recent orders' });
      page.set('es-ES');
      await findByRole(portal, 'heading', { name: 'Bienvenido de nuevo, Harbour Café Ltd' });
      await findByRole(orders, 'heading', { name: 'Pedidos recientes' });
      page.set('en-IE');
      await findByRole(portal, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
    });

    it('the open cart follows the switch', async () => {
      api.serve();
      const el = await mountPortalIn();
      await startOrdering(el);
      const cart = await openCart(el);
      await findByRole(cart, 'heading', { name: 'Your cart' });
      el.setAttribute('lang', 'es');
      await findByRole(cart, 'heading', { name: 'Su carrito' });
      await textGone(cart, 'Your cart is empty');
    });

    it('the last change wins, even while Spanish is still loading', async () => {
      api.serve();
      const el = await mountPortalIn();
      await findByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' });
      el.setAttribute('lang', 'es');
      el.setAttribute('lang', 'en');
      // Spanish has loaded by now (the same module), and any switch it would have made has happened.
      await import('../../../widget/i18n/locales/es.ts');
      await new Promise(requestAnimationFrame);
      await el.updateComplete;
      expect(getByRole(el, 'heading', { name: 'Welcome back, Harbour Café Ltd' })).to.exist;
    });
  });
});
