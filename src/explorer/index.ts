export { explorer, explorerEnabled, EXPLORER_PATH } from './explorer.ts';
export { explorerDescription } from './description.ts';
