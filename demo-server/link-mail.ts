import { Language, type SentLink } from '../widget/contract/index.ts';
import { composeMail } from './mail-frame.ts';
import type { Mail } from './mailer.ts';

/** The demo shop page (examples/index.html): where links open when the workspace names no page of its own. */
export const DEMO_SHOP_PATH = '/examples/';

/**
 * The link a customer opens: the portal page with the token in its fragment, where the widget reads
 * it (page-token.ts). `landing` names the portal page it opens on (`approvals`, `orders/SO-…`),
 * which becomes the portal's `#portal/…` route once the token is out of the address bar.
 */
export function linkUrl(portalPageUrl: string | null, serverBase: string, token: string, landing?: string): string {
  const page = `${portalPageUrl ?? serverBase.replace(/\/$/, '') + DEMO_SHOP_PATH}#portal_token=${token}`;
  return landing ? `${page}&portal=${landing.split('/').map(encodeURIComponent).join('/')}` : page;
}

/** The customer's language, else the language of the workspace's locale (en when it has none of ours). */
export function linkLanguage(customerLanguage: string | null, workspaceLocale: string): Language {
  const parsed = Language.safeParse(customerLanguage ?? workspaceLocale.slice(0, 2).toLowerCase());
  return parsed.success ? parsed.data : 'en';
}

export interface LinkMessage {
  language: Language;
  /** The workspace's locale when it is of the same language (es-MX keeps its dates), else the language. */
  locale: string;
  workspaceName: string;
  businessName: string;
  /** The person the link belongs to, greeted instead of the business. */
  personName?: string;
  url: string;
  expiresAt: string | null;
  /** The supplier's own words. */
  note?: string;
}

const WORDS = {
  en: {
    subject: (m: LinkMessage) => `Your ordering link for ${m.workspaceName}`,
    hello: (m: LinkMessage) => `Hello ${m.personName ?? m.businessName},`,
    intro: (m: LinkMessage) =>
      `${m.workspaceName} has made you a personal link to see your prices, order online and follow your orders:`,
    open: 'Open your ordering portal',
    until: (date: string) => `This link is valid until ${date}.`,
    forever: 'This link does not expire.',
    keep: (m: LinkMessage) =>
      `Keep it to yourself: whoever has it can see your account and order for ${m.businessName}.`,
    share: (m: LinkMessage) =>
      `Hello ${m.businessName}, here is your personal link to order from ${m.workspaceName}: ${m.url}`,
  },
  es: {
    subject: (m: LinkMessage) => `Su enlace para hacer pedidos a ${m.workspaceName}`,
    hello: (m: LinkMessage) => `Hola, ${m.personName ?? m.businessName}:`,
    intro: (m: LinkMessage) =>
      `${m.workspaceName} le ha preparado un enlace personal para ver sus precios, hacer pedidos en línea y seguirlos:`,
    open: 'Abrir su portal de pedidos',
    until: (date: string) => `Este enlace es válido hasta el ${date}.`,
    forever: 'Este enlace no caduca.',
    keep: (m: LinkMessage) =>
      `No lo comparta: quien lo tenga puede ver su cuenta y hacer pedidos en nombre de ${m.businessName}.`,
    share: (m: LinkMessage) =>
      `Hola, ${m.businessName}: aquí tiene su enlace personal para hacer pedidos a ${m.workspaceName}: ${m.url}`,
  },
} satisfies Record<Language, unknown>;

function expiryLine(m: LinkMessage): string {
  const words = WORDS[m.language];
  if (!m.expiresAt) return words.forever;
  const date = new Intl.DateTimeFormat(m.locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(m.expiresAt));
  return words.until(date);
}

/** The email that carries a link: plain text and a simple HTML version saying the same. */
export function linkMail(m: LinkMessage, to: string): Mail {
  const words = WORDS[m.language];
  return composeMail({
    language: m.language,
    subject: words.subject(m),
    to,
    from: m.workspaceName,
    blocks: [
      words.hello(m),
      m.note?.trim(),
      words.intro(m),
      { url: m.url, button: words.open, text: m.url, showUrl: true },
      `${expiryLine(m)}\n${words.keep(m)}`,
    ],
  });
}

/** Ready texts to send the link through messaging apps, in the customer's language. */
export function shareLinks(m: LinkMessage, to: string): SentLink['share'] {
  const text = `${WORDS[m.language].share(m)}\n${expiryLine(m)}`;
  const q = encodeURIComponent;
  return {
    text,
    whatsapp_url: `https://wa.me/?text=${q(text)}`,
    sms_url: `sms:?&body=${q(text)}`,
    email_url: `mailto:${to.split('@').map(q).join('@')}?subject=${q(WORDS[m.language].subject(m))}&body=${q(text)}`,
  };
}
