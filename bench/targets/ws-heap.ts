// Shared by the WebSocket bench targets: answers the parent's heap questions over IPC, so heap
// per idle socket is measured in the server's own process (run with --expose-gc).
export function answerHeapQuestions(connections: () => number): void {
  process.on('message', (msg) => {
    if (msg !== 'heap') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) gc?.();
    process.send?.({ heapUsed: process.memoryUsage().heapUsed, connections: connections(), gc: gc !== undefined });
  });
}
