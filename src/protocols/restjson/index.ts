export { restjson, jsonFormat, encodeJsonFault, type RestJsonOptions } from "./restjson.ts";
