import type { Language } from '../widget/contract/index.ts';
import type { Mail } from './mailer.ts';

/**
 * One block of a mail: a paragraph (lines kept together in the text, a line break in HTML), or a
 * link — a button in HTML, with its URL shown small under it when `showUrl`, and a line of text.
 */
export type MailBlock = string | { url: string; button: string; text: string; showUrl?: boolean };

export interface MailFrame {
  language: Language;
  subject: string;
  to: string;
  /** Who it comes from, and how it is signed: the workspace's name. */
  from: string;
  /** The greeting, the message, links: the signature follows. */
  blocks: (MailBlock | null | undefined | false)[];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BUTTON_STYLE =
  'display: inline-block; padding: 10px 16px; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 6px;';

/**
 * Every mail the server sends, framed alike: plain text and a simple HTML version saying the same,
 * blocks apart by a blank line (a paragraph each in HTML), signed with the workspace's name.
 */
export function composeMail({ language, subject, to, from, blocks }: MailFrame): Mail {
  const present = [...blocks.filter((block): block is MailBlock => !!block), from];
  const text = present.map((block) => (typeof block === 'string' ? block : block.text)).join('\n\n') + '\n';
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">',
    ...present.map((block) => {
      if (typeof block === 'string') return `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`;
      const url = escapeHtml(block.url);
      const button = `<p><a href="${url}" style="${BUTTON_STYLE}">${escapeHtml(block.button)}</a></p>`;
      return block.showUrl
        ? `${button}\n<p style="font-size: 0.9em; word-break: break-all;"><a href="${url}">${url}</a></p>`
        : button;
    }),
    '</body></html>',
  ].join('\n');
  return { to, subject, text, html, fromName: from };
}
