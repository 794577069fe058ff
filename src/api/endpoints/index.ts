export { type AuthLevel, type EndpointConfig, type IssuerConfig, AUTH_LEVELS, parseEndpointYaml, readEndpointFile, checkEndpointConfig } from './config.ts';
export { serviceName } from './naming.ts';
export { autoMethod, methodSpec, type AutoMethodOptions, type AccessOptions, type MethodArgs, type Param, type Params } from './method.ts';
export { Service, type ServiceClass, type ServiceOptions, type AutoService } from './service.ts';
export { Endpoint, Endpoints, createEndpoints, endpoints, autoService, type EndpointApisOptions } from './registry.ts';
export { endpointBasePath } from './build.ts';
export { scanApp, loadApp, type Discovered } from './discover.ts';
