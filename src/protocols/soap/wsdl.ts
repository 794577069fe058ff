/**
 * The WSDL 1.1 document, generated from the model: document/literal wrapped, one port type,
 * a SOAP 1.1 and a SOAP 1.2 binding, and a service with a port for each. The address is the
 * only part that depends on the request, so the document is built once as a template.
 * Functions that stream (`stream: true`) are left out, and the document says so: SOAP always
 * refuses them, so a toolkit should not offer them.
 */
import type { Api, FunctionEntry } from '../../runtime/compile.ts';
import { escapeXmlAttr, escapeXmlText } from '../../schema/xmltext.ts';
import { XsdTypes, checkNcName } from '../../schema/xsd.ts';
import type { ResolvedSoapOptions } from './options.ts';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const SOAP11_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP12_BINDING_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const XS_NS = 'http://www.w3.org/2001/XMLSchema';
const HTTP_TRANSPORT = 'http://schemas.xmlsoap.org/soap/http';

/** The WSDL with a hole for the endpoint address: `before + address + middle + address + after`. */
export interface WsdlTemplate {
  readonly parts: readonly [string, string, string];
  /** Fills in the (unescaped) endpoint address. */
  render(address: string): string;
}

/** Names the binding and ports are given, from the service name. */
export function portNames(service: string) {
  return {
    portType: `${service}_PortType`,
    binding11: `${service}_Binding`,
    binding12: `${service}_Binding12`,
    port11: `${service}_Port`,
    port12: `${service}_Port12`,
  };
}

/** Builds the WSDL template for an API. Throws a TypeError for names XML cannot carry. */
export function wsdlTemplate(api: Api, ops: ReadonlyMap<FunctionEntry, string>, o: ResolvedSoapOptions): WsdlTemplate {
  const service = checkNcName(o.servicename, 'Service name');
  const names = portNames(service);
  const xsd = new XsdTypes({ xs: 'xs', tns: 'types' });
  const elements: string[] = [];
  const messages: string[] = [];
  const portOps: string[] = [];
  const ops11: string[] = [];
  const ops12: string[] = [];

  const streaming: string[] = [];
  for (const fn of api.functions) {
    if (fn.def.stream) {
      streaming.push(`${ops.get(fn)} (${fn.name})`);
      continue;
    }
    const op = checkNcName(ops.get(fn)!, 'Operation name');
    const args = fn.args.map((a) => xsd.element(a.name, a.schema, { optional: !a.required }));
    elements.push(wrapper(op, args));
    const result = fn.returns ? [xsd.element('result', fn.returns, { nillable: true, optional: true, doc: '' })] : [];
    elements.push(wrapper(`${op}Response`, result));
    messages.push(
      `<wsdl:message name="${op}Request"><wsdl:part name="parameters" element="types:${op}"/></wsdl:message>`,
      `<wsdl:message name="${op}Response"><wsdl:part name="parameters" element="types:${op}Response"/></wsdl:message>`,
    );
    const doc = fn.def.doc ? `<wsdl:documentation>${escapeXmlText(fn.def.doc)}</wsdl:documentation>` : '';
    portOps.push(`<wsdl:operation name="${op}">${doc}<wsdl:input message="tns:${op}Request"/><wsdl:output message="tns:${op}Response"/></wsdl:operation>`);
    ops11.push(bindingOperation('soap', op));
    ops12.push(bindingOperation('soap12', op));
  }

  const docText = api.root.doc ? `<wsdl:documentation>${escapeXmlText(api.root.doc)}</wsdl:documentation>` : '';
  const definitionsDoc = [api.root.doc, leftOut(streaming)].filter(Boolean).join('\n');
  const rootDoc = definitionsDoc && `\n  <wsdl:documentation>${escapeXmlText(definitionsDoc)}</wsdl:documentation>`;
  const tns = escapeXmlAttr(o.tns);
  const typens = escapeXmlAttr(o.typenamespace);
  const hole = '\u0000';
  const text = `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="${service}" targetNamespace="${tns}" xmlns:wsdl="${WSDL_NS}" xmlns:soap="${SOAP11_BINDING_NS}" xmlns:soap12="${SOAP12_BINDING_NS}" xmlns:xs="${XS_NS}" xmlns:tns="${tns}" xmlns:types="${typens}">${rootDoc}
  <wsdl:types>
    <xs:schema targetNamespace="${typens}" elementFormDefault="qualified" xmlns:xs="${XS_NS}" xmlns:types="${typens}">
${[...elements, ...xsd.definitions()].map((d) => `      ${d}`).join('\n')}
    </xs:schema>
  </wsdl:types>
${messages.map((m) => `  ${m}`).join('\n')}
  <wsdl:portType name="${names.portType}">
${portOps.map((m) => `    ${m}`).join('\n')}
  </wsdl:portType>
  <wsdl:binding name="${names.binding11}" type="tns:${names.portType}">
    <soap:binding style="document" transport="${HTTP_TRANSPORT}"/>
${ops11.map((m) => `    ${m}`).join('\n')}
  </wsdl:binding>
  <wsdl:binding name="${names.binding12}" type="tns:${names.portType}">
    <soap12:binding style="document" transport="${HTTP_TRANSPORT}"/>
${ops12.map((m) => `    ${m}`).join('\n')}
  </wsdl:binding>
  <wsdl:service name="${service}">${docText && `\n    ${docText}`}
    <wsdl:port name="${names.port11}" binding="tns:${names.binding11}"><soap:address location="${hole}"/></wsdl:port>
    <wsdl:port name="${names.port12}" binding="tns:${names.binding12}"><soap12:address location="${hole}"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
  const [a, b, c] = text.split(hole);
  return {
    parts: [a, b, c],
    render: (address) => {
      const at = escapeXmlAttr(address);
      return a + at + b + at + c;
    },
  };
}

/** The note on the functions this WSDL leaves out, or '' when it lists every function. */
function leftOut(streaming: readonly string[]): string {
  if (streaming.length === 0) return '';
  const which = streaming.length === 1 ? `${streaming[0]} streams its results` : `${streaming.join(', ')} stream their results`;
  return `Not in this WSDL: ${which}, which SOAP cannot carry; call ${streaming.length === 1 ? 'it' : 'them'} over a streaming protocol.`;
}

/** A wrapper element: `<xs:element name="personGet">` around a sequence of children. */
function wrapper(name: string, children: readonly string[]): string {
  return `<xs:element name="${name}"><xs:complexType><xs:sequence>${children.join('')}</xs:sequence></xs:complexType></xs:element>`;
}

function bindingOperation(prefix: 'soap' | 'soap12', op: string): string {
  return `<wsdl:operation name="${op}"><${prefix}:operation soapAction="${op}" style="document"/><wsdl:input><${prefix}:body use="literal"/></wsdl:input><wsdl:output><${prefix}:body use="literal"/></wsdl:output></wsdl:operation>`;
}
