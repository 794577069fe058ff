/**
 * REST+XML (`restxml`), as WSME's page describes it: the REST protocol's routes and argument
 * forms, with XML bodies (`<parameters><id>1</id></parameters>`, any root name), a top
 * `<result>` element and `<error><faultcode/><faultstring/><debuginfo/><code/></error>` faults.
 * Types are written with the shared XML codec (`schema/xml.ts`).
 */
import { listedFields } from '../../errors/fields.ts';
import { type SwitchboardError, debugInfo } from '../../errors/index.ts';
import { xmlEncoder } from '../../schema/xml.ts';
import { type XmlElement, declaredEncoding, escapeXmlAttr, escapeXmlText, invalidXml, parseXml } from '../../schema/xmltext.ts';
import type { Protocol } from '../protocol.ts';
import type { RestFormat } from '../rest/format.ts';
import { restFaults } from '../rest/faults.ts';
import { restProtocol } from '../rest/protocol.ts';

/** Options of {@link restxml}. */
export interface RestXmlOptions {
  /** Maximum element nesting of a request body; deeper bodies are a Client fault. Default 100. */
  maxDepth?: number;
}

const XML_TYPES = ['text/xml', 'application/xml'] as const;
// Bodies are decoded as UTF-8 (of which ASCII is a subset); a document saying otherwise would be misread.
const READABLE = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

/** The REST+XML codec of the REST protocol. */
export function xmlFormat(options: RestXmlOptions = {}): RestFormat {
  const maxDepth = options.maxDepth ?? 100;
  return {
    name: 'restxml',
    suffix: '.xml',
    consumes: XML_TYPES,
    produces: XML_TYPES,
    contentType: 'text/xml; charset=utf-8',
    codec: 'xml',
    parser() {
      return (text) => {
        const encoding = declaredEncoding(text);
        if (encoding !== undefined && !READABLE.has(encoding)) throw invalidXml(text, `encoding ${encoding} is not supported; send UTF-8`, 0);
        return parseXml(text, { maxDepth });
      };
    },
    members(root, _fn, each) {
      for (const c of (root as XmlElement).children) each(c.local, c);
    },
    resultEncoder(fn) {
      const encode = xmlEncoder(fn.returns);
      return (v) => encode(v, 'result');
    },
    encodeFault: encodeXmlFault,
  };
}

/** The REST protocol answering in XML only (combined with `restjson()` into one REST protocol by `createApp`). */
export function restxml(options: RestXmlOptions = {}): Protocol {
  return restProtocol([xmlFormat(options)]);
}

/**
 * WSME's XML fault document (`debuginfo` holds the stack only in debug mode), then the stable
 * error `<code>` and, for a validation fault, `<fields><field path="…">message</field></fields>`
 * (the first 20).
 */
export function encodeXmlFault(err: SwitchboardError, debug: boolean): string {
  const faultcode = restFaults[err.kind].faultcode;
  const info = debug ? `<debuginfo>${escapeXmlText(debugInfo(err))}</debuginfo>` : '<debuginfo/>';
  const fields = listedFields(err);
  let more = '';
  if (fields) {
    for (const f of fields) more += `<field path="${escapeXmlAttr(String(f.path))}">${escapeXmlText(String(f.message))}</field>`;
    more = `<fields>${more}</fields>`;
  }
  return `<error><faultcode>${faultcode}</faultcode><faultstring>${escapeXmlText(err.message)}</faultstring>${info}<code>${escapeXmlText(err.code)}</code>${more}</error>`;
}
