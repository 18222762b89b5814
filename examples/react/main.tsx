/**
 * A React host app embedding the portal with the package's React wrappers: the elements' events
 * are ordinary props (`onPortalCartChange`), typed with their event classes, and what they carry
 * is React state like any other. Built with Vite (`npm run build` → dist/examples/react/).
 */
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CustomerPortal, type PortalCartChangeEvent, type PortalOrderPlacedEvent } from 'customer-portal-widget/react';

interface CartSummary {
  itemCount: number;
  total: string;
}

/** Minor units to a price in the cart's currency, in the page's language. */
function money(minor: number, currency: string): string {
  if (!currency) return '';
  const format = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function App() {
  const [cart, setCart] = useState<CartSummary>();
  const [lastOrder, setLastOrder] = useState<string>();

  const onCartChange = (event: PortalCartChangeEvent) =>
    setCart({ itemCount: event.itemCount, total: money(event.totalMinor, event.currency) });
  const onOrderPlaced = (event: PortalOrderPlacedEvent) => setLastOrder(event.order.number);

  const items = cart ? `${cart.itemCount} ${cart.itemCount === 1 ? 'item' : 'items'}` : 'empty';
  return (
    <>
      <header className="site-header">
        <a className="brand" href="./">
          Harbour &amp; Vine Wholesale
        </a>
        <p className="cart-summary" role="status" data-testid="cart-summary">
          Your cart: {items}
          {cart?.total ? ` · ${cart.total}` : ''}
        </p>
      </header>
      <main>
        <h1>Order online</h1>
        {lastOrder && (
          <p className="last-order" role="status">
            Thank you: order {lastOrder} is with us.
          </p>
        )}
        {/* The token comes from the customer's link (#portal_token=…); apiBase defaults to this origin. */}
        <CustomerPortal onPortalCartChange={onCartChange} onPortalOrderPlaced={onOrderPlaced} />
      </main>
      <footer className="site-footer">
        Harbour &amp; Vine Wholesale · Unit 4, Dock Road · orders@harbourvine.example
      </footer>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
