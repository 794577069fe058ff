export { restxml, xmlFormat, encodeXmlFault, type RestXmlOptions } from './restxml.ts';
