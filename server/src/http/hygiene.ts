/**
 * What every request and answer of the Portal API gets, whatever its route:
 * - a body, query or path parameter with an invisible control character is refused with a French field error
 *   (PostgreSQL refuses a NUL in text: such requests answered 500 on eleven routes);
 * - every answer says `X-Content-Type-Options: nosniff`;
 * - private answers (a bearer token, the auth routes, /me, /sync) say `Cache-Control: no-store`
 *   unless the route set its own (a document's bytes), so no proxy or disk cache keeps a
 *   tenant's data or tokens.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../../src-shared/api/routes';
import { controlCharacterPath } from '../../../src-shared/validation/control-characters';
import { validationError } from './errors';

const CONTROL_CHARACTER_MESSAGE = 'Ce champ contient un caractère invisible (souvent venu d’un copier-coller) : retapez-le.';
const PRIVATE_PATHS = [`${API_PREFIX}/auth/`, `${API_PREFIX}/me`, `${API_PREFIX}/sync`];

export function installRequestHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // Path parameters too: `/admin/dossiers/%00/ledger` reached PostgreSQL with a NUL.
    for (const [where, value] of [['', request.body], ['querystring.', request.query], ['params.', request.params]] as const) {
      const path = controlCharacterPath(value);
      if (path !== null) throw validationError([{ path: `${where}${path}`, message: CONTROL_CHARACTER_MESSAGE, key: 'fields.controlCharacter' }]);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    const path = request.url.split('?')[0] ?? '';
    const isPrivate = request.headers.authorization !== undefined || PRIVATE_PATHS.some((prefix) => path.startsWith(prefix));
    if (isPrivate && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
