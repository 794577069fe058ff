// The explorer page is served as a document of every API (`protocols/explorer/`), so that
// `createApp` can serve it by default; this is its public face.
export { explorer, explorerEnabled, EXPLORER_PATH } from '../protocols/explorer/explorer.ts';
export { explorerDescription } from '../protocols/explorer/description.ts';
