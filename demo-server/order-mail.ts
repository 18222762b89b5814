import type { Language } from '../widget/contract/index.ts';
import { composeMail } from './mail-frame.ts';
import type { Mail } from './mailer.ts';

/**
 * The mails about an order's progress (issue 16): its confirmation once placed in the portal, and
 * its shipment. In the reader's language, composed as approval-mail.ts composes approvals.
 */

export interface OrderMessage {
  language: Language;
  locale: string;
  workspaceName: string;
  businessName: string;
  /** Who reads it: a person's name, or the business's for the account's own address. */
  personName: string;
  orderNumber: string;
  /** The order's total, formatted. */
  total: string;
  /** The shipment (in the shipped mail). */
  carrier?: string;
  trackingNumber?: string | null;
  trackingUrl?: string | null;
}

export type OrderMailKind = 'order_placed' | 'shipped';

const WORDS = {
  en: {
    hello: (m: OrderMessage) => `Hello ${m.personName},`,
    order_placed: {
      subject: (m: OrderMessage) => `Order ${m.orderNumber} placed (${m.total})`,
      body: (m: OrderMessage) =>
        `Thank you: ${m.workspaceName} received order ${m.orderNumber} for ${m.businessName} (${m.total}).`,
    },
    shipped: {
      subject: (m: OrderMessage) => `Order ${m.orderNumber} shipped`,
      body: (m: OrderMessage) => `Your order ${m.orderNumber} (${m.total}) is on its way with ${m.carrier ?? ''}.`,
    },
    tracking: (number: string) => `Tracking number: ${number}`,
    track: 'Track the shipment',
  },
  es: {
    hello: (m: OrderMessage) => `Hola, ${m.personName}:`,
    order_placed: {
      subject: (m: OrderMessage) => `Pedido ${m.orderNumber} recibido (${m.total})`,
      body: (m: OrderMessage) =>
        `Gracias: ${m.workspaceName} ha recibido el pedido ${m.orderNumber} para ${m.businessName} (${m.total}).`,
    },
    shipped: {
      subject: (m: OrderMessage) => `Pedido ${m.orderNumber} enviado`,
      body: (m: OrderMessage) => `Su pedido ${m.orderNumber} (${m.total}) está en camino con ${m.carrier ?? ''}.`,
    },
    tracking: (number: string) => `Número de seguimiento: ${number}`,
    track: 'Seguir el envío',
  },
} satisfies Record<Language, unknown>;

export function orderMail(kind: OrderMailKind, m: OrderMessage, to: string): Mail {
  const words = WORDS[m.language];
  const shipped = kind === 'shipped';
  return composeMail({
    language: m.language,
    subject: words[kind].subject(m),
    to,
    from: m.workspaceName,
    blocks: [
      words.hello(m),
      words[kind].body(m),
      shipped && m.trackingNumber && words.tracking(m.trackingNumber),
      shipped && m.trackingUrl && { url: m.trackingUrl, button: words.track, text: `${words.track}: ${m.trackingUrl}` },
    ],
  });
}
