/** SOAP 1.2: `application/soap+xml; action=…`, `soap:Sender`/`soap:Receiver` faults (see `soap.ts`). */
import type { Driver } from '../model.ts';
import { soapDriver } from './soap.ts';

export const soap12Driver = (): Driver => soapDriver('1.2');
