import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync } from 'node:fs';
const doc = JSON.parse(readFileSync('/tmp/persons-openapi.json','utf8'));
console.log(astToString(await openapiTS(doc)));
