/**
 * Request generators for the Portal API fuzz test (api-fuzz.test.ts), built from the server's own
 * OpenAPI document, which the server builds from the zod contract (src-shared/<area>/api.ts) for
 * every route of the route table (src-shared/api/routes.ts). Each request is a valid shape with
 * hostile leaves mixed in at a rate drawn per request: control characters, hostile strings,
 * wrong types, huge or non-finite numbers, impossible dates, bad ids and cursors, bad bodies,
 * bad headers, with or without the demo tenant's token or the staff key.
 */
import fc from 'fast-check';

/** The JSON Schema subset zod's toJSONSchema and @fastify/swagger produce for our contract. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface OpenApiParameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: Record<string, unknown>[];
}

/** Values of the demo data set, so valid shapes reach the services, not only the validators. */
export interface KnownValues {
  uuids: string[];
  emails: string[];
  dossierNumbers: string[];
  sha256s: string[];
  strings: string[];
}

export interface GeneratedRequest {
  method: string;
  /** Path and query, encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The operation's `METHOD /path` in the OpenAPI document, or null for an unknown route. */
  operation: string | null;
  auth: 'none' | 'tenant' | 'garbage' | 'staff';
}

const LONG = 'x'.repeat(5000);

/** Strings that have broken servers: control characters, injections, odd Unicode, number and date look-alikes. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u001b[31mrouge',
  '\u0007',
  '\u007f',
  '\u0085',
  '\r\n',
  '\u202eevil',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff\ud800',
  '😀'.repeat(300),
  "' OR 1=1 --",
  "'; drop table tenants; --",
  '"\\',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '../../../../etc/passwd',
  '%00',
  '%',
  '__proto__',
  'constructor',
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '9223372036854775808',
  '99999999999999999999999999',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '2026-02-29',
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '0000-01-01T00:00:00Z',
  '2026-03-29T02:30:00+01:00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  LONG,
];

const HOSTILE_NUMBERS = [0, -0, -1, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 5e-324];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 5 }) },
);

/** Anything, of any type: what a hostile client puts where the contract expects something else. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], { '': '' }, { __proto__: { x: 1 } }, { constructor: { prototype: {} } }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 40 }).map((depth) => nest(depth)) },
);

function nest(depth: number): unknown {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Strings a valid field could hold that are still unkind: odd Unicode, quotes, markup. */
const unkindText = fc.constantFrom("L'Haÿ-les-Roses", 'Ñuñez «Ø»', '😀 emoji', '<b>gras</b>', "' OR '1'='1", '\u202eRTL', 'a\u200bb', 'Ligne 1\nLigne 2\tfin', '\ud800', '  espaces  ');

/** URI-encoded; a lone surrogate (which encodeURIComponent refuses) becomes U+FFFD. */
function encodeText(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** `arbitrary`, or as often one of the data set's own values when it has some. */
function withKnown<T>(arbitrary: fc.Arbitrary<T>, values: T[]): fc.Arbitrary<T> {
  return values.length > 0 ? fc.oneof(arbitrary, fc.constantFrom(...values)) : arbitrary;
}

function fit(text: string, schema: JsonSchema): string {
  let out = schema.maxLength !== undefined ? [...text].slice(0, schema.maxLength).join('') : text;
  while (schema.minLength !== undefined && out.length < schema.minLength) out += 'a';
  return out;
}

export class Generators {
  private readonly cache = new Map<string, fc.Arbitrary<unknown>>();

  constructor(private readonly known: KnownValues) {}

  /**
   * A value for `schema`: valid with its children built the same way, or, with probability
   * `rate` at each level, a hostile value instead.
   */
  value(schema: JsonSchema, rate: number, name = ''): fc.Arbitrary<unknown> {
    const key = `${rate}|${name}|${JSON.stringify(schema)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const valid = this.valid(schema, rate, name);
    const hostileWeight = Math.round(rate * 100);
    const arbitrary = hostileWeight === 0 ? valid : fc.oneof({ weight: 100 - hostileWeight, arbitrary: valid }, { weight: hostileWeight, arbitrary: hostileValue });
    this.cache.set(key, arbitrary);
    return arbitrary;
  }

  private valid(schema: JsonSchema, rate: number, name: string): fc.Arbitrary<unknown> {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return fc.oneof(...union.map((s) => this.value(s, rate, name)));
    if (schema.allOf?.[0]) return this.value(schema.allOf[0], rate, name);
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string':
        return this.string(schema, name);
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
        const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
        const small = fc.integer({ min: Math.max(min, -1_000_000), max: Math.min(max, 1_000_000) });
        // Boundaries: the largest values a schema admits are where columns overflow.
        const edges = fc.constantFrom(...[min, max].filter((n) => Number.isFinite(n)));
        const integers = fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: edges });
        return type === 'integer' ? integers : fc.oneof(integers, fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true }));
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(this.value(schema.items ?? {}, rate, name), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
      case 'object':
        return this.object(schema, rate);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
    const { known } = this;
    switch (schema.format) {
      case 'uuid':
        return withKnown(fc.uuid(), known.uuids);
      case 'email':
        return withKnown(fc.emailAddress(), known.emails);
      case 'date':
        return fc.oneof(
          { weight: 9, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
          // Real dates at the edges of what databases and calendars take.
          { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '0001-01-01', '1899-12-31', '1900-01-01', '2199-12-31', '2200-01-01', '9999-12-31', '2024-02-29') },
        );
      case 'date-time':
        return fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    }
    if (/number$/i.test(name)) return withKnown(fc.stringMatching(/^\d{10}$/), known.dossierNumbers);
    if (schema.pattern === '^[0-9a-f]{64}$') return withKnown(fc.stringMatching(/^[0-9a-f]{64}$/), known.sha256s);
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).map((s) => fit(s, { maxLength: schema.maxLength }));
    return fc
      .oneof(
        { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
        { weight: 2, arbitrary: unkindText },
        { weight: 1, arbitrary: withKnown(fc.string({ maxLength: 10 }), known.strings) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
      )
      .map((s) => fit(s, schema));
  }

  private object(schema: JsonSchema, rate: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    const record = fc.record(
      Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, this.value(s, rate, key)])),
      { requiredKeys: Object.keys(properties).filter((k) => required.has(k) || rate === 0) },
    );
    const extra =
      typeof schema.additionalProperties === 'object'
        ? fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('vads_amount', 'vads_order_id', 'signature', '__proto__')), this.value(schema.additionalProperties, rate), { maxKeys: 6 })
        : rate > 0
          ? fc.option(fc.dictionary(hostileString, hostileValue, { maxKeys: 2 }), { freq: 5, nil: {} })
          : fc.constant({});
    return fc.tuple(record, extra).map(([fields, more]) => ({ ...(more as object), ...fields }));
  }

  /** One request for an operation of the OpenAPI document. */
  request(method: string, openApiPath: string, operation: OpenApiOperation, tokens: { tenant: () => string; staffKey: string }): fc.Arbitrary<GeneratedRequest> {
    const parameters = operation.parameters ?? [];
    const bodyContent = operation.requestBody?.content ?? {};
    const bodyType = Object.keys(bodyContent)[0];
    const bodySchema = bodyType ? bodyContent[bodyType]!.schema : undefined;
    const isUpload = openApiPath === '/v1/uploads/{id}';
    const isStaff = (operation.security ?? []).some((s) => 'adminApiKey' in s);
    return fc.constantFrom(0, 0, 0.05, 0.1, 0.3).chain((rate) =>
      fc
        .record({
          path: fc.tuple(...parameters.filter((p) => p.in === 'path').map((p) => this.pathValue(p, rate))),
          query: fc.tuple(...parameters.filter((p) => p.in === 'query').map((p) => this.queryValue(p, rate))),
          headers: fc.tuple(...parameters.filter((p) => p.in === 'header').map((p) => this.headerValue(p, rate))),
          // Mostly the credentials the route wants, so requests get past authentication.
          auth: fc.oneof(
            { weight: 6, arbitrary: fc.constant<GeneratedRequest['auth']>(isStaff ? 'staff' : 'tenant') },
            { weight: 1, arbitrary: fc.constantFrom<GeneratedRequest['auth']>('none', 'garbage', isStaff ? 'tenant' : 'staff') },
          ),
          garbageAuth: fc.constantFrom('Bearer ', 'Bearer x', `Bearer ${'a'.repeat(43)}`, 'Basic YTpi', 'bearer ÿÿÿ', `Bearer ${LONG}`, 'Bearer \t', 'Token abc'),
          // fetch sends no body with a GET.
          body: method === 'GET' ? fc.constant(null) : isUpload ? uploadBody : bodySchema ? this.body(bodySchema, bodyType!, rate) : fc.option(badBody, { freq: 4 }),
        })
        .map(({ path, query, headers, auth, garbageAuth, body }) => {
          const pathParams = parameters.filter((p) => p.in === 'path');
          let url = openApiPath;
          pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, path[i]!)));
          const search = query.flat().join('&');
          const all: Record<string, string> = {};
          for (const [name, value] of headers) if (value !== undefined && name !== 'x-api-key') all[name] = value;
          if (auth === 'tenant') all.authorization = `Bearer ${tokens.tenant()}`;
          if (auth === 'garbage') {
            all.authorization = garbageAuth;
            if (isStaff) all['x-api-key'] = garbageAuth;
          }
          if (auth === 'staff') all['x-api-key'] = tokens.staffKey;
          if (body?.contentType) all['content-type'] = body.contentType;
          return { method, url: url + (search ? `?${search}` : ''), headers: all, body: body?.payload, operation: `${method} ${openApiPath}`, auth };
        }),
    );
  }

  private pathValue(parameter: OpenApiParameter, rate: number): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 9, arbitrary: this.value(parameter.schema, rate, parameter.name).map((v) => encodeText(String(v))) },
      { weight: 1, arbitrary: fc.constantFrom('%00', '%zz', '%2e%2e%2f', 'a'.repeat(120), '%F0%9F', '%C0%AE') },
    );
  }

  private queryValue(parameter: OpenApiParameter, rate: number): fc.Arbitrary<string[]> {
    const one = fc.oneof(
      { weight: 8, arbitrary: this.value(parameter.schema, rate, parameter.name).map((v) => String(v)) },
      { weight: parameter.name === 'cursor' ? 4 : 1, arbitrary: parameter.name === 'cursor' ? badCursor : hostileString },
    );
    const encode = (v: string) => `${encodeText(parameter.name)}=${encodeText(v)}`;
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant<string[]>([]) },
      { weight: 6, arbitrary: one.map((v) => [encode(v)]) },
      // A repeated parameter arrives as an array.
      { weight: 1, arbitrary: fc.tuple(one, one).map(([a, b]) => [encode(a), encode(b)]) },
      { weight: 1, arbitrary: fc.constantFrom(`${parameter.name}`, `${parameter.name}[]=1`, `${parameter.name}[a]=1`, `${parameter.name}=%zz`).map((raw) => [raw]) },
    );
  }

  private headerValue(parameter: OpenApiParameter, rate: number): fc.Arbitrary<[string, string | undefined]> {
    const value = this.value(parameter.schema, rate, parameter.name).map((v) => headerSafe(String(v)));
    return fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) }).map((v) => [parameter.name, v]);
  }

  private body(schema: JsonSchema, contentType: string, rate: number): fc.Arbitrary<{ contentType?: string; payload?: string | Uint8Array } | null> {
    const value = this.value(schema, rate);
    const asJson = value.map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v) ?? 'null' }));
    const asForm = value.map((v) => ({ contentType: 'application/x-www-form-urlencoded', payload: toForm(v) }));
    return fc.oneof(
      { weight: 12, arbitrary: contentType === 'application/json' ? asJson : asForm },
      { weight: 1, arbitrary: contentType === 'application/json' ? asForm : asJson },
      { weight: 2, arbitrary: badBody },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
}

/** Bytes for PUT /v1/uploads: PDFs, PNGs, JPEG-looking, random, empty, each with a content type. */
const uploadBody = fc
  .tuple(
    fc.oneof(
      fc.constant(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')),
      fc.constant(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
      fc.constant(Buffer.from([0xff, 0xd8, 0xff, 0xe0])),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
      fc.constant(Buffer.alloc(0)),
    ),
    fc.constantFrom('application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream', 'application/json', 'text/plain', 'image/gif'),
  )
  .map(([payload, contentType]) => ({ contentType, payload: new Uint8Array(payload) }));

/** Bodies no client of ours sends: broken JSON, other media types, arrays, deep nesting, a repeated form field, a body too large. */
export const badBody = fc.oneof(
  fc.constantFrom(
    { contentType: 'application/json', payload: '{' },
    { contentType: 'application/json', payload: '[1,' },
    { contentType: 'application/json', payload: '' },
    { contentType: 'application/json', payload: '[]' },
    { contentType: 'application/json', payload: 'null' },
    { contentType: 'application/json', payload: '"\\u0000"' },
    { contentType: 'application/json', payload: '1e999' },
    { contentType: 'application/json', payload: '{"__proto__":{"admin":true}}' },
    { contentType: 'application/json', payload: '{"constructor":{"prototype":{"x":1}}}' },
    { contentType: 'application/json', payload: '[' .repeat(3000) + ']'.repeat(3000) },
    { contentType: 'application/json; charset=utf-16', payload: '{}' },
    { contentType: 'application/json', payload: '\ufeff{}' },
    { contentType: 'text/plain', payload: 'bonjour' },
    { contentType: 'text/plain', payload: '{}' },
    { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&a=2' },
    { contentType: 'application/x-www-form-urlencoded', payload: 'vads_amount=1&vads_amount=2&signature=x' },
    { contentType: 'application/x-www-form-urlencoded', payload: '%zz=%zz' },
    { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n' },
    { contentType: 'application/xml', payload: '<a/>' },
    { contentType: 'image/png', payload: '\u0089PNG' },
    { contentType: 'application/json', payload: `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}` },
  ),
  fc.string({ maxLength: 30 }).map((payload) => ({ contentType: 'application/json', payload })),
);

/** Sync cursors that are not the server's: past 2^63, negative, not numbers, with a NUL, unknown entities, not base64. */
const encode = (text: string) => Buffer.from(text).toString('base64url');
export const badCursor = fc.oneof(
  fc.constantFrom(
    encode('9223372036854775808|~|'),
    encode('99999999999999999999999|~|'),
    encode('-1|~|'),
    encode('abc|~|'),
    encode('1e5|~|'),
    encode('1|~\u0000|'),
    encode('1|activity|\u0000'),
    encode('1|activity|not-a-uuid'),
    encode('1|nothing|00000000-0000-0000-0000-000000000000'),
    encode('1|~|x|full'),
    encode('1|~||nope'),
    encode('1'),
    encode(''),
    encode('||||'),
    '@@@',
    '%00',
    '===',
    'x'.repeat(201),
  ),
  fc.string({ maxLength: 40 }).map(encode),
  fc.tuple(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.constantFrom('~', 'activity', 'request')).map(([v, e]) => encode(`${v}|${e}|`)),
);

/** What fetch can send in a header (Latin-1, no control character but tab); control characters go through raw sockets in api-errors.test.ts. */
function headerSafe(value: string): string {
  return [...value]
    .map((c) => {
      const code = c.charCodeAt(0);
      return code > 0xff || code === 0x7f || (code < 0x20 && c !== '\t') ? '?' : c;
    })
    .join('')
    .trim();
}

function toForm(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return new URLSearchParams(Object.entries(value).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : String(JSON.stringify(v))])).toString();
}

/** Requests for routes that do not exist, or a method a route does not answer. */
export const unknownRequest = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: fc.oneof(
      fc.constantFrom('/v1', '/v1/', '/v1/nowhere', '/v1/admin', '/v1/requests/x/y/z', '/v2/health', '/v1/health/', '/v1//health', '/v1/%zz', '/v1/%00', '/', '/v1/auth'),
      fc.string({ maxLength: 20 }).map((s) => `/v1/${encodeText(s)}`),
    ),
  })
  .map(({ method, path }): GeneratedRequest => ({ method, url: path, headers: {}, operation: null, auth: 'none' }));
