import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The address a parsed message was sent to. */
export const recipient = (mail: ParsedMail): string => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

/** An SMTP server on loopback, for one suite, that keeps every message it accepts, parsed. */
export function useSmtp() {
  const inbox: ParsedMail[] = [];
  const waiting: ((mail: ParsedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        waiting.splice(0).forEach((resolve) => resolve(mail));
        done();
      }, done);
    },
  });
  let port = 0;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: () => `smtp://127.0.0.1:${port}`,
    /** The next message to arrive (or the first already there that `match` accepts). */
    next(match: (mail: ParsedMail) => boolean, timeoutMs = 15_000): Promise<ParsedMail> {
      const found = inbox.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message arrived')), timeoutMs);
        const check = (mail: ParsedMail) => (match(mail) ? (clearTimeout(timer), resolve(mail)) : waiting.push(check));
        waiting.push(check);
      });
    },
  };
}
