import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The generated fuzz pass over openapi.json: the operations of the committed document, one
 * mutation of one member at a time, and the contract every answer must keep (no 5xx; every 4xx a
 * problem document, or the HTML page the operation documents for that status).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: Schema;
}

interface Response {
  content?: Record<string, unknown>;
}

export interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  bodyType?: string;
  bodySchema?: Schema;
  responses: Record<string, Response | { $ref: string }>;
}

export interface Document {
  paths: Record<string, Record<string, Omit<Operation, 'key' | 'method' | 'path'> & { requestBody?: Body }>>;
  components: { schemas: Record<string, Schema> };
}

interface Body {
  content: Record<string, { schema: Schema }>;
}

/** What an operation is called with when nothing is mutated. */
export interface Call {
  token?: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  json?: unknown;
  form?: Record<string, string | string[]>;
  multipart?: { field: string; fileName: string; type: string; content: Buffer };
  /** A raw body, for the mutations of the body as a whole. */
  raw?: { contentType: string; payload: string | Buffer };
}

export interface Mutation {
  label: string;
  call: Call;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const HUGE = 'x'.repeat(100_000);
/** Past BODY_LIMIT_BYTES' default (1 MiB). */
const OVER_BODY_LIMIT = `{"a":"${'x'.repeat(1024 * 1024)}"}`;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const base64 = (text: string) => Buffer.from(text).toString('base64url');

export function loadDocument(): Document {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')) as Document;
}

export function operationsOf(document: Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0];
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        bodyType,
        bodySchema: bodyType ? resolve(document, content[bodyType].schema) : undefined,
        responses: operation.responses,
      };
    }),
  );
}

function resolve(document: Document, schema: Schema | undefined): Schema {
  if (!schema) {
    return {};
  }
  return schema.$ref
    ? resolve(document, document.components.schemas[schema.$ref.split('/').pop() ?? ''])
    : schema;
}

/** Every single-member mutation of the baseline call: parameters, body members, the body as a whole. */
export function mutationsOf(document: Document, operation: Operation, baseline: Call): Mutation[] {
  const mutations: Mutation[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      mutations.push(...pathMutations(parameter.name, baseline));
    } else if (parameter.in === 'query') {
      mutations.push(...queryMutations(parameter, operation, baseline));
    }
  }
  mutations.push({
    label: 'unknown query member',
    call: { ...baseline, query: { ...baseline.query, zzz: '1' } },
  });
  if (baseline.json !== undefined && operation.bodySchema) {
    mutations.push(...jsonMutations(document, operation.bodySchema, baseline));
  }
  if (baseline.form) {
    mutations.push(...formMutations(baseline));
  }
  if (baseline.multipart) {
    mutations.push(...multipartMutations(baseline));
  }
  return mutations;
}

function pathMutations(name: string, baseline: Call): Mutation[] {
  const real = baseline.params?.[name] ?? randomUUID();
  const values: [string, string][] = [
    ['not a UUID', 'not-a-uuid'],
    ['NUL', `${real.slice(0, 8)}\u0000`],
    ['100 KB', HUGE],
    ['nil UUID', NIL_UUID],
    ['unknown UUID', randomUUID()],
    ['upper case', real.toUpperCase()],
    ['trailing garbage', `${real}x`],
    ['number', '12345'],
  ];
  return values.map(([label, value]) => ({
    label: `path ${name}: ${label}`,
    call: { ...baseline, params: { ...baseline.params, [name]: value } },
  }));
}

const UUID = '00000000-0000-4000-8000-000000000001';
const CURSORS: [string, string][] = [
  ['not base64', '!!!'],
  ['base64 of garbage', base64('garbage')],
  ['impossible date', base64(`2024-02-30T10:00:00.000Z|${UUID}`)],
  ['impossible date (catalog)', base64(JSON.stringify({ k: '2024-02-30 10:00:00.123456+00', id: UUID }))],
  ['JSON null', base64('null')],
  ['object key', base64(JSON.stringify({ k: {}, id: UUID }))],
  ['huge number key', base64(JSON.stringify({ k: '9'.repeat(40), id: UUID }))],
  ['float key', base64(JSON.stringify({ k: 1e308, id: UUID }))],
  ['escaped NUL key', base64(JSON.stringify({ k: 'a\u0000', id: UUID }))],
  ['bad id', base64(JSON.stringify({ k: 1, id: 'x' }))],
  ['year 0', base64(`0000-01-01T00:00:00.000Z|${UUID}`)],
  ['year 10000', base64(JSON.stringify({ k: '10000-01-01 00:00:00+00', id: UUID }))],
];

function queryMutations(parameter: Parameter, operation: Operation, baseline: Call): Mutation[] {
  const name = parameter.name;
  const values: [string, string | string[]][] = [
    ['NUL', 'ab\u0000'],
    ['100 KB', HUGE],
    ['empty', ''],
    ['repeated', ['a', 'b']],
    ['-1', '-1'],
    ['0', '0'],
    ['fraction', '1.5'],
    ['huge number', '99999999999999999999'],
    ['exponent', '1e3'],
    ['not a UUID', 'zz'],
    ['unknown UUID', randomUUID()],
    ['impossible date', '2024-02-30T10:00:00Z'],
  ];
  if (name === 'cursor') {
    values.push(...CURSORS);
  }
  const mutations = values.map(([label, value]) => ({
    label: `query ${name}: ${label}`,
    call: { ...baseline, query: { ...baseline.query, [name]: value } },
  }));
  // A cursor is read according to the sort: every malformed cursor under every sort.
  const sort = operation.parameters.find((other) => other.name === 'sort')?.schema?.enum as
    string[] | undefined;
  if (name === 'cursor' && sort) {
    for (const order of sort) {
      for (const [label, value] of CURSORS) {
        mutations.push({
          label: `query cursor (sort=${order}): ${label}`,
          call: { ...baseline, query: { ...baseline.query, sort: order, cursor: value } },
        });
      }
    }
  }
  return mutations;
}

/** Wrong type, null, NUL, 100 KB, boundary numbers and malformed ids for a member of this schema. */
function valuesFor(schema: Schema): [string, Json][] {
  const common: [string, Json][] = [
    ['null', null],
    ['NUL string', 'a\u0000b'],
    ['100 KB string', HUGE],
    ['object', { a: 1 }],
    ['array', [1]],
  ];
  switch (schema.type ?? 'object') {
    case 'string':
      return [...common, ['number', 12345], ['boolean', true], ['empty', ''], ...byFormat(schema)];
    case 'number':
    case 'integer':
      return [
        ...common,
        ['numeric string', '1'],
        ['fraction', 1.5],
        ['-1', -1],
        ['0', 0],
        ['2^31', 2 ** 31],
        ['2^53 + 2', 2 ** 53 + 2],
        ['1e308', 1e308],
        ['-1e308', -1e308],
        ['boolean', true],
      ];
    case 'boolean':
      return [...common, ['string', 'true'], ['number', 1]];
    case 'array':
      return [
        ...common.filter(([label]) => label !== 'array'),
        ['string', 'x'],
        ['[null]', [null]],
        ['[NUL]', ['\u0000']],
        ['[100 KB]', [HUGE]],
        ['[object]', [{}]],
        ['10,000 items', Array.from({ length: 10_000 }, () => 'a')],
      ];
    default:
      return [
        ...common.filter(([label]) => label !== 'object'),
        ['string', 'x'],
        ['empty object', {}],
        ['unknown member', { zzz: 1 }],
      ];
  }
}

/** Malformed ids, impossible dates and unknown enum values, for the members that take those. */
function byFormat(schema: Schema): [string, Json][] {
  if (schema.format === 'uuid') {
    return [
      ['not a UUID', 'not-a-uuid'],
      ['nil UUID', NIL_UUID],
      ['unknown UUID', randomUUID()],
    ];
  }
  if (schema.format === 'date-time') {
    return [
      ['impossible date', '2024-02-30T10:00:00+06:00'],
      ['year 0', '0000-01-01T00:00:00Z'],
      ['year 99999', '+099999-01-01T00:00:00Z'],
      ['no offset', '2026-01-01T10:00:00'],
    ];
  }
  return schema.enum ? [['not in enum', 'zzz']] : [['not a UUID', 'not-a-uuid']];
}

function jsonMutations(document: Document, schema: Schema, baseline: Call): Mutation[] {
  const body = (baseline.json ?? {}) as Record<string, Json>;
  const mutations: Mutation[] = [];
  const visit = (members: Record<string, Schema>, path: string[], depth: number) => {
    for (const [name, member] of Object.entries(members)) {
      const resolved = resolve(document, member);
      for (const [label, value] of valuesFor(resolved)) {
        mutations.push({
          label: `body ${[...path, name].join('.')}: ${label}`,
          call: { ...baseline, json: setIn(body, [...path, name], value) },
        });
      }
      const nested = resolved.type === 'array' ? resolve(document, resolved.items) : resolved;
      if (nested.properties && depth < 2) {
        const at = resolved.type === 'array' ? [...path, name, '0'] : [...path, name];
        visit(nested.properties, at, depth + 1);
      }
    }
  };
  visit(schema.properties ?? {}, [], 0);
  const raw = (label: string, payload: string | Buffer, contentType = 'application/json') =>
    mutations.push({
      label: `body: ${label}`,
      call: { ...baseline, json: undefined, raw: { contentType, payload } },
    });
  raw('null', 'null');
  raw('array', '[]');
  raw('string', '"x"');
  raw('number', '1');
  raw('invalid JSON', '{"a":');
  raw('__proto__ member', '{"__proto__":{"admin":true}}');
  raw('nested 5,000 deep', `${'['.repeat(5000)}${']'.repeat(5000)}`);
  raw('member nested 5,000 deep', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`);
  raw('as text/plain', JSON.stringify(body), 'text/plain');
  raw('as form', 'a=1', 'application/x-www-form-urlencoded');
  raw('over the body limit', OVER_BODY_LIMIT);
  mutations.push({ label: 'body: unknown member', call: { ...baseline, json: { ...body, zzz: 1 } } });
  mutations.push({ label: 'body: empty object', call: { ...baseline, json: {} } });
  return mutations;
}

function formMutations(baseline: Call): Mutation[] {
  const form = baseline.form ?? {};
  const mutations: Mutation[] = [];
  for (const name of Object.keys(form)) {
    const values: [string, string | string[]][] = [
      ['NUL', 'ab\u0000'],
      ['100 KB', HUGE],
      ['empty', ''],
      ['repeated', ['a', 'b']],
    ];
    for (const [label, value] of values) {
      mutations.push({
        label: `form ${name}: ${label}`,
        call: { ...baseline, form: { ...form, [name]: value } },
      });
    }
    const { [name]: _left, ...without } = form;
    mutations.push({ label: `form ${name}: missing`, call: { ...baseline, form: without } });
  }
  mutations.push({ label: 'form: unknown member', call: { ...baseline, form: { ...form, zzz: '1' } } });
  mutations.push({ label: 'form: as JSON', call: { ...baseline, form: undefined, json: { ...form } } });
  return mutations;
}

function multipartMutations(baseline: Call): Mutation[] {
  const file = baseline.multipart;
  if (!file) {
    return [];
  }
  const variants: [string, Call['multipart']][] = [
    ['other field name', { ...file, field: 'zzz' }],
    ['NUL in file name', { ...file, fileName: 'a\u0000.png' }],
    ['100 KB file name', { ...file, fileName: `${HUGE}.png` }],
    ['empty file', { ...file, content: Buffer.alloc(0) }],
    ['text declared as image', { ...file, content: Buffer.from('just text') }],
    ['truncated image', { ...file, content: file.content.subarray(0, 20) }],
  ];
  return [
    ...variants.map(([label, multipart]) => ({
      label: `multipart: ${label}`,
      call: { ...baseline, multipart },
    })),
    { label: 'multipart: JSON instead', call: { ...baseline, multipart: undefined, json: { file: 'x' } } },
    {
      label: 'multipart: no parts',
      call: {
        ...baseline,
        multipart: undefined,
        raw: { contentType: 'multipart/form-data; boundary=b', payload: '--b--\r\n' },
      },
    },
  ];
}

function setIn(body: Record<string, Json>, path: string[], value: Json): Json {
  const copy = structuredClone(body);
  let node: Record<string, Json> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] = next !== null && typeof next === 'object' ? next : {};
    node = node[key] as Record<string, Json>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

/** Sends one call through app.inject (no sockets: fast enough for thousands of requests). */
export async function send(app: NestFastifyApplication, operation: Operation, call: Call): Promise<Answer> {
  const url = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(call.params?.[name] ?? ''),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(call.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      query.append(name, one);
    }
  }
  const headers: Record<string, string> = {};
  if (call.token) {
    headers.authorization = `Bearer ${call.token}`;
  }
  let payload: string | Buffer | undefined;
  if (call.raw) {
    headers['content-type'] = call.raw.contentType;
    payload = call.raw.payload;
  } else if (call.multipart) {
    const boundary = `fuzz${randomUUID()}`;
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${call.multipart.field}"; filename="${call.multipart.fileName}"\r\n` +
          `Content-Type: ${call.multipart.type}\r\n\r\n`,
      ),
      call.multipart.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
  } else if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(call.form)) {
      for (const one of Array.isArray(value) ? value : [value]) {
        form.append(name, one);
      }
    }
    payload = form.toString();
  } else if (call.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(call.json);
  }
  const search = query.toString();
  const response = await app.inject({
    method: operation.method as 'GET',
    url: search ? `${url}?${search}` : url,
    headers,
    payload,
  });
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type'] ?? ''),
    body: response.body,
  };
}

/** What is wrong with this answer, or undefined: no 5xx, and every 4xx a problem document. */
export function contractBreach(operation: Operation, answer: Answer): string | undefined {
  if (answer.status >= 500) {
    return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  }
  if (answer.status < 400) {
    return undefined;
  }
  // A page (an operation documented as text/html) answers its errors as pages too.
  const isPage = Object.values(operation.responses).some(
    (response) => (response as Response)?.content?.['text/html'],
  );
  if (isPage && answer.contentType.startsWith('text/html')) {
    return undefined;
  }
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `answered ${answer.status} as ${answer.contentType || 'no content type'}`;
  }
  const problem = JSON.parse(answer.body) as { type?: unknown; title?: unknown; status?: unknown };
  if (
    typeof problem.type !== 'string' ||
    typeof problem.title !== 'string' ||
    problem.status !== answer.status
  ) {
    return `answered ${answer.status} with an incomplete problem: ${answer.body.slice(0, 200)}`;
  }
  return undefined;
}
