// Shared by the WebSocket bench targets: answers the parent's questions over IPC, so heap per
// idle socket (run with --expose-gc) and CPU per call are measured in the server's own process.
export function answerHeapQuestions(connections: () => number): void {
  process.on('message', (msg) => {
    if (msg === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpu: user + system });
      return;
    }
    if (msg !== 'heap') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) gc?.();
    process.send?.({ heapUsed: process.memoryUsage().heapUsed, connections: connections(), gc: gc !== undefined });
  });
}
