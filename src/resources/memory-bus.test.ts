import { busConformance, busReplayConformance } from './bus.conformance.ts';
import { memoryBus } from './memory-bus.ts';

let n = 0;
busConformance('in-process', async (logSize) => {
  const bus = memoryBus({ logSize });
  return { a: bus, b: bus, topic: `t${++n}`, close: () => bus.close() };
});
busReplayConformance('in-process', async (logSize) => {
  const bus = memoryBus({ logSize });
  return { a: bus, b: bus, topic: `r${++n}`, close: () => bus.close() };
});
