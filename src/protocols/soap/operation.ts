/**
 * One compiled SOAP operation per function, made at bind time: its argument reader (the
 * operation element's children, through the one binder) and its response writer, whose
 * envelope text around the result is built once per SOAP version.
 */
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { xmlEncoder } from '../../schema/xml.ts';
import { XSI_NS, type XmlElement, escapeXmlAttr } from '../../schema/xmltext.ts';
import { operationNames } from './names.ts';
import { SOAP11, SOAP12, type SoapVersion } from './version.ts';

export interface SoapOperation {
  /** `personGet` */
  readonly name: string;
  readonly fn: FunctionEntry;
  /** The arguments carried by the operation element's children. Throws a Client error. */
  decode(el: XmlElement): Record<string, unknown>;
  /** The response envelope for a result. Throws a Server error when the value does not fit. */
  respond(v: SoapVersion, value: unknown): string;
}

/** Operations by name, for the functions of an API. */
export function compileOperations(api: Api, typens: string): Map<string, SoapOperation> {
  const out = new Map<string, SoapOperation>();
  for (const [fn, name] of operationNames(api.functions)) out.set(name, compileOperation(fn, name, typens));
  return out;
}

function compileOperation(fn: FunctionEntry, name: string, typens: string): SoapOperation {
  const decode = (el: XmlElement) => fn.binder.elements({}, el);
  // The wrapper declares the types namespace as default, so the codec writes bare names that
  // are qualified (elementFormDefault="qualified"), and binds `xsi` itself when the result holds
  // an `xsi:nil`, so the Body's content stands alone (it can be cut out and validated against the
  // WSDL's schema). Most results hold none: 54 bytes fewer on every such answer.
  const encode = fn.returns ? xmlEncoder(fn.returns, { nil: 'xsi' }) : undefined;
  const open = (v: SoapVersion, xsi: boolean) =>
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${v.ns}"><soap:Body><${name}Response xmlns="${escapeXmlAttr(typens)}"${xsi ? ` xmlns:xsi="${XSI_NS}"` : ''}>`;
  const close = `</${name}Response></soap:Body></soap:Envelope>`;
  const open11 = open(SOAP11, false);
  const open12 = open(SOAP12, false);
  const open11Nil = open(SOAP11, true);
  const open12Nil = open(SOAP12, true);
  return {
    name,
    fn,
    decode,
    respond(v, value) {
      const result = encode === undefined || value === undefined ? '' : encode(value, 'result');
      // A text that merely reads `xsi:nil=` (its quotes are not escaped) declares it for nothing.
      const nil = result.includes(NIL);
      return (v === SOAP11 ? (nil ? open11Nil : open11) : nil ? open12Nil : open12) + result + close;
    },
  };
}

/** What the encoder writes on a null element (`nil: 'xsi'`). */
const NIL = ' xsi:nil="true"';

/**
 * True when a SOAPAction (or SOAP 1.2 `action`) names this operation: exactly as the WSDL
 * writes it, or as a URI ending in `/op`, `#op` or `:op`, as toolkits often build it.
 */
export function actionMatches(action: string, op: string): boolean {
  if (action === op) return true;
  if (!action.endsWith(op) || action.length === op.length) return false;
  const sep = action.charCodeAt(action.length - op.length - 1);
  return sep === 47 || sep === 35 || sep === 58;
}
