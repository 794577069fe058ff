/**
 * Reading a request envelope, namespace-correctly: whatever prefixes the client chose, the
 * Envelope, Header and Body are recognised by their namespace. Everything wrong with the
 * envelope itself becomes a fault the caller can act on, never an exception that escapes.
 */
import { echo } from '../../errors/echo.ts';
import { type ErrorCode, type SwitchboardError, sbError, toSwitchboardError } from '../../errors/index.ts';
import { type XmlElement, attr, parseXml } from '../../schema/xmltext.ts';
import type { EnvelopeHeads } from './envelope-heads.ts';
import type { EnvelopeFaultCode } from './fault.ts';
import { SOAP11, type SoapVersion, versionOfNamespace } from './version.ts';

/** A request's Body: its first element names the operation (document/literal wrapped). */
export interface SoapRequest {
  readonly body: XmlElement;
  readonly operation: XmlElement;
}

/** Why an envelope was refused: the error, and SOAP's own code when it is not Client/Server. */
export interface EnvelopeProblem {
  readonly error: SwitchboardError;
  readonly code?: EnvelopeFaultCode;
}

// SOAP 1.1's and 1.2's ways of saying "this header is for the receiver that gets the message last".
const NEXT_11 = 'http://schemas.xmlsoap.org/soap/actor/next';
const NEXT_12 = 'http://www.w3.org/2003/05/soap-envelope/role/next';
const ULTIMATE_12 = 'http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver';

const badEnvelope = (problem: string): EnvelopeProblem => ({ error: sbError('SB_SOAP_BAD_ENVELOPE', { problem }) });
const refuse = (error: ErrorCode, params: Record<string, unknown>, code?: EnvelopeFaultCode): EnvelopeProblem => ({ error: sbError(error, params), code });

/**
 * Parses the envelope text sent as `version` (from its content type); `heads`, the openings an
 * endpoint keeps receiving, makes it cheaper and changes nothing else.
 */
export function readEnvelope(text: string, version: SoapVersion, heads?: EnvelopeHeads): SoapRequest | EnvelopeProblem {
  let root: XmlElement;
  try {
    root = heads ? heads.parse(text) : parseXml(text);
  } catch (err) {
    return { error: toSwitchboardError(err) };
  }
  if (root.local !== 'Envelope') return refuse('SB_SOAP_NOT_ENVELOPE', { element: root.local });
  const sent = versionOfNamespace(root.ns);
  if (sent !== version) {
    const envelope = sent ? `a SOAP ${sent.name} envelope` : `an Envelope in the namespace "${echo(root.ns)}"`;
    return refuse('SB_SOAP_VERSION_MISMATCH', { envelope, version: version.name, type: version.mediaType }, 'VersionMismatch');
  }
  let header: XmlElement | undefined;
  let body: XmlElement | undefined;
  // SOAP 1.1 §4.1.1 and 1.2 part 1 §5.1: an optional Header, then one Body. 1.1 lets elements
  // of other namespaces follow the Body (they are ignored), 1.2 nothing at all.
  for (const c of root.children) {
    if (c.ns !== version.ns) {
      if (body && version !== SOAP11) return badEnvelope(`has <${echo(c.local)}> after the Body (SOAP ${version.name} allows nothing there)`);
      continue;
    }
    if (c.local === 'Header') {
      if (header) return badEnvelope('has two Header elements');
      if (body) return badEnvelope('has its Header after the Body');
      header = c;
    } else if (c.local === 'Body') {
      if (body) return badEnvelope('has two Body elements');
      body = c;
    } else return badEnvelope(`has <${echo(c.local)}>, which is not a Header or a Body`);
  }
  if (header) {
    const problem = checkHeaders(header, version);
    if (problem) return problem;
  }
  if (!body) return refuse('SB_SOAP_NO_BODY', {});
  const operation = body.children[0];
  if (!operation) return refuse('SB_SOAP_EMPTY_BODY', {});
  return { body, operation };
}

/** A header block addressed to us that must be understood is a MustUnderstand fault: we understand none. */
function checkHeaders(header: XmlElement, version: SoapVersion): EnvelopeProblem | undefined {
  for (const block of header.children) {
    const must = attr(block, version.ns, 'mustUnderstand');
    if (must !== '1' && must !== 'true') continue;
    const target = version === SOAP11 ? attr(block, version.ns, 'actor') : attr(block, version.ns, 'role');
    const forUs = target === undefined || target === '' || target === NEXT_11 || target === NEXT_12 || target === ULTIMATE_12;
    if (forUs) return refuse('SB_SOAP_MUST_UNDERSTAND', { header: `{${block.ns}}${block.local}` }, 'MustUnderstand');
  }
  return undefined;
}
