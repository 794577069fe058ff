import { generate } from './bench/edl.bench.ts';
import { compileEdl } from './src/idl/compile.ts';
import { edlModel } from './src/idl/model.ts';
import { emitTypeScript } from './src/idl/typescript.ts';
const n = Number(process.env.N ?? 1000);
const text = generate(n);
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const c = compileEdl({ path: 'bench.edl', text });
  const a = performance.now() - t;
  t = performance.now();
  edlModel(c.program);
  const b = performance.now() - t;
  t = performance.now();
  emitTypeScript(c.program, 'bench.edl');
  console.log(`compile ${a.toFixed(0)} model ${b.toFixed(0)} ts ${(performance.now() - t).toFixed(0)} ok=${c.ok}`);
}
