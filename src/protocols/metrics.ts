/**
 * Metrics in the Prometheus text format (opt-in): calls by API, function, protocol and outcome
 * (`ok` or the error's kind), their durations as histograms, the app's open streams, and gauges
 * an application or the CLI adds (open sockets and connections). Counting a call is a map lookup
 * and a few additions.
 */
import type { SbRequest, SbResponse } from '../runtime/http.ts';
import type { CallObserver } from '../runtime/observe.ts';

export interface MetricsOptions {
  /** Where the text is served (default `/metrics`). */
  path?: string;
  /** Histogram bucket bounds in seconds (default 1 ms to 10 s). */
  buckets?: readonly number[];
}

interface Series {
  readonly labels: string;
  /** Calls that succeeded (the common case, kept out of the map). */
  ok: number;
  /** Failed calls by the error's kind. */
  readonly faults: Map<string, number>;
  /** Calls per bucket (not cumulative: one increment a call; summed when scraped). */
  readonly counts: number[];
  sum: number;
  count: number;
}

interface Gauge {
  readonly help: string;
  /** Summed when scraped: several apps may share one `Metrics`, each with its own reader. */
  readonly reads: Set<() => number>;
}

type Handle = (req: SbRequest) => SbResponse | Promise<SbResponse>;

const DEFAULT_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** An app's metrics: give it as `createApp(root, { metrics })`. */
export class Metrics {
  readonly path: string;
  private readonly buckets: readonly number[];
  /** protocol → API → function → series. */
  private readonly series = new Map<string, Map<string, Map<string, Series>>>();
  private readonly gauges = new Map<string, Gauge>();

  /** The call observer that counts (createApp adds it). */
  readonly observer: CallObserver = (call) => {
    const series = this.seriesOf(call.api, call.name, call.protocol);
    const start = performance.now();
    return (outcome) => {
      const seconds = (performance.now() - start) / 1000;
      if (outcome.ok) series.ok++;
      else {
        const kind = outcome.error.kind;
        series.faults.set(kind, (series.faults.get(kind) ?? 0) + 1);
      }
      series.sum += seconds;
      series.count++;
      const b = this.buckets;
      let i = 0;
      while (i < b.length && seconds > b[i]!) i++;
      // Past the last bound: counted in +Inf only (count).
      if (i < b.length) series.counts[i]!++;
    };
  };

  /** The series of one function over one protocol: nested maps of strings the model already holds (no key built per call). */
  private seriesOf(api: string, name: string, protocol: string): Series {
    let byApi = this.series.get(protocol);
    if (!byApi) {
      byApi = new Map();
      this.series.set(protocol, byApi);
    }
    let byName = byApi.get(api);
    if (!byName) {
      byName = new Map();
      byApi.set(api, byName);
    }
    let s = byName.get(name);
    if (!s) {
      s = {
        labels: `api="${labelValue(api)}",function="${labelValue(name)}",protocol="${labelValue(protocol)}"`,
        ok: 0,
        faults: new Map(),
        counts: this.buckets.map(() => 0),
        sum: 0,
        count: 0,
      };
      byName.set(name, s);
    }
    return s;
  }

  constructor(options: MetricsOptions = {}) {
    this.path = options.path ?? '/metrics';
    this.buckets = [...(options.buckets ?? DEFAULT_BUCKETS)].sort((a, b) => a - b);
  }

  /**
   * A gauge read when the metrics are scraped, e.g. open sockets. Names must be Prometheus names.
   * Readers given under one name are summed (two apps sharing one `Metrics` each count their own
   * open streams); `dropGauge` takes one back.
   */
  gauge(name: string, help: string, read: () => number): this {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new TypeError(`not a Prometheus metric name: ${name}`);
    const g = this.gauges.get(name);
    if (g) g.reads.add(read);
    else this.gauges.set(name, { help, reads: new Set([read]) });
    return this;
  }

  /** Stops reading `read` for the gauge `name` (a closed app's); the gauge goes with its last reader. */
  dropGauge(name: string, read: () => number): void {
    const g = this.gauges.get(name);
    if (!g) return;
    g.reads.delete(read);
    if (g.reads.size === 0) this.gauges.delete(name);
  }

  /** The exposition text. */
  text(): string {
    const all = [...this.series.values()].flatMap((byApi) => [...byApi.values()].flatMap((byName) => [...byName.values()]));
    const out: string[] = [];
    out.push('# HELP switchboard_calls_total Calls by API, function, protocol and outcome (ok or the error kind).');
    out.push('# TYPE switchboard_calls_total counter');
    for (const s of all) {
      if (s.ok > 0) out.push(`switchboard_calls_total{${s.labels},outcome="ok"} ${s.ok}`);
      for (const [o, n] of s.faults) out.push(`switchboard_calls_total{${s.labels},outcome="${labelValue(o)}"} ${n}`);
    }
    out.push('# HELP switchboard_call_duration_seconds Time from the call path taking a call to its outcome.');
    out.push('# TYPE switchboard_call_duration_seconds histogram');
    for (const s of all) {
      if (s.count === 0) continue;
      let cumulative = 0;
      this.buckets.forEach((le, i) => {
        cumulative += s.counts[i]!;
        out.push(`switchboard_call_duration_seconds_bucket{${s.labels},le="${le}"} ${cumulative}`);
      });
      out.push(`switchboard_call_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      out.push(`switchboard_call_duration_seconds_sum{${s.labels}} ${s.sum}`);
      out.push(`switchboard_call_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    for (const [name, g] of this.gauges) {
      let sum = 0;
      for (const read of g.reads) sum += read();
      out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${sum}`);
    }
    return `${out.join('\n')}\n`;
  }

  /** `handle` with `GET <path>` answered. */
  wrap(handle: Handle): Handle {
    return (req) => {
      if (req.path !== this.path || (req.method !== 'GET' && req.method !== 'HEAD')) return handle(req);
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
        body: req.method === 'HEAD' ? null : this.text(),
      };
    };
  }
}

function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
