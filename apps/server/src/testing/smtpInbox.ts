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
          subject: decodeWords(headerOf(raw, 'Subject')),
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

/** A header's value from a raw message, unfolded (RFC 5322 §2.2.3); '' when absent. */
export function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : qpDecode(text.replace(/_/g, ' ')),
    );
}

/** Quoted-printable to text: `=XX` is a byte, `=` at a line end a soft break. */
function qpDecode(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes a MIME part's body by its Content-Transfer-Encoding (7bit, quoted-printable, base64). */
function decodePart(part: string): { type: string; body: string } {
  const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'text/plain';
  const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase() ?? '7bit';
  if (encoding === 'base64') return { type, body: Buffer.from(body, 'base64').toString('utf8') };
  if (encoding === 'quoted-printable') return { type, body: qpDecode(body) };
  return { type, body };
}

/**
 * The plain-text and HTML bodies of a received message, decoded: what a mail client shows. A
 * single-part message has only the one its Content-Type names.
 */
export function mailBodies(raw: string): { text?: string; html?: string } {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw.split(/\r?\n\r?\n/, 1)[0]!)?.[1];
  const parts = boundary
    ? raw
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => p.replace(/^\r?\n/, ''))
    : [raw];
  const out: { text?: string; html?: string } = {};
  for (const p of parts.map(decodePart)) {
    if (p.type === 'text/plain') out.text = p.body.replace(/\r\n/g, '\n').trimEnd();
    if (p.type === 'text/html') out.html = p.body.replace(/\r\n/g, '\n');
  }
  return out;
}
