/** A real SMTP server inside a test (smtp-server on 127.0.0.1): what the Portal API sends through nodemailer lands in `inbox`. */
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

export function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtp(inbox: Received[]): Promise<{ url: string; close(): Promise<void> }> {
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp has no port');
  return { url: `smtp://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => smtp.close(() => resolve())) };
}

