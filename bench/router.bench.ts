/**
 * The REST router (src/protocols/rest/router.ts) against find-my-way, Fastify's router, on one
 * table of 1,000 routes — half static, half templates shaped like a real API's — and the same
 * lookups: static hits, parameter hits (one and two parameters) and misses. In process, no
 * server: each round times passes over a list of lookups and charges CPU ns per lookup;
 * the peers alternate rounds and are compared by the ratio of medians, as the other benchmarks are.
 */
import { createRequire } from 'node:module';
import { type RouteSpec, Router } from '../src/protocols/rest/router.ts';
import { alternate, median } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** Passes over the lookup list per round (each list holds 3,000 lookups). */
const PASSES = 60;
const RESOURCES = 250;

/** What the benchmark needs of find-my-way (a transitive dependency, through Fastify). */
interface FindMyWay {
  on(method: string, path: string, handler: () => void, store?: unknown): void;
  find(method: string, path: string): { store: unknown; params: Record<string, string | undefined> } | null;
}

type Lookup = readonly [method: string, path: string];
type Kind = 'mix' | 'static hit' | 'param hit' | 'miss';
type Peer = { readonly name: string; readonly run: (lookups: readonly Lookup[]) => number };

export default async function routerBench(): Promise<void> {
  // Four shapes per resource: two static, two templates.
  const templates: { verbs: string[]; path: string; fmw: string }[] = [];
  for (let i = 0; i < RESOURCES; i++) {
    const base = `/api/v1/res${i}`;
    templates.push({ verbs: ['GET', 'POST'], path: base, fmw: base });
    templates.push({ verbs: ['GET'], path: `${base}/search`, fmw: `${base}/search` });
    templates.push({ verbs: ['GET', 'PUT', 'DELETE'], path: `${base}/{id}`, fmw: `${base}/:id` });
    templates.push({ verbs: ['GET'], path: `${base}/{id}/items/{itemId}`, fmw: `${base}/:id/items/:itemId` });
  }
  const specs: RouteSpec<number>[] = templates.map((t, i) => ({ verbs: t.verbs, path: t.path, data: i, name: `r${i}` }));
  const ours = new Router(specs);

  const rand = prng(42);
  const pick = () => Math.floor(rand() * RESOURCES);
  const verb = (common: string, other: string) => (rand() < 0.75 ? common : other);
  const make: Record<Exclude<Kind, 'mix'>, () => Lookup> = {
    'static hit': () => (rand() < 0.5 ? [verb('GET', 'POST'), `/api/v1/res${pick()}`] : ['GET', `/api/v1/res${pick()}/search`]),
    'param hit': () =>
      rand() < 0.5 ? [verb('GET', 'PUT'), `/api/v1/res${pick()}/${pick() * 7919}`] : ['GET', `/api/v1/res${pick()}/u${pick()}/items/${pick()}`],
    // 404s only: find-my-way's find does not tell a 405 from a 404 (its 405 is a second step).
    miss: () => {
      const r = rand();
      return r < 0.33 ? ['GET', `/api/v2/res${pick()}`] : r < 0.66 ? ['GET', `/api/v1/res${pick()}/1/nothing`] : ['GET', `/api/v1/other${pick()}/1`];
    },
  };
  // Flat strings, as an HTTP parser hands them over (template literals build cons strings).
  const flat = (l: Lookup): Lookup => JSON.parse(JSON.stringify(l)) as Lookup;
  const lists = new Map<Kind, Lookup[]>();
  for (const kind of ['static hit', 'param hit', 'miss'] as const)
    lists.set(
      kind,
      Array.from({ length: 3000 }, () => flat(make[kind]())),
    );
  lists.set(
    'mix',
    shuffle([...lists.get('static hit')!.slice(0, 1000), ...lists.get('param hit')!.slice(0, 1000), ...lists.get('miss')!.slice(0, 1000)], rand),
  );

  const peers: Peer[] = [{ name: 'switchboard', run: (ls) => timeOurs(ours, ls) }];
  const fmw = loadFindMyWay();
  if (fmw) {
    const noop = () => {};
    templates.forEach((t, i) => {
      // find-my-way stores a falsy store as null: keep stores from zero.
      for (const v of t.verbs) fmw.on(v, t.fmw, noop, i + 1);
    });
    // Both routers must agree before their speed means anything.
    for (const ls of lists.values()) {
      for (const [m, p] of ls) {
        const a = ours.find(m, p);
        const b = fmw.find(m, p);
        const same =
          a.miss === undefined ? b !== null && b.store === a.data + 1 && JSON.stringify(a.params ?? {}) === JSON.stringify({ ...b.params }) : b === null;
        if (!same) throw new Error(`router bench: the peers disagree on ${m} ${p}`);
      }
    }
    peers.push({ name: 'find-my-way', run: (ls) => timeFmw(fmw, ls) });
  } else console.log('\n(find-my-way is not in node_modules: measuring the router alone)');

  console.log(`\n## router: ${specs.length} routes (${specs.filter((s) => s.path.includes('{')).length} templates), CPU ns per lookup, ${ROUNDS} rounds`);
  console.log(`${'lookups'.padEnd(12)} ${'peer'.padEnd(12)} ${'median ns'.padStart(10)} ${'× find-my-way'.padStart(14)}   rounds`);
  for (const [kind, ls] of lists) {
    for (const p of peers) for (let i = 0; i < 3; i++) p.run(ls); // warm-up: let the JIT settle
    const runs = await alternate(
      peers.map((p) => p.name),
      ROUNDS,
      async (name) => peers.find((p) => p.name === name)!.run(ls),
    );
    const base = runs.get('find-my-way');
    for (const [name, ns] of runs) {
      const m = median(ns);
      // Above 1 means fewer ns than find-my-way: its median over ours.
      const ratio = base ? (median(base) / m).toFixed(2) : '-';
      console.log(`${kind.padEnd(12)} ${name.padEnd(12)} ${m.toFixed(1).padStart(10)} ${ratio.padStart(14)}   ${ns.map((x) => x.toFixed(0)).join(' ')}`);
    }
  }
}

/** Counts hits into a result the caller keeps, so no lookup can be optimised away. */
let sink = 0;

function timeOurs(router: Router<number>, lookups: readonly Lookup[]): number {
  let hits = 0;
  const t0 = process.cpuUsage();
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < lookups.length; i++) {
      const r = router.find(lookups[i][0], lookups[i][1]);
      if (r.miss === undefined) hits += r.params === undefined ? 1 : 2;
    }
  }
  sink += hits;
  return nsPerLookup(t0, lookups.length);
}

function timeFmw(router: FindMyWay, lookups: readonly Lookup[]): number {
  let hits = 0;
  const t0 = process.cpuUsage();
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < lookups.length; i++) {
      const r = router.find(lookups[i][0], lookups[i][1]);
      if (r !== null) hits += 1;
    }
  }
  sink += hits;
  return nsPerLookup(t0, lookups.length);
}

/**
 * The process's CPU time since `t0`, in ns per lookup. CPU time rather than the clock: the
 * machine is shared, and other load stretches the clock, not the work (see lib.ts cpuMicros).
 */
function nsPerLookup(t0: NodeJS.CpuUsage, lookups: number): number {
  const d = process.cpuUsage(t0);
  return ((d.user + d.system) * 1000) / (PASSES * lookups);
}

function loadFindMyWay(): FindMyWay | undefined {
  try {
    const make = createRequire(import.meta.url)('find-my-way') as (opts: object) => FindMyWay;
    // Trailing slashes ignored, as the REST router ignores them.
    return make({ ignoreTrailingSlash: true });
  } catch {
    return undefined;
  }
}

/** A small seeded generator (mulberry32), so every run looks up the same paths. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<X>(xs: X[], rand: () => number): X[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

process.on('exit', () => {
  // Read once, so the engine must have computed it.
  if (sink === -1) console.log(sink);
});
