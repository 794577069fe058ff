export { FastifyServer, switchboard, type SwitchboardPluginOptions } from './plugin.ts';
export { FastifyMountedRequest } from './request.ts';
