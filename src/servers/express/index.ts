export { ExpressServer, switchboard, type SwitchboardMiddleware } from './middleware.ts';
export { ExpressRequest } from './request.ts';
