/**
 * The WSDL per endpoint address. The document is generated once (on first request, so a name
 * XML cannot carry fails the WSDL, not the whole app); each address only fills in the
 * template. The address comes from the `baseUrl` option or from the request's `Host` and
 * `X-Forwarded-Proto`; since those are the client's to choose, the cache is small and bounded.
 */
import type { Api } from '../../runtime/compile.ts';
import type { SbRequest } from '../../runtime/http.ts';
import { operationNames } from './names.ts';
import type { ResolvedSoapOptions } from './options.ts';
import { type WsdlTemplate, wsdlTemplate } from './wsdl.ts';

const MAX_ADDRESSES = 16;
const HOST = /^[A-Za-z0-9._~%!$&'()*+,;=:[\]-]{1,255}$/;

export class WsdlCache {
  private template: WsdlTemplate | undefined;
  private readonly byAddress = new Map<string, string>();

  constructor(
    private readonly api: Api,
    private readonly options: ResolvedSoapOptions,
  ) {}

  /** How many addresses have their WSDL cached. */
  get size(): number {
    return this.byAddress.size;
  }

  /** The WSDL for this request's address. Throws a TypeError for names XML cannot carry. */
  get(req: SbRequest): string {
    const address = this.options.baseUrl ?? requestAddress(req, this.api.webpath);
    let text = this.byAddress.get(address);
    if (text === undefined) {
      this.template ??= wsdlTemplate(this.api, operationNames(this.api.functions), this.options);
      text = this.template.render(address);
      if (this.byAddress.size >= MAX_ADDRESSES) this.byAddress.delete(this.byAddress.keys().next().value!);
      this.byAddress.set(address, text);
    }
    return text;
  }
}

/** `http://host:port/webpath` from the request (X-Forwarded-Proto honoured when http/https). */
export function requestAddress(req: SbRequest, webpath: string): string {
  const proto = req.header('x-forwarded-proto')?.split(',')[0].trim().toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : 'http';
  const host = req.header('host');
  return `${scheme}://${host && HOST.test(host) ? host : 'localhost'}${webpath || '/'}`;
}
