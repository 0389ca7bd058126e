/** application/x-www-form-urlencoded bodies (the bank's IPN, the sandbox's forms), in the calling plugin's scope only. */
import type { FastifyInstance } from 'fastify';

export const FORM_BODY_LIMIT = 64 * 1024;
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** The parser's error for a field sent twice (the IPN answers it `KO duplicate_field`). */
export const DUPLICATE_FIELD = 'FORM_DUPLICATE_FIELD';

/** Whether a Content-Type header announces a form body (parameters such as charset allowed). */
export function isFormBody(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === FORM_CONTENT_TYPE;
}

export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(body as string)) {
      // A field sent twice is ambiguous: which value did the bank sign? Refuse the message.
      if (Object.hasOwn(fields, name)) return done(Object.assign(new Error('duplicate field'), { statusCode: 400, code: DUPLICATE_FIELD }), undefined);
      fields[name] = value;
    }
    done(null, fields);
  });
}

/** The address this server listens on, for sandbox URLs when no public URL is configured. */
export function listeningBase(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') return 'http://127.0.0.1';
  const host = address.family === 'IPv6' ? (address.address === '::' ? '[::1]' : `[${address.address}]`) : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
  return `http://${host}:${address.port}`;
}
