/**
 * The WSDL per endpoint address. The document is generated once (on first request, so a name
 * XML cannot carry fails the WSDL, not the whole app); each address only fills in the
 * template. The address comes from the `baseUrl` option or is the request's public base URL
 * (`public-url.ts`: its Host, mount path and, when trusted, proxy headers); since those are the
 * client's to choose, the cache is small and bounded, keyed by the whole address.
 */
import type { Api } from '../../runtime/compile.ts';
import type { SbRequest } from '../../runtime/http.ts';
import { type AddressedRequest, type TrustProxy, publicBase } from '../public-url.ts';
import { operationNames } from './names.ts';
import type { ResolvedSoapOptions } from './options.ts';
import { type WsdlTemplate, wsdlTemplate } from './wsdl.ts';

const MAX_ADDRESSES = 16;

export class WsdlCache {
  private template: WsdlTemplate | undefined;
  private readonly byAddress = new Map<string, string>();

  constructor(
    private readonly api: Api,
    private readonly options: ResolvedSoapOptions,
    private readonly trust: TrustProxy = undefined,
  ) {}

  /** How many addresses have their WSDL cached. */
  get size(): number {
    return this.byAddress.size;
  }

  /** The WSDL for this request's address. Throws a TypeError for names XML cannot carry. */
  get(req: SbRequest): string {
    const address = this.options.baseUrl ?? requestAddress(req, this.api.webpath, this.trust);
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

/** The endpoint address for a request: `http://host:port/<mount>/<webpath>` (see `public-url.ts`). */
export function requestAddress(req: AddressedRequest, webpath: string, trust?: TrustProxy): string {
  return publicBase(req, webpath, trust);
}
