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
