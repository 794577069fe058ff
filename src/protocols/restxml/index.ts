export { restxml, encodeXmlFault, type RestXmlOptions } from './restxml.ts';
