/**
 * The other two socket dialects of an API, as AsyncAPI channels beside the RPC frames':
 * - `jsonrpc`: JSON-RPC 2.0 over the same socket (subprotocol `jsonrpc`, `wsrpc/jsonrpc.ts`):
 *   per function a request answered by a response or an error; a stream by `$/event`
 *   notifications and a `{done: true}` response; `$/cancelRequest` cancels one;
 * - `channels`: the Channels socket at `<base>/channels` (`channels/session.ts`), in the seed's
 *   form (`{"method": "question.create", …fields}` answered by the result itself), DCRF's
 *   (`{"action", "request_id", …kwargs}` answered by `{errors, data, action, response_status,
 *   request_id}`, subscriptions' change events alike) and channels-api's multiplexed form
 *   (`{"stream", "payload"}`).
 */
import type { FunctionEntry } from '../../runtime/compile.ts';
import type { JsonSchema, JsonSchemaWriter } from '../../schema/jsonschema.ts';

/** What a channel adds to the document. */
export interface ChannelParts {
  /** The channel's key (`jsonrpc`, `channels`). */
  readonly key: string;
  readonly channel: JsonSchema;
  readonly operations: Record<string, JsonSchema>;
  readonly messages: Record<string, JsonSchema>;
  readonly schemas: Record<string, JsonSchema>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const RPC_ID: JsonSchema = { oneOf: [{ type: 'string' }, { type: 'number' }], description: 'The request’s id, chosen by the caller.' };

/** Builds a channel from per-frame schemas; `send` lists each operation's call and its replies. */
function channelOf(
  key: string,
  channel: JsonSchema,
  frames: Record<string, { title: string; schema: JsonSchema }>,
  send: readonly { name: string; title: string; summary: string; call: string; replies: readonly string[] }[],
): ChannelParts {
  const messages: Record<string, JsonSchema> = {};
  const inChannel: Record<string, JsonSchema> = {};
  const schemas: Record<string, JsonSchema> = {};
  for (const [frame, f] of Object.entries(frames)) {
    const m = `${frame}.${key}`;
    schemas[frame] = f.schema;
    messages[m] = { name: frame, title: f.title, contentType: 'application/json', payload: ref(frame) };
    inChannel[m] = { $ref: `#/components/messages/${m}` };
  }
  const at = (frame: string) => ({ $ref: `#/channels/${key}/messages/${frame}.${key}` });
  const operations: Record<string, JsonSchema> = {};
  for (const op of send) {
    const o: JsonSchema = { action: 'send', channel: { $ref: `#/channels/${key}` }, title: op.title, summary: op.summary, messages: [at(op.call)] };
    if (op.replies.length > 0) o.reply = { channel: { $ref: `#/channels/${key}` }, messages: op.replies.map(at) };
    operations[`${op.name}.${key}`] = o;
  }
  return { key, channel: { ...channel, messages: inChannel }, operations, messages, schemas };
}

/**
 * One more channel of the API's socket: its frames for these functions (`base` names each
 * function's frames), at `address` on `server`.
 */
type ChannelBuilder = (
  functions: readonly FunctionEntry[],
  base: (fn: FunctionEntry) => string,
  schemas: JsonSchemaWriter,
  address: string,
  server: JsonSchema,
) => ChannelParts;

function argsObject(fn: FunctionEntry, schemas: JsonSchemaWriter, extra: Record<string, JsonSchema>, required: string[]): JsonSchema {
  const properties: Record<string, JsonSchema> = { ...extra };
  const req = [...required];
  for (const a of fn.args) {
    properties[a.name] = schemas.write(a.schema);
    if (a.required) req.push(a.name);
  }
  const out: JsonSchema = { type: 'object', properties };
  if (req.length > 0) out.required = req;
  return out;
}

/** The JSON-RPC 2.0 dialect of the API's socket (subprotocol `jsonrpc`). */
export const jsonRpcChannel: ChannelBuilder = (functions, base, schemas, address, server) => {
  const V = { const: '2.0' };
  const frames: Record<string, { title: string; schema: JsonSchema }> = {
    RpcError: {
      title: 'A JSON-RPC error response',
      schema: {
        type: 'object',
        properties: {
          jsonrpc: V,
          id: { oneOf: [RPC_ID, { type: 'null' }] },
          error: {
            type: 'object',
            properties: {
              code: { type: 'integer' },
              message: { type: 'string' },
              data: {
                type: 'object',
                properties: { faultcode: { type: 'string' }, code: { type: 'string' }, fields: { type: 'array' }, debuginfo: { type: 'string' } },
              },
            },
            required: ['code', 'message'],
          },
        },
        required: ['jsonrpc', 'id', 'error'],
      },
    },
    RpcCancel: {
      title: 'Cancels a request in flight ($/cancelRequest)',
      schema: {
        type: 'object',
        properties: { jsonrpc: V, method: { const: '$/cancelRequest' }, params: { type: 'object', properties: { id: RPC_ID }, required: ['id'] } },
        required: ['jsonrpc', 'method', 'params'],
      },
    },
    RpcDone: {
      title: 'The end of a stream: the request’s response',
      schema: {
        type: 'object',
        properties: {
          jsonrpc: V,
          id: RPC_ID,
          result: {
            type: 'object',
            properties: { done: { const: true }, events: { type: 'integer', minimum: 0 }, cancelled: { type: 'boolean' } },
            required: ['done', 'events'],
          },
        },
        required: ['jsonrpc', 'id', 'result'],
      },
    },
  };
  const send: { name: string; title: string; summary: string; call: string; replies: string[] }[] = [];
  for (const fn of functions) {
    const b = base(fn);
    const params: JsonSchema = { oneOf: [argsObject(fn, schemas, {}, []), { type: 'array', maxItems: fn.args.length }] };
    frames[`${b}RpcRequest`] = {
      title: `Calls ${fn.name}`,
      schema: { type: 'object', properties: { jsonrpc: V, id: RPC_ID, method: { const: fn.name }, params }, required: ['jsonrpc', 'id', 'method'] },
    };
    const item = fn.returns ? schemas.write(fn.returns) : { type: 'null' };
    if (fn.def.stream) {
      frames[`${b}RpcEvent`] = {
        title: `One item of ${fn.name}’s stream ($/event)`,
        schema: {
          type: 'object',
          properties: {
            jsonrpc: V,
            method: { const: '$/event' },
            params: { type: 'object', properties: { id: RPC_ID, event: { type: 'integer', minimum: 1 }, data: item }, required: ['id', 'event', 'data'] },
          },
          required: ['jsonrpc', 'method', 'params'],
        },
      };
    } else {
      frames[`${b}RpcResponse`] = {
        title: `${fn.name}’s result`,
        schema: { type: 'object', properties: { jsonrpc: V, id: RPC_ID, result: item }, required: ['jsonrpc', 'id', 'result'] },
      };
    }
    send.push({
      name: fn.name,
      title: fn.name,
      summary: fn.def.doc ?? fn.name,
      call: `${b}RpcRequest`,
      replies: fn.def.stream ? [`${b}RpcEvent`, 'RpcDone', 'RpcError'] : [`${b}RpcResponse`, 'RpcError'],
    });
  }
  send.push({ name: '$/cancelRequest', title: '$/cancelRequest', summary: 'Cancels a request or a stream in flight.', call: 'RpcCancel', replies: [] });
  const channel: JsonSchema = {
    address,
    title: 'JSON-RPC 2.0 text frames (the `jsonrpc` subprotocol)',
    description: 'Every function as a JSON-RPC 2.0 method; batches are lists of requests, answered by a list.',
    servers: [server],
    bindings: { ws: { headers: { type: 'object', properties: { 'Sec-WebSocket-Protocol': { type: 'string', const: 'jsonrpc' } } }, bindingVersion: '0.1.0' } },
  };
  return channelOf('jsonrpc', channel, frames, send);
};

/** The Channels socket at `<base>/channels`: the seed's, DCRF's and the multiplexed forms. */
export const channelsChannel: ChannelBuilder = (functions, base, schemas, address, server) => {
  const envelope = (data: JsonSchema): JsonSchema => ({
    type: 'object',
    properties: {
      errors: { type: 'array', items: {} },
      data: { anyOf: [data, { type: 'null' }] },
      action: { oneOf: [{ type: 'string' }, { type: 'null' }] },
      response_status: { type: 'integer' },
      request_id: {},
    },
    required: ['errors', 'data', 'action', 'response_status', 'request_id'],
  });
  const frames: Record<string, { title: string; schema: JsonSchema }> = {
    ChannelsEnvelope: { title: 'DCRF’s answer envelope (a fault: `errors` and its status, `data` null)', schema: envelope({}) },
    ChannelsChange: {
      title: 'A subscribed change (DCRF)',
      schema: {
        type: 'object',
        properties: {
          action: { enum: ['create', 'update', 'delete', 'resync'] },
          errors: { type: 'array' },
          response_status: { type: 'integer' },
          request_id: {},
          data: {},
        },
        required: ['action', 'response_status', 'request_id'],
      },
    },
    ChannelsMultiplexed: {
      title: 'channels-api’s multiplexed request: the resource as the stream',
      schema: {
        type: 'object',
        properties: {
          stream: { type: 'string', description: 'The resource (its name or its plural path segment).' },
          payload: {
            type: 'object',
            properties: { action: { type: 'string' }, pk: {}, data: {}, request_id: {} },
            required: ['action'],
          },
        },
        required: ['stream', 'payload'],
      },
    },
    ChannelsMultiplexedReply: {
      title: 'channels-api’s multiplexed answer (or a subscribed change)',
      schema: { type: 'object', properties: { stream: { type: 'string' }, payload: { type: 'object' } }, required: ['stream', 'payload'] },
    },
    ChannelsSeedFault: {
      title: 'The seed form’s fault',
      schema: { type: 'object', properties: { errors: { type: 'array' }, response_status: { type: 'integer' } }, required: ['errors', 'response_status'] },
    },
  };
  const send: { name: string; title: string; summary: string; call: string; replies: string[] }[] = [];
  for (const fn of functions) {
    if (fn.path.length < 2) continue; // a resource's action: a function of a controller
    const b = base(fn);
    const item = fn.returns ? schemas.write(fn.returns) : { type: 'null' };
    if (!fn.def.stream) {
      frames[`${b}Action`] = {
        title: `${fn.name} in DCRF’s form`,
        schema: argsObject(fn, schemas, { action: { enum: [fn.name, fn.path[fn.path.length - 1]] }, request_id: {} }, ['action']),
      };
      frames[`${b}ActionReply`] = { title: `${fn.name}’s answer envelope`, schema: envelope(item) };
      send.push({
        name: `${fn.name}.dcrf`,
        title: fn.name,
        summary: fn.def.doc ?? fn.name,
        call: `${b}Action`,
        replies: [`${b}ActionReply`, 'ChannelsEnvelope'],
      });
    } else {
      frames[`${b}Subscribe`] = {
        title: `Subscribes with ${fn.name} (DCRF: action subscribe or subscribe_instance)`,
        schema: argsObject(
          fn,
          schemas,
          { action: { enum: ['subscribe', 'subscribe_instance', `${fn.path.slice(0, -1).join('.')}.subscribe`] }, request_id: {} },
          ['action', 'request_id'],
        ),
      };
      send.push({
        name: `${fn.name}.dcrf`,
        title: fn.name,
        summary: fn.def.doc ?? fn.name,
        call: `${b}Subscribe`,
        replies: ['ChannelsEnvelope', 'ChannelsChange'],
      });
    }
    frames[`${b}Seed`] = {
      title: `${fn.name} in the seed’s form: the fields beside "method"`,
      schema: { type: 'object', properties: { method: { const: fn.name } }, required: ['method'], additionalProperties: true },
    };
    frames[`${b}SeedReply`] = {
      title: `${fn.name}’s result, as it is`,
      schema: fn.def.stream ? { type: 'object', properties: { method: { const: fn.name } } } : item,
    };
    send.push({ name: `${fn.name}.seed`, title: fn.name, summary: fn.def.doc ?? fn.name, call: `${b}Seed`, replies: [`${b}SeedReply`, 'ChannelsSeedFault'] });
  }
  send.push({
    name: 'multiplexed',
    title: 'multiplexed',
    summary: 'Any resource action, multiplexed by stream.',
    call: 'ChannelsMultiplexed',
    replies: ['ChannelsMultiplexedReply'],
  });
  const channel: JsonSchema = {
    address,
    title: 'The Channels socket (JSON text frames)',
    description:
      'Channels API’s resources: the seed’s `method` form, DCRF’s `action` + `request_id` form and channels-api’s `stream` + `payload` form. `<address>/<resource>` names the resource of DCRF’s actions.',
    servers: [server],
  };
  return channelOf('channels', channel, frames, send);
};
