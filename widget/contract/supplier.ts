// No zod here: shared by the reference server, the mock API and the widget.

/** What a customer may be stopped from doing while the supplier cannot take orders (trial expired). */
export type OrderingAction = 'checkout' | 'quote_acceptance' | 'order_change';

const UNAVAILABLE: Record<OrderingAction, string> = {
  checkout: 'The supplier cannot take orders at the moment. Your cart is kept; please try again later.',
  quote_acceptance: 'The supplier cannot take orders at the moment. Please try again later.',
  order_change: 'The supplier cannot change or cancel orders at the moment. Please try again later.',
};

/** The message of the 403 `supplier_unavailable` that refuses the action. */
export const supplierUnavailableMessage = (action: OrderingAction): string => UNAVAILABLE[action];
