/**
 * The AsyncAPI 3.0 document of an API's WebSocket (the RPC form of `wsrpc/`): one channel per
 * payload (JSON text, or MessagePack with the `msgpack` subprotocol) at the API's base path,
 * and per function an operation whose call frame `{id, method, params}` is answered by a result
 * frame `{id, status, result}` or an error frame `{id, status, error}` — or, for a stream, by
 * event frames `{id, event, data}` and a done frame. Payload schemas are the JSON codec's
 * (`schema/jsonschema.ts`), which both payloads carry (MessagePack packs the same values). The
 * same socket's JSON-RPC 2.0 dialect and the Channels socket at `<base>/channels` are channels
 * too (`more-channels.ts`).
 */
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { type JsonSchema, JsonSchemaWriter } from '../../schema/jsonschema.ts';
import { channelsChannel, jsonRpcChannel } from './more-channels.ts';

export const ASYNCAPI_VERSION = '3.0.0';

/** The payloads described, by channel key: the subprotocol that selects each and its content type. */
const PAYLOADS = [
  { key: 'json', subprotocol: 'json', contentType: 'application/json', title: 'JSON text frames (no subprotocol, or `json`)' },
  { key: 'msgpack', subprotocol: 'msgpack', contentType: 'application/vnd.msgpack', title: 'MessagePack binary frames (the `msgpack` subprotocol)' },
] as const;

export interface AsyncApiOptions {
  /** The socket's URL: `ws://host:port/ws`. */
  readonly url: string;
}

const ID: JsonSchema = { description: 'The call’s id, chosen by the caller; its answers carry it.', oneOf: [{ type: 'string' }, { type: 'number' }] };

/** The AsyncAPI 3.0 document of the WebSocket serving `api`. */
export function asyncApiDocument(api: Api, options: AsyncApiOptions): JsonSchema {
  const url = new URL(options.url);
  const schemas = new JsonSchemaWriter();
  const frames = sharedFrames();
  const messages: Record<string, JsonSchema> = {};
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};

  // One payload schema per frame of each function, shared by both payloads' messages.
  const perFunction = api.functions.map((fn) => ({ fn, frames: functionFrames(fn, schemas) }));
  for (const [name, schema] of Object.entries(frames)) schemas.components[name] = schema;
  for (const { frames: f } of perFunction) for (const [name, schema] of Object.entries(f)) schemas.components[name] = schema;

  for (const p of PAYLOADS) {
    const inChannel: Record<string, JsonSchema> = {};
    const message = (frame: string, title: string) => {
      const key = `${frame}.${p.key}`;
      messages[key] = { name: frame, title, contentType: p.contentType, payload: { $ref: `#/components/schemas/${frame}` } };
      inChannel[key] = { $ref: `#/components/messages/${key}` };
      return { $ref: `#/channels/${p.key}/messages/${key}` };
    };
    const error = message('ErrorFrame', 'An error: the call failed, or a frame could not be read');
    const cancel = message('CancelFrame', 'Cancels a call or a stream in flight');
    for (const { fn } of perFunction) {
      const base = frameBase(fn);
      const call = message(`${base}Call`, `Calls ${fn.name}`);
      const replies = fn.def.stream
        ? [message(`${base}Event`, `One item of ${fn.name}’s stream`), message('DoneFrame', 'The stream ended'), error]
        : [message(`${base}Result`, `${fn.name}’s result`), error];
      const op: JsonSchema = {
        action: 'send',
        channel: { $ref: `#/channels/${p.key}` },
        title: fn.name,
        summary: fn.def.doc ?? fn.name,
        messages: [call],
        reply: { channel: { $ref: `#/channels/${p.key}` }, messages: replies },
      };
      operations[`${fn.name}.${p.key}`] = op;
    }
    operations[`cancel.${p.key}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${p.key}` },
      title: 'cancel',
      summary: 'Cancels a call or a stream in flight.',
      messages: [cancel],
    };
    channels[p.key] = {
      address: url.pathname,
      title: p.title,
      description: `Every function of ${api.root.name}, called by id; ${p.title}.`,
      servers: [{ $ref: '#/servers/socket' }],
      messages: inChannel,
      bindings: {
        ws: {
          headers: { type: 'object', properties: { 'Sec-WebSocket-Protocol': { type: 'string', const: p.subprotocol } } },
          bindingVersion: '0.1.0',
        },
      },
    };
  }

  const server = { $ref: '#/servers/socket' };
  const channelsPath = `${url.pathname.replace(/\/$/, '')}/channels`;
  for (const part of [
    jsonRpcChannel(api.functions, frameBase, schemas, url.pathname, server),
    channelsChannel(api.functions, frameBase, schemas, channelsPath, server),
  ]) {
    channels[part.key] = part.channel;
    Object.assign(operations, part.operations);
    Object.assign(messages, part.messages);
    Object.assign(schemas.components, part.schemas);
  }

  const info: JsonSchema = { title: `${api.root.name} over WebSocket`, version: api.root.version ?? '1.0.0' };
  if (api.root.doc) info.description = api.root.doc;
  return {
    asyncapi: ASYNCAPI_VERSION,
    info,
    defaultContentType: 'application/json',
    servers: {
      socket: { host: url.host, protocol: url.protocol.replace(':', ''), pathname: url.pathname, description: 'The API’s WebSocket, at its base path.' },
    },
    channels,
    operations,
    components: { schemas: schemas.components, messages },
  };
}

/** `person.get` → `PersonGet`: the prefix of its frames' names. */
function frameBase(fn: FunctionEntry): string {
  return fn.path.map((p) => p.charAt(0).toUpperCase() + p.slice(1).replace(/[^a-zA-Z0-9_]/g, '_')).join('');
}

/** The frames every function shares: errors, cancelling, the end of a stream. */
function sharedFrames(): Record<string, JsonSchema> {
  const fault: JsonSchema = {
    type: 'object',
    properties: {
      faultcode: { type: 'string', enum: ['Client', 'Server'] },
      faultstring: { type: 'string' },
      code: { type: 'string', description: 'The stable error code (see the errors guide).' },
      fields: {
        type: 'array',
        items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
      },
      debuginfo: { type: 'string' },
    },
    required: ['faultcode', 'faultstring', 'code'],
  };
  return {
    ErrorFrame: {
      type: 'object',
      properties: { id: { oneOf: [ID, { type: 'null' }] }, status: { type: 'integer', minimum: 400, maximum: 599 }, error: fault },
      required: ['id', 'status', 'error'],
    },
    CancelFrame: { type: 'object', properties: { id: ID, cancel: { const: true } }, required: ['id', 'cancel'] },
    DoneFrame: {
      type: 'object',
      properties: { id: ID, status: { const: 200 }, done: { const: true }, cancelled: { type: 'boolean' } },
      required: ['id', 'status', 'done'],
    },
  };
}

/** A function's own frames: its call and its result (or its stream's event). */
function functionFrames(fn: FunctionEntry, schemas: JsonSchemaWriter): Record<string, JsonSchema> {
  const base = frameBase(fn);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const a of fn.args) {
    properties[a.name] = schemas.write(a.schema);
    if (a.required) required.push(a.name);
  }
  const named: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) named.required = required;
  const positional: JsonSchema = { type: 'array', description: 'The arguments in declaration order.', maxItems: fn.args.length };
  const call: JsonSchema = {
    type: 'object',
    description: fn.def.doc ?? fn.name,
    properties: { id: ID, method: { const: fn.name }, params: { oneOf: [named, positional] } },
    required: required.length > 0 ? ['id', 'method', 'params'] : ['id', 'method'],
  };
  const item: JsonSchema = fn.returns ? schemas.write(fn.returns) : { type: 'null' };
  const answer: JsonSchema = fn.def.stream
    ? {
        type: 'object',
        properties: { id: ID, event: { type: 'integer', minimum: 1, description: 'The item’s number, from 1.' }, data: item },
        required: ['id', 'event', 'data'],
      }
    : { type: 'object', properties: { id: ID, status: { const: 200 }, result: item }, required: ['id', 'status', 'result'] };
  return { [`${base}Call`]: call, [fn.def.stream ? `${base}Event` : `${base}Result`]: answer };
}
