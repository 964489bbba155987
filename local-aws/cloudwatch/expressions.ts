/**
 * A small subset of CloudWatch metric math:
 *   numbers, query ids, + - * / ^, unary minus, parentheses, arrays `[m1, m2]`, and the functions
 *   SUM AVG MIN MAX (array → time series point-wise; single series → scalar), ABS CEIL FLOOR,
 *   FILL(x, number), DIFF, RATE, PERIOD, METRICS() / METRICS("substring").
 * Arithmetic between two series keeps only timestamps present in both (use FILL for the rest); non-finite
 * results (division by zero) are dropped.
 */
import { invalidParameterValue } from './errors';
import type { TimeSeries } from './metric-query';

export type Value = number | TimeSeries | TimeSeries[];

type Node =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'id'; id: string }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'arr'; items: Node[] }
  | { k: 'call'; fn: string; args: Node[] };

export type ExpressionContext = {
  resolve(id: string): TimeSeries;
  metrics(filter?: string): TimeSeries[];
  /** All period starts of the query window for a period (used by FILL). */
  grid(period: number): number[];
};

const fail = (expr: string, why: string) => invalidParameterValue(`Error in expression '${expr}': ${why}`);

function tokenize(src: string): string[] {
  const re = /\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|"[^"]*"|[-+*/^()[\],])/y;
  const out: string[] = [];
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m || m[1] === undefined) throw fail(src, `Unrecognized token at position ${pos}.`);
    out.push(m[1]);
    pos = re.lastIndex;
  }
  return out;
}

export function parseExpression(src: string): Node {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const take = (want?: string) => {
    const t = toks[i];
    if (t === undefined || (want !== undefined && t !== want)) {
      throw fail(src, want ? `Expected '${want}'${t ? ` but found '${t}'` : ''}.` : 'Unexpected end of expression.');
    }
    i++;
    return t;
  };
  const expr = (): Node => {
    let a = term();
    while (peek() === '+' || peek() === '-') { const op = take(); a = { k: 'bin', op, a, b: term() }; }
    return a;
  };
  const term = (): Node => {
    let a = unary();
    while (peek() === '*' || peek() === '/') { const op = take(); a = { k: 'bin', op, a, b: unary() }; }
    return a;
  };
  const unary = (): Node => {
    if (peek() === '-') { take(); return { k: 'neg', a: unary() }; }
    if (peek() === '+') { take(); return unary(); }
    const base = primary();
    if (peek() === '^') { take(); return { k: 'bin', op: '^', a: base, b: unary() }; }
    return base;
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    if (peek() !== close) {
      items.push(expr());
      while (peek() === ',') { take(); items.push(expr()); }
    }
    take(close);
    return items;
  };
  const primary = (): Node => {
    const t = take();
    if (t === '(') { const e = expr(); take(')'); return e; }
    if (t === '[') return { k: 'arr', items: list(']') };
    if (t.startsWith('"')) return { k: 'str', v: t.slice(1, -1) };
    if (/^[\d.]/.test(t)) return { k: 'num', v: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '(') { take(); return { k: 'call', fn: t.toUpperCase(), args: list(')') }; }
      return { k: 'id', id: t };
    }
    throw fail(src, `Unexpected token '${t}'.`);
  };
  const root = expr();
  if (i !== toks.length) throw fail(src, `Unexpected token '${toks[i]}'.`);
  return root;
}

/** Ids an expression refers to (for dependency ordering). */
export function referencedIds(node: Node): string[] {
  switch (node.k) {
    case 'id': return [node.id];
    case 'neg': return referencedIds(node.a);
    case 'bin': return [...referencedIds(node.a), ...referencedIds(node.b)];
    case 'arr': return node.items.flatMap(referencedIds);
    case 'call': return node.args.flatMap(referencedIds);
    default: return [];
  }
}

export function usesMetricsFunction(node: Node): boolean {
  switch (node.k) {
    case 'call': return node.fn === 'METRICS' || node.args.some(usesMetricsFunction);
    case 'neg': return usesMetricsFunction(node.a);
    case 'bin': return usesMetricsFunction(node.a) || usesMetricsFunction(node.b);
    case 'arr': return node.items.some(usesMetricsFunction);
    default: return false;
  }
}

const isSeries = (v: Value): v is TimeSeries => typeof v === 'object' && !Array.isArray(v);

function mapSeries(s: TimeSeries, f: (v: number, i: number) => number): TimeSeries {
  const out: TimeSeries = { t: [], v: [], period: s.period };
  s.v.forEach((v, i) => {
    const r = f(v, i);
    if (Number.isFinite(r)) { out.t.push(s.t[i] as number); out.v.push(r); }
  });
  return out;
}

const OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '^': (a, b) => a ** b,
};

function binary(src: string, op: string, a: Value, b: Value): Value {
  const f = OPS[op] as (a: number, b: number) => number;
  if (Array.isArray(a)) {
    if (Array.isArray(b)) throw fail(src, 'Arithmetic between two arrays of time series is not supported.');
    return a.map((s) => binary(src, op, s, b) as TimeSeries);
  }
  if (Array.isArray(b)) return b.map((s) => binary(src, op, a, s) as TimeSeries);
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  if (typeof b === 'number') return mapSeries(a as TimeSeries, (v) => f(v, b));
  if (typeof a === 'number') return mapSeries(b, (v) => f(a, v));
  const index = new Map<number, number>();
  b.t.forEach((t, i) => index.set(t, b.v[i] as number));
  const out: TimeSeries = { t: [], v: [], period: Math.max(a.period, b.period) };
  a.t.forEach((t, i) => {
    const bv = index.get(t);
    if (bv === undefined) return;
    const r = f(a.v[i] as number, bv);
    if (Number.isFinite(r)) { out.t.push(t); out.v.push(r); }
  });
  return out;
}

const REDUCERS: Record<string, (xs: number[]) => number> = {
  SUM: (xs) => xs.reduce((s, x) => s + x, 0),
  AVG: (xs) => xs.reduce((s, x) => s + x, 0) / xs.length,
  MIN: (xs) => Math.min(...xs),
  MAX: (xs) => Math.max(...xs),
};

function reduce(src: string, fn: string, arg: Value): Value {
  const r = REDUCERS[fn] as (xs: number[]) => number;
  if (typeof arg === 'number') return arg;
  if (isSeries(arg)) return arg.v.length ? r(arg.v) : NaN;
  const byT = new Map<number, number[]>();
  for (const s of arg) s.t.forEach((t, i) => {
    const list = byT.get(t);
    if (list) list.push(s.v[i] as number); else byT.set(t, [s.v[i] as number]);
  });
  const out: TimeSeries = { t: [], v: [], period: Math.max(60, ...arg.map((s) => s.period)) };
  for (const t of [...byT.keys()].sort((x, y) => x - y)) { out.t.push(t); out.v.push(r(byT.get(t) as number[])); }
  return out;
}

export function evaluate(src: string, node: Node, ctx: ExpressionContext): Value {
  const ev = (n: Node) => evaluate(src, n, ctx);
  const perSeries = (v: Value, f: (s: TimeSeries) => TimeSeries): Value =>
    typeof v === 'number' ? v : Array.isArray(v) ? v.map(f) : f(v);
  switch (node.k) {
    case 'num': return node.v;
    case 'str': throw fail(src, 'A string is only allowed as the argument of METRICS().');
    case 'id': return ctx.resolve(node.id);
    case 'neg': return binary(src, '*', ev(node.a), -1);
    case 'bin': return binary(src, node.op, ev(node.a), ev(node.b));
    case 'arr': {
      const items = node.items.map(ev).flatMap((v) => (Array.isArray(v) ? v : [v]));
      if (items.some((v) => typeof v === 'number')) throw fail(src, 'Arrays may only contain time series.');
      return items as TimeSeries[];
    }
    case 'call': {
      const { fn, args } = node;
      const arity = (n: number) => { if (args.length !== n) throw fail(src, `${fn} takes ${n} argument(s).`); };
      if (fn === 'METRICS') {
        if (args.length > 1 || (args[0] && args[0].k !== 'str')) throw fail(src, 'METRICS takes an optional string.');
        return ctx.metrics(args[0]?.k === 'str' ? args[0].v : undefined);
      }
      arity(fn === 'FILL' ? 2 : 1);
      const a = ev(args[0] as Node);
      switch (fn) {
        case 'SUM': case 'AVG': case 'MIN': case 'MAX': return reduce(src, fn, a);
        case 'ABS': return typeof a === 'number' ? Math.abs(a) : perSeries(a, (s) => mapSeries(s, Math.abs));
        case 'CEIL': return typeof a === 'number' ? Math.ceil(a) : perSeries(a, (s) => mapSeries(s, Math.ceil));
        case 'FLOOR': return typeof a === 'number' ? Math.floor(a) : perSeries(a, (s) => mapSeries(s, Math.floor));
        case 'PERIOD': {
          if (typeof a === 'number') throw fail(src, 'PERIOD takes a time series.');
          return Array.isArray(a) ? (a[0]?.period ?? 60) : a.period;
        }
        case 'DIFF': case 'RATE':
          return perSeries(a, (s) => {
            const out: TimeSeries = { t: [], v: [], period: s.period };
            for (let i = 1; i < s.t.length; i++) {
              const d = (s.v[i] as number) - (s.v[i - 1] as number);
              const dt = (s.t[i] as number) - (s.t[i - 1] as number);
              out.t.push(s.t[i] as number);
              out.v.push(fn === 'DIFF' ? d : d / dt);
            }
            return out;
          });
        case 'FILL': {
          const fillNode = args[1] as Node;
          const fill = ev(fillNode);
          if (typeof fill !== 'number') throw fail(src, 'Only a numeric fill value is supported by FILL.');
          return perSeries(a, (s) => {
            const have = new Map<number, number>();
            s.t.forEach((t, i) => have.set(t, s.v[i] as number));
            const out: TimeSeries = { t: [], v: [], period: s.period };
            for (const t of ctx.grid(s.period)) { out.t.push(t); out.v.push(have.get(t) ?? fill); }
            return out;
          });
        }
      }
      throw fail(src, `Unsupported function ${fn}.`);
    }
  }
}
