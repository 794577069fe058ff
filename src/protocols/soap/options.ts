/** The `soap` protocol's options and their defaults. */
import type { RootDef } from '../../api/root.ts';

export interface SoapOptions {
  /** The WSDL's target namespace (messages, port type, bindings, service). Default `urn:<root name>`. */
  tns?: string;
  /** The namespace of the XML Schema types and wrapper elements. Default `<tns>:types` (`<tns>/types` for URLs). */
  typenamespace?: string;
  /** The WSDL service's name. Default: the root's name. */
  servicename?: string;
  /**
   * The endpoint address written in `soap:address`, e.g. `https://api.example.com/ws`.
   * Default: each request's public base URL — its `Host` (and `X-Forwarded-Proto`), the mount
   * path and the webpath; see `public-url.ts` and the app's `trustProxy`.
   */
  baseUrl?: string;
}

export interface ResolvedSoapOptions {
  readonly tns: string;
  readonly typenamespace: string;
  readonly servicename: string;
  readonly baseUrl: string | undefined;
}

export function resolveOptions(root: RootDef, o: SoapOptions): ResolvedSoapOptions {
  const tns = o.tns ?? `urn:${encodeURIComponent(root.name)}`;
  return {
    tns,
    typenamespace: o.typenamespace ?? (tns.startsWith('urn:') ? `${tns}:types` : `${tns}/types`),
    servicename: o.servicename ?? (root.name.replace(/[^\w.-]/g, '_').replace(/^(?=[\d.-])/, '_') || 'api'),
    baseUrl: o.baseUrl?.replace(/\/+$/, ''),
  };
}
