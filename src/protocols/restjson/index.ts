export { restjson, encodeJsonFault, type RestJsonOptions } from "./restjson.ts";
