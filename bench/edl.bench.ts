/**
 * The EDL compiler on a generated file: N entities (five attributes, a view), the five
 * standard abstract operations, and each entity extending all five in a REST domain — 1,000
 * entities and 5,000 operations, then ten times that. Timed: scan, parse and check
 * (`compileEdl`), then the model and the TypeScript. Goal: under 1 s for the first, and
 * linear (the 10× file within 12× the time). Medians of a few rounds; the machine is shared.
 */
import { compileEdl } from '../src/idl/compile.ts';
import { edlModel } from '../src/idl/model.ts';
import { emitTypeScript } from '../src/idl/typescript.ts';
import { median } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const ABSTRACT = `interface RestAPI {
  abstract operation GetById {
    D "Gets a $(entity.name) by its ID."
    config { context entity anEntity }
    request { method GET path "/api/$(entity.name|domain)/{id}" { param int64 id } }
    response { body { view Full domain DTO } status OK status NOT_FOUND }
  }
  abstract operation GetObjects {
    config { context entity anEntity argument view returningView argument int32 defaultLimit = 20 }
    request { method GET path "/api/$(entity.name|domain)" { query param int32 limit = defaultLimit query param int32 offset = 0 } }
    response { body { view returningView domain DTO many } status OK }
  }
  abstract operation Create {
    config { context entity anEntity }
    request { method POST path "/api/$(entity.name|domain)" body { view Create } }
    response { body { view Full domain DTO } status CREATED }
  }
  abstract operation Update {
    config { context entity anEntity }
    request { method PUT path "/api/$(entity.name|domain)/{id}" { param int64 id } body { view Create } }
    response { body { view Full domain DTO } status OK status 404 }
  }
  abstract operation Delete {
    config { context entity anEntity }
    request { method DELETE path "/api/$(entity.name|domain)/{id}" { param int64 id } }
    response { status NO_CONTENT status NOT_FOUND }
  }
}
domain DTO { view Full { D "Every attribute." } }
`;

/** A file of `n` entities, each extending the five operations. */
export function generate(n: number): string {
  const parts = [ABSTRACT];
  const domain = ['domain RestDomain {\n  naming entity { method dashesLowercase }'];
  for (let i = 0; i < n; i++) {
    const e = `Thing${i}Record`;
    parts.push(`entity ${e} {
  D "Entity number ${i}."
  primarykey int64 id
  attributes { string name { D "Its name." } optional string note int32 count creation date added boolean active }
  view Create { exclude primarykey attributes { exclude (added) } }
  view Short { attributes { include (name, count) } }
}
`);
    domain.push(`  entity ${e} { interface RestAPI {
    operation Get${e} extends GetById { }
    operation List${e} extends GetObjects { config { returningView = Short } request { path inherited { query param boolean sorted } } }
    operation Create${e} extends Create { }
    operation Update${e} extends Update { }
    operation Delete${e} extends Delete { }
  } }`);
  }
  domain.push('}\n');
  return parts.join('') + domain.join('\n');
}

function time(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export default async function edlBench(): Promise<void> {
  console.log('\n## EDL compiler (generated file: N entities, 5N operations)');
  const results: { n: number; compile: number; emit: number }[] = [];
  for (const n of [1000, 10000]) {
    const text = generate(n);
    const compile: number[] = [];
    const emit: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let compiled: ReturnType<typeof compileEdl> | undefined;
      compile.push(time(() => (compiled = compileEdl({ path: 'bench.edl', text }))));
      if (!compiled?.ok || compiled.program.operations.length !== 5 * n) throw new Error(`bench file does not compile: ${compiled?.diagnostics[0]?.message}`);
      const program = compiled.program;
      emit.push(
        time(() => {
          edlModel(program);
          emitTypeScript(program, 'bench.edl');
        }),
      );
    }
    const row = { n, compile: median(compile), emit: median(emit) };
    results.push(row);
    console.log(
      `${String(n).padStart(6)} entities, ${String(5 * n).padStart(6)} operations, ${(text.length / 1e6).toFixed(1)} MB: compile ${row.compile.toFixed(0)} ms, model + TypeScript ${row.emit.toFixed(0)} ms (median of ${ROUNDS})`,
    );
  }
  const [small, big] = results;
  const ratio = (big.compile + big.emit) / (small.compile + small.emit);
  console.log(
    `10× the file: ${ratio.toFixed(1)}× the time (goal: within 12×); 1,000 entities: ${(small.compile + small.emit).toFixed(0)} ms (goal: under 1,000 ms)`,
  );
}
