export { channels, ChannelsEndpoint, type ChannelsOptions } from './endpoint.ts';
export { ChannelsSession } from './session.ts';
export { channelsFault, type ChannelsDialect } from './faults.ts';
