import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the SMTP server received. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  raw: string;
}

/** A real SMTP server (npm `smtp-server`) on a free local port, keeping what it receives. */
export interface SmtpInbox {
  /** `smtp://127.0.0.1:<port>`, for nodemailer. */
  url: string;
  /** Every message received so far, in order. */
  received: ReceivedMail[];
  /** Resolves with the first message matching `match`, already received or when it arrives. */
  next(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server for tests: e-mail goes through nodemailer over TCP to a real SMTP
 * implementation, not a mock transport. No TLS, no authentication.
 */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const arrivals = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
          raw,
        });
        for (const w of [...arrivals]) w();
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = received.find(match);
          if (!m) return;
          arrivals.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          arrivals.delete(check);
          reject(new Error('no matching e-mail arrived'));
        }, timeoutMs);
        arrivals.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
