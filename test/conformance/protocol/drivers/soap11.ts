/** SOAP 1.1: `text/xml` with `SOAPAction`, `soap:Client`/`soap:Server` faults (see `soap.ts`). */
import type { Driver } from '../model.ts';
import { soapDriver } from './soap.ts';

export const soap11Driver = (): Driver => soapDriver('1.1');
