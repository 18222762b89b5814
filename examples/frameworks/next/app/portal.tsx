'use client';
// A client component, so that the element's definition reaches the browser. The import is safe on
// the server too (no DOM needed), where React renders the <customer-portal> tag for the browser to
// upgrade.
import { useState } from 'react';
import { CustomerPortal } from 'customer-portal-widget/react';

export function Portal({ apiBase }: { apiBase: string }) {
  const [items, setItems] = useState(0);
  return (
    <>
      <p>{items} items in the cart</p>
      {/*
        `api-base` as an attribute: it is in the server's HTML, so the element has it when it upgrades,
        before React hydrates (the wrapper sets `apiBase` and its other properties after hydration).
        The wrapper listens to the events (React 19 does not attach `onportal-…` listeners when it hydrates).
      */}
      <CustomerPortal api-base={apiBase} onPortalCartChange={(event) => setItems(event.itemCount)} />
    </>
  );
}
