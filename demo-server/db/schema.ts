/**
 * Row types of the reference database. Portable across SQLite and PostgreSQL on purpose:
 * ids are UUID text, instants are ISO 8601 text (UTC, millisecond precision, so they sort as
 * text), booleans are 0/1 integers, structured settings are JSON text, money is integer minor units.
 */
export interface Database {
  workspace: WorkspaceTable;
  categories: { id: string; name: string; position: number; tab_visibility: 'auto' | 'show' | 'hide' };
  products: {
    id: string;
    sku: string;
    name: string;
    description: string;
    image_url: string | null;
    category_id: string | null;
    new_arrival: number;
    active: number;
    stock: string;
    created_at: string;
  };
  product_units: {
    product_id: string;
    code: string;
    name: string;
    contains: number;
    base_price_minor: number | null;
    position: number;
  };
  price_groups: { id: string; name: string };
  price_lists: { id: string; name: string; kind: 'default' | 'group'; price_group_id: string | null };
  price_list_entries: {
    price_list_id: string;
    product_id: string;
    uom: string;
    min_quantity: number;
    unit_price_minor: number;
  };
  promotions: { id: string; name: string; discount_json: string; starts_at: string; ends_at: string };
  promotion_products: { promotion_id: string; product_id: string };
  customers: {
    id: string;
    business_name: string;
    email: string | null;
    price_group_id: string | null;
    credit_limit_minor: number;
    order_template: string | null;
    checkout_mode: string | null;
    freight_json: string | null;
    created_at: string;
    /** 'en' or 'es'; null: the workspace's language (migration 0007). */
    language: string | null;
    /** Archived customers' links stop working (migration 0007). */
    archived_at: string | null;
    /** Which orders wait for the account's Admins: 'none', 'buyers' or 'over_amount' (migration 0015). */
    approval_required_for?: string;
    approval_amount_minor?: number | null;
    /** The delivery service checkout pre-selects (migration 0017); null: the first. */
    default_delivery_service_id?: string | null;
    /** 'quote' or 'to_plan'; null: the delivery service's, else the workspace's (migration 0018). */
    order_creation_status?: string | null;
    /** 1 or 0: the customer's own "Automatically create orders"; null: the workspace's (migration 0021). */
    create_orders_automatically?: number | null;
    /** ChargeRules as JSON; null: no charges (migration 0019). */
    charges_json?: string | null;
    /** 1: the portal shows charge lines; 0: totals only (migration 0019; default 1). */
    show_charges?: number;
    /** Checkout refuses a subtotal below it; null: no minimum (migration 0019). */
    minimum_order_minor?: number | null;
    /** What checkout pre-fills (OrderDefaults as JSON); null: nothing (migration 0019). */
    order_defaults_json?: string | null;
  };
  /** The account's delivery and billing addresses (migration 0013). */
  /** Delivery services (migration 0017); JSON columns hold arrays, customers_json also the string "all". */
  delivery_services: {
    id: string;
    name: string;
    kind: string;
    customers_json: string;
    lead_days: number;
    weekdays_json: string;
    closed_dates_json: string;
    cutoff_rule: string;
    cutoff_time: string | null;
    order_creation_status: string | null;
    minimum_order_minor: number | null;
    position: number;
    created_at: string;
    removed_at: string | null;
  };
  customer_addresses: {
    id: string;
    customer_id: string;
    /** 'delivery' or 'billing'. */
    kind: string;
    label: string;
    name: string;
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postal_code: string | null;
    /** ISO 3166-1 alpha-2, upper case. */
    country: string;
    phone: string | null;
    /** 1 for the default of its kind (at most one live per customer and kind), else 0. */
    is_default: number;
    archived_at: string | null;
    created_at: string;
    updated_at: string;
  };
  portal_tokens: {
    id: string;
    customer_id: string;
    token_hash: string;
    hint: string;
    permissions_json: string;
    expires_at: string | null;
    created_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
    /** The token sealed with the link key, so it can be sent again (migration 0008); null: made before, cannot be. */
    sealed_token: string | null;
    /** The person the link belongs to (migration 0013); null: the account's own link. */
    person_id: string | null;
  };
  /** The people of a company account (migration 0013); removed_at set: removed, their links revoked. */
  people: {
    id: string;
    customer_id: string;
    name: string;
    email: string;
    language: string | null;
    role: 'admin' | 'buyer' | 'viewer' | 'finance';
    phone: string | null;
    created_at: string;
    removed_at: string | null;
    /** null: no limit (migration 0015). */
    spending_limit_minor?: number | null;
    /** 'week' or 'month'. */
    spending_period?: string;
    /** 1: they receive that email, 0: they turned it off (migration 0016; default 1). */
    email_order_placed?: number;
    email_approval_needed?: number;
    email_approval_outcome?: number;
    email_shipped?: number;
    /** The delivery address checkout pre-selects for them; null: the account's default (migration 0016). */
    default_delivery_address_id?: string | null;
  };
  /** Named admin keys (migration 0010); the bootstrap key is workspace.admin_token_hash or ADMIN_TOKEN. */
  admin_keys: {
    id: string;
    name: string;
    key_hash: string;
    hint: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  /** A link's first use in each hour (`hour`: the instant's first 13 characters), written in batches (migration 0010). */
  link_uses: { token_id: string; hour: string; at: string };
  orders: {
    id: string;
    number: string;
    customer_id: string;
    status: string;
    channel: string;
    customer_reference: string | null;
    note: string | null;
    currency: string;
    /** referenceKey(customer_reference): what require_unique_reference compares (migration 0006). */
    customer_reference_key: string | null;
    subtotal_minor: number;
    freight_minor: number;
    total_minor: number;
    item_count: number;
    source_quote_id: string | null;
    created_at: string;
    /** The delivery address as it was at checkout (a DeliveryAddress as JSON); null: none (migration 0013). */
    delivery_address_json?: string | null;
    /** The person who placed it (migration 0013); null: the account's own link, or another channel. */
    placed_by_person_id?: string | null;
    /** Why an order awaiting approval waits (AwaitingOrder['reasons'] as JSON, migration 0015). */
    approval_reasons_json?: string | null;
    /** The delivery service and date (migration 0017): the service's name and kind as at checkout. */
    delivery_service_id?: string | null;
    delivery_service_name?: string | null;
    delivery_kind?: string | null;
    delivery_date?: string | null;
    /** The charges besides freight checkout computed (OrderCharge[] as JSON); null: none (migration 0019). */
    charges_json?: string | null;
    /** Who to contact about it, given at checkout (OrderContact as JSON); null: nobody (migration 0022). */
    contact_json?: string | null;
  };
  order_lines: LineTable & { order_id: string };
  quotes: {
    /**
     * state: 'draft' (the supplier's, never shown in the portal), 'requested' (a portal checkout's quote
     * request, migration 0018), 'sent', 'accepted', 'declined' or 'expired'.
     */
    id: string;
    number: string;
    customer_id: string;
    state: string;
    created_at: string;
    valid_until: string;
    currency: string;
    subtotal_minor: number;
    freight_minor: number;
    total_minor: number;
    answered_at: string | null;
    decline_reason: string | null;
    order_id: string | null;
    /** The customer's reference of a quote request, carried to the order (migration 0018). */
    customer_reference?: string | null;
    /** The charges a quote request was made with (OrderCharge[] as JSON; null: none; migration 0022). */
    charges_json?: string | null;
  };
  quote_lines: LineTable & { quote_id: string };
  invoices: {
    /** The back office invoices an order once (routes/back-office.ts); imported data may hold several per order. */
    id: string;
    number: string;
    customer_id: string;
    order_id: string | null;
    issued_at: string;
    due_at: string;
    currency: string;
    total_minor: number;
    paid_minor: number;
  };
  payments: {
    /** method: PaymentMethod of the contract (bank_transfer, card, cheque, cash, other). */
    id: string;
    number: string;
    customer_id: string;
    received_at: string;
    method: string;
    reference: string | null;
    currency: string;
    amount_minor: number;
  };
  payment_allocations: { payment_id: string; invoice_id: string; amount_minor: number };
  deliveries: {
    id: string;
    number: string;
    customer_id: string;
    order_id: string;
    status: string;
    carrier: string;
    tracking_number: string | null;
    tracking_url: string | null;
    shipped_at: string | null;
    delivered_at: string | null;
    created_at: string;
  };
  delivery_lines: {
    delivery_id: string;
    position: number;
    product_id: string;
    sku: string;
    name: string;
    quantity: number;
    uom: string;
  };
  order_requests: {
    id: string;
    order_id: string;
    customer_id: string;
    position: number;
    kind: 'update' | 'cancel';
    state: 'pending' | 'approved' | 'rejected';
    created_at: string;
    decided_at: string | null;
    reason: string | null;
    rejection_reason: string | null;
    /** OrderContent as JSON: what an update proposes (null for a cancellation). */
    proposed_json: string | null;
    /** OrderContent as JSON: the order when the request was made, then as it was just before approval. */
    previous_json: string;
    /** The person who asked for it (migration 0013). */
    placed_by_person_id?: string | null;
  };
  /** Charges the supplier added after checkout (migration 0020); state 'pending' | 'approved' | 'rejected'. */
  order_supplier_charges: {
    id: string;
    order_id: string;
    customer_id: string;
    /** 1, 2, …: the order they were added in. */
    position: number;
    label: string;
    amount_minor: number;
    requires_approval: number;
    state: string;
    created_at: string;
    decided_at: string | null;
    decided_by: string | null;
    reason: string | null;
  };
  order_events: {
    order_id: string;
    position: number;
    at: string;
    actor: 'customer' | 'supplier';
    actor_name: string;
    action: string;
    changes_json: string | null;
    note: string | null;
  };
  /** Bumped by triggers (migration 0004) whenever one of the customer's documents changes. */
  customer_revisions: { customer_id: string; revision: number };
  /** What the order history shows, per customer and product (db/product-stats.ts, migration 0005). */
  customer_product_stats: {
    customer_id: string;
    product_id: string;
    sku: string;
    name: string;
    last_quantity: number;
    last_uom: string;
    last_order_id: string;
    last_ordered_at: string;
    last_position: number;
    times_ordered: number;
  };
  /** One row (id 1), bumped by triggers (migration 0005) whenever the catalogue or its prices change. */
  catalog_revision: { id: number; revision: number };
  counters: { name: string; value: number };
  idempotency_keys: {
    scope: string;
    key: string;
    request_hash: string;
    state: 'in_flight' | 'done';
    response_status: number | null;
    response_body: string | null;
    locked_until: string;
    created_at: string;
    claim_id: string | null;
    /** The order a finished request placed (migration 0005); response_body is no longer written. */
    order_id: string | null;
  };
}

export interface WorkspaceTable {
  id: string;
  name: string;
  currency: string;
  locale: string;
  logo_url: string | null;
  accent_color: string | null;
  settings_json: string;
  admin_token_hash: string | null;
  created_at: string;
}

interface LineTable {
  position: number;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  uom: string;
  unit_price_minor: number;
  line_total_minor: number;
}
