// No zod here: the reference server, the mock API, the widget and the console share it.

/**
 * What a portal checkout makes (seed 002): `quote`, a quote request the supplier prices and sends
 * (accepting it makes an order with a new number); `to_plan`, an order awaiting the supplier whose
 * number stays the same throughout.
 */
export const ORDER_CREATION_STATUSES = ['quote', 'to_plan'] as const;
export type OrderCreationStatus = (typeof ORDER_CREATION_STATUSES)[number];

/** Where the creation status was set; the first level set wins, in this order. */
export const CREATION_STATUS_LEVELS = ['customer', 'service', 'workspace'] as const;
export type CreationStatusLevel = (typeof CREATION_STATUS_LEVELS)[number];

/** The workspace's value when it never set one: today's behaviour, an order. */
export const DEFAULT_ORDER_CREATION_STATUS: OrderCreationStatus = 'to_plan';

export interface CreationStatusSettings {
  /** The customer's own setting; null: not set. */
  customer: OrderCreationStatus | null;
  /** The delivery service chosen at checkout; null: not set, or no service. */
  service: OrderCreationStatus | null;
  /** The workspace's setting, always set. */
  workspace: OrderCreationStatus;
}

/** The creation status a portal order gets, and the level it came from: customer, then service, then workspace. */
export function orderCreationStatus(settings: CreationStatusSettings): {
  status: OrderCreationStatus;
  from: CreationStatusLevel;
} {
  for (const level of CREATION_STATUS_LEVELS) {
    const status = settings[level];
    if (status !== null) return { status, from: level };
  }
  return { status: DEFAULT_ORDER_CREATION_STATUS, from: 'workspace' };
}

/** The workspace's "Automatically create orders" when never set: on, today's behaviour. */
export const DEFAULT_CREATE_ORDERS_AUTOMATICALLY = true;

/** Whether a portal order is created at once: the customer's own setting, else the workspace's. */
export function createsOrdersAutomatically(settings: { customer: boolean | null; workspace: boolean }): boolean {
  return settings.customer ?? settings.workspace;
}

/**
 * The status a portal order starts its life with once nothing else holds it (the account's
 * approvals done): `pending`, or `awaiting_supplier` when the supplier creates orders by hand.
 * It keeps its number either way.
 */
export function placedOrderStatus(automatic: boolean): 'pending' | 'awaiting_supplier' {
  return automatic ? 'pending' : 'awaiting_supplier';
}

/**
 * The customer's Orders tabs besides all orders: `waiting`, orders nobody has acted on yet (the
 * supplier's creation, issue 17, or the account's Admins, issue 16); `cancelled`.
 */
export const ORDER_LIST_GROUPS = {
  waiting: ['awaiting_supplier', 'awaiting_approval'],
  cancelled: ['cancelled'],
} as const satisfies Record<string, readonly string[]>;
export type OrderListGroup = keyof typeof ORDER_LIST_GROUPS;
