// Generated from widget/contract by `npm run gen:contract`. Do not edit: change the contract and regenerate.
import type { endpoints as contract } from '../contract/endpoints.ts';
import type { ClientEndpoints } from './schema.ts';

/** Every portal endpoint: its method and path (the answer schemas are in schemas.gen.ts, loaded on demand). */
export const endpoints = {
  getSession: {"name":"getSession","method":"get","path":"/api/v1/customer-portal/view/{token}/session"},
  getCatalog: {"name":"getCatalog","method":"get","path":"/api/v1/customer-portal/view/{token}/catalog"},
  getDashboard: {"name":"getDashboard","method":"get","path":"/api/v1/customer-portal/view/{token}/dashboard"},
  listOrders: {"name":"listOrders","method":"get","path":"/api/v1/customer-portal/view/{token}/orders"},
  getOrder: {"name":"getOrder","method":"get","path":"/api/v1/customer-portal/view/{token}/orders/{id}"},
  getOrderPdf: {"name":"getOrderPdf","method":"get","path":"/api/v1/customer-portal/view/{token}/orders/{id}/pdf","binary":"application/pdf"},
  getOrderHistory: {"name":"getOrderHistory","method":"get","path":"/api/v1/customer-portal/view/{token}/order-history"},
  placeOrder: {"name":"placeOrder","method":"post","path":"/api/v1/customer-portal/view/{token}/orders","idempotent":true},
  updateOrder: {"name":"updateOrder","method":"patch","path":"/api/v1/customer-portal/view/{token}/orders/{id}"},
  cancelOrder: {"name":"cancelOrder","method":"post","path":"/api/v1/customer-portal/view/{token}/orders/{id}/cancel"},
  listQuotes: {"name":"listQuotes","method":"get","path":"/api/v1/customer-portal/view/{token}/quotes"},
  getQuote: {"name":"getQuote","method":"get","path":"/api/v1/customer-portal/view/{token}/quotes/{id}"},
  acceptQuote: {"name":"acceptQuote","method":"post","path":"/api/v1/customer-portal/view/{token}/quotes/{id}/accept"},
  declineQuote: {"name":"declineQuote","method":"post","path":"/api/v1/customer-portal/view/{token}/quotes/{id}/decline"},
  listInvoices: {"name":"listInvoices","method":"get","path":"/api/v1/customer-portal/view/{token}/invoices"},
  getInvoice: {"name":"getInvoice","method":"get","path":"/api/v1/customer-portal/view/{token}/invoices/{id}"},
  getInvoicePdf: {"name":"getInvoicePdf","method":"get","path":"/api/v1/customer-portal/view/{token}/invoices/{id}/pdf","binary":"application/pdf"},
  listPayments: {"name":"listPayments","method":"get","path":"/api/v1/customer-portal/view/{token}/payments"},
  listDeliveries: {"name":"listDeliveries","method":"get","path":"/api/v1/customer-portal/view/{token}/deliveries"},
  getDelivery: {"name":"getDelivery","method":"get","path":"/api/v1/customer-portal/view/{token}/deliveries/{id}"},
  listAccountPeople: {"name":"listAccountPeople","method":"get","path":"/api/v1/customer-portal/view/{token}/people"},
  invitePerson: {"name":"invitePerson","method":"post","path":"/api/v1/customer-portal/view/{token}/people"},
  changePersonRole: {"name":"changePersonRole","method":"patch","path":"/api/v1/customer-portal/view/{token}/people/{id}"},
  removePerson: {"name":"removePerson","method":"delete","path":"/api/v1/customer-portal/view/{token}/people/{id}"},
  getAccountSettings: {"name":"getAccountSettings","method":"get","path":"/api/v1/customer-portal/view/{token}/account/settings"},
  patchAccountSettings: {"name":"patchAccountSettings","method":"patch","path":"/api/v1/customer-portal/view/{token}/account/settings"},
  listApprovals: {"name":"listApprovals","method":"get","path":"/api/v1/customer-portal/view/{token}/approvals"},
  approveOrder: {"name":"approveOrder","method":"post","path":"/api/v1/customer-portal/view/{token}/orders/{id}/approve"},
  rejectOrder: {"name":"rejectOrder","method":"post","path":"/api/v1/customer-portal/view/{token}/orders/{id}/reject"},
} as unknown as ClientEndpoints<typeof contract>;
