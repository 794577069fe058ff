export { restjson, jsonFormat, encodeJsonFault, type RestJsonOptions } from './restjson.ts';
export { restFaults, type RestFault } from '../rest/faults.ts';
