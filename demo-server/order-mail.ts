import type { Language } from '../widget/contract/index.ts';
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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function orderMail(kind: OrderMailKind, m: OrderMessage, to: string): Mail {
  const words = WORDS[m.language];
  const subject = words[kind].subject(m);
  const body = words[kind].body(m);
  const shipment =
    kind === 'shipped'
      ? [
          ...(m.trackingNumber ? [words.tracking(m.trackingNumber)] : []),
          ...(m.trackingUrl ? [`${words.track}: ${m.trackingUrl}`] : []),
        ]
      : [];
  const text = [words.hello(m), '', body, '', ...shipment, ...(shipment.length ? [''] : []), m.workspaceName, ''].join(
    '\n',
  );
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const html = [
    `<!doctype html><html lang="${m.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">',
    paragraph(words.hello(m)),
    paragraph(body),
    ...(kind === 'shipped' && m.trackingNumber ? [paragraph(words.tracking(m.trackingNumber))] : []),
    ...(kind === 'shipped' && m.trackingUrl
      ? [
          `<p><a href="${escapeHtml(m.trackingUrl)}" style="display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 6px;">${escapeHtml(words.track)}</a></p>`,
        ]
      : []),
    paragraph(m.workspaceName),
    '</body></html>',
  ].join('\n');
  return { to, subject, text, html, fromName: m.workspaceName };
}
