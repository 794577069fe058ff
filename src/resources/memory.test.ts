import { changeLogConformance } from './change-log.conformance.ts';
import { memoryStore } from './memory.ts';
import { storeConformance } from './store.conformance.ts';

storeConformance('memory', async (spec) => memoryStore(spec));
changeLogConformance('memory', async (spec) => memoryStore(spec));
