export { soap, type SoapOptions } from './soap.ts';
export { operationName } from './names.ts';
export { SOAP11_NS, SOAP12_NS } from './version.ts';
export { soapFaults, type SoapFault } from './faults.ts';
