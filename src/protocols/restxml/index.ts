export { restxml, xmlFormat, encodeXmlFault, type RestXmlOptions } from './restxml.ts';
export { restFaults, type RestFault } from '../rest/faults.ts';
