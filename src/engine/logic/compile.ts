import type { Issue } from '../errors';
import { CUSTOM_OPERATORS } from './custom-operators';
import { readPath, splitPath, unsafeSegment } from './paths';
import { truthy } from './truthy';

/**
 * JSON Logic compiled once into a tree of closures: no `eval`, no `new Function`. Semantics are
 * json-logic-js's (the reference; a test checks every bundled rule against it), with three
 * differences that make rule files safe to load from elsewhere:
 * - only the operators listed in {@link ALLOWED_OPERATORS} exist (no `method`, no `log`);
 * - a `var` path is a literal and never contains `__proto__`, `constructor` or `prototype`, and
 *   reading follows only the data's own properties;
 * - an object in a rule must be an operator with exactly one key (json-logic-js would pass any
 *   other object through as data; here it is a ruleset error).
 */
export type CompiledLogic = (data: unknown, scope: EvaluationScope) => unknown;

/** What a compiled expression may read besides its data. */
export interface EvaluationScope {
  /** The value of a parameter in force (or overridden) for this decision. */
  param(id: string): unknown;
  /** The value of a parameter on a stated date (only parameter formulas may ask; see `allowParamOn`). */
  paramOn?(id: string, date: string): unknown;
  /** A named value of the rule being evaluated (see a rule's `values`). */
  value(name: string): unknown;
  /**
   * The value of an expression that reads parameters and nothing else (`raw`, the same each time
   * for one set of parameters): a decision may compute it once and reuse it, provided it reads the
   * same parameters. `key` identifies the expression. Without it `raw` is evaluated each time.
   */
  constant?(key: CompiledLogic, raw: CompiledLogic): unknown;
}

export interface CompileOptions {
  /** Deepest nesting allowed (default 64). */
  maxDepth?: number;
  /** Most operator and literal nodes allowed in one expression (default 10,000). */
  maxNodes?: number;
  /** Checks a parameter id named by `param`; returns a problem, or undefined when it may be read. */
  checkParam?: (id: string) => string | undefined;
  /** Whether `{"param": ["id", "YYYY-MM-DD"]}` (a parameter on a stated date) is allowed: parameter formulas only. */
  allowParamOn?: boolean;
  /** Names `value` may read; when absent, `value` is not allowed. */
  valueNames?: ReadonlySet<string>;
}

/**
 * Operators of json-logic-js that rules may use.
 *
 * @example
 * ```ts
 * STANDARD_OPERATORS.includes('if'); // true
 * ```
 */
export const STANDARD_OPERATORS = [
  'var', 'missing', 'missing_some',
  'if', '?:', 'and', 'or', '!', '!!',
  '==', '===', '!=', '!==', '<', '<=', '>', '>=',
  '+', '-', '*', '/', '%', 'min', 'max',
  'cat', 'substr', 'in', 'merge',
  'map', 'filter', 'reduce', 'all', 'none', 'some',
] as const;

/**
 * Every operator a rule may use: json-logic-js's standard ones, ours, `param` and `value`.
 *
 * @example
 * ```ts
 * ALLOWED_OPERATORS.includes('dec<'); // true
 * ALLOWED_OPERATORS.includes('method'); // false
 * ```
 */
export const ALLOWED_OPERATORS: readonly string[] = [
  ...STANDARD_OPERATORS,
  ...Object.keys(CUSTOM_OPERATORS),
  'param',
  'value',
];

type Impl = (...args: unknown[]) => unknown;

const EAGER: ReadonlyMap<string, Impl> = new Map<string, Impl>([
  ['==', (a, b) => a == b],
  ['===', (a, b) => a === b],
  ['!=', (a, b) => a != b],
  ['!==', (a, b) => a !== b],
  ['>', (a, b) => (a as number) > (b as number)],
  ['>=', (a, b) => (a as number) >= (b as number)],
  ['<', (a, b, c) => (c === undefined ? (a as number) < (b as number) : (a as number) < (b as number) && (b as number) < (c as number))],
  ['<=', (a, b, c) => (c === undefined ? (a as number) <= (b as number) : (a as number) <= (b as number) && (b as number) <= (c as number))],
  ['!!', (a) => truthy(a)],
  ['!', (a) => !truthy(a)],
  ['%', (a, b) => (a as number) % (b as number)],
  ['+', (...xs) => xs.reduce<number>((acc, x) => acc + parseFloat(x as string), 0)],
  ['*', (...xs) => {
    if (xs.length === 0) throw new TypeError('* needs at least one argument');
    return xs.reduce((acc, x) => parseFloat(acc as string) * parseFloat(x as string));
  }],
  ['-', (a, b) => (b === undefined ? -(a as number) : (a as number) - (b as number))],
  ['/', (a, b) => (a as number) / (b as number)],
  ['min', (...xs) => Math.min(...(xs as number[]))],
  ['max', (...xs) => Math.max(...(xs as number[]))],
  ['cat', (...xs) => xs.join('')],
  ['substr', (source, start, end) => {
    // String.prototype.substr, exactly as json-logic-js (negative start counts from the end).
    const s = String(source) as unknown as { substr(from: number, length?: number): string };
    if ((end as number) < 0) {
      const tail = s.substr(start as number) as unknown as { substr(from: number, length?: number): string; length: number };
      return tail.substr(0, tail.length + (end as number));
    }
    return s.substr(start as number, end as number | undefined);
  }],
  ['in', (a, b) => {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf !== 'function') return false;
    return (b as { indexOf(x: unknown): number }).indexOf(a) !== -1;
  }],
  ['merge', (...xs) => xs.reduce<unknown[]>((acc, x) => acc.concat(x), [])],
  ...Object.entries(CUSTOM_OPERATORS),
]);

/** json-logic-js `missing`: the keys whose value is null, absent or "". */
function missing(data: unknown, args: unknown[]): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const out: unknown[] = [];
  for (const key of keys) {
    const v = readPath(data, splitPath(key as string), null);
    if (v === null || v === '') out.push(key);
  }
  return out;
}

/**
 * Operators whose result is always a boolean. `and`/`or` over such operands need no
 * truthiness test and return a boolean themselves, so they compile to plain `&&`/`||` chains
 * (the same result as json-logic-js, which returns the deciding operand).
 */
const BOOLEAN_OPS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '!', '!!', 'in', 'all', 'none', 'some', 'dec<', 'dec<=', 'dec>', 'dec>=', 'dec==', 'dec-agrees']);

const CONTROL = new Set(['var', 'if', '?:', 'and', 'or', 'map', 'filter', 'reduce', 'all', 'none', 'some', 'param', 'value', 'missing', 'missing_some']);

/**
 * Compiles a JSON Logic expression. Problems (unknown operators, unsafe paths, too deep) are
 * added to `issues` with their path under `at`; the returned function is then not to be used.
 */
export function compileLogic(
  logic: unknown,
  at: ReadonlyArray<string | number>,
  issues: Issue[],
  options: CompileOptions = {},
): CompiledLogic {
  const maxDepth = options.maxDepth ?? 64;
  const maxNodes = options.maxNodes ?? 10_000;
  let nodes = 0;
  let tooBig = false;
  /** What each raw node reads (see readsOnlyParameters). */
  const purity = new WeakMap<object, Reads>();
  /** Compiled nodes known to return a boolean. */
  const booleans = new WeakSet<CompiledLogic>();
  const bool = (f: CompiledLogic): CompiledLogic => {
    booleans.add(f);
    return f;
  };

  function fail(path: ReadonlyArray<string | number>, message: string): CompiledLogic {
    issues.push({ path, message });
    return () => undefined;
  }

  function compile(node: unknown, path: ReadonlyArray<string | number>, depth: number): CompiledLogic {
    nodes++;
    if (nodes > maxNodes) {
      if (!tooBig) issues.push({ path: at, message: `expression has more than ${maxNodes} nodes` });
      tooBig = true;
      return () => undefined;
    }
    if (depth > maxDepth) return fail(path, `expression nested deeper than ${maxDepth} levels`);
    if (typeof node === 'boolean') return bool(() => node);
    if (node === null || typeof node === 'string') return () => node;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return fail(path, 'numbers must be finite');
      return () => node;
    }
    if (Array.isArray(node)) {
      const items = node.map((n, i) => compile(n, [...path, i], depth + 1));
      // An array of literals is built once (operators never mutate their arguments).
      if (node.every((n) => n === null || typeof n !== 'object')) {
        const constant = [...(node as unknown[])];
        return () => constant;
      }
      return (d, s) => items.map((f) => f(d, s));
    }
    if (typeof node !== 'object') return fail(path, `unsupported value of type ${typeof node}`);
    const keys = Object.keys(node);
    if (keys.length !== 1) return fail(path, `an object in a rule must have exactly one operator key, found ${keys.length}`);
    const op = keys[0]!;
    const raw = (node as Record<string, unknown>)[op];
    const argNodes: unknown[] = Array.isArray(raw) ? raw : [raw];
    const opPath = [...path, op];
    if (!CONTROL.has(op) && !EAGER.has(op)) {
      return fail(opPath, `unknown or disallowed operator '${op}' (allowed: ${ALLOWED_OPERATORS.join(' ')})`);
    }
    let compiled = compileOperator(op, argNodes, opPath, depth);
    // An operator over parameters and literals only (a premium: years × 12 × base × rates) is the
    // same for every subject of a decision's parameters: the scope may compute it once.
    if (op !== 'param' && readsOnlyParameters(node, purity)) {
      const raw = compiled;
      const folded: CompiledLogic = (d, s) => (s.constant === undefined ? raw(d, s) : s.constant(folded, raw));
      compiled = folded;
    }
    return BOOLEAN_OPS.has(op) ? bool(compiled) : compiled;
  }

  function compileOperator(op: string, argNodes: unknown[], opPath: ReadonlyArray<string | number>, depth: number): CompiledLogic {
    const sub = (i: number) => compile(argNodes[i], [...opPath, i], depth + 1);
    const all = () => argNodes.map((_, i) => sub(i));

    switch (op) {
      case 'var': {
        const p = argNodes[0];
        if (p !== undefined && p !== null && typeof p !== 'string' && typeof p !== 'number') {
          return fail(opPath, 'a var path must be a literal string or number');
        }
        const fallback = argNodes.length > 1 ? sub(1) : () => null;
        if (p === undefined || p === null || p === '') return (d) => d;
        const segments = splitPath(p);
        const bad = unsafeSegment(segments);
        if (bad !== undefined) return fail(opPath, `unsafe variable path '${String(p)}' (segment '${bad}')`);
        const NONE = Symbol('none');
        const slow: CompiledLogic = (d, s) => {
          const v = readPath(d, segments, NONE);
          return v === NONE ? fallback(d, s) : v;
        };
        // Fast paths for one and two segments through plain objects; anything else (arrays,
        // strings, missing keys) goes through readPath, which has the full semantics.
        const own = Object.prototype.hasOwnProperty;
        if (segments.length === 1) {
          const k0 = segments[0]!;
          return (d, s) => {
            if (d !== null && typeof d === 'object' && own.call(d, k0)) {
              const v = (d as Record<string, unknown>)[k0];
              if (v !== undefined) return v;
            }
            return slow(d, s);
          };
        }
        if (segments.length === 2) {
          const [k0, k1] = segments as [string, string];
          return (d, s) => {
            if (d !== null && typeof d === 'object' && own.call(d, k0)) {
              const m = (d as Record<string, unknown>)[k0];
              if (m !== null && typeof m === 'object' && own.call(m, k1)) {
                const v = (m as Record<string, unknown>)[k1];
                if (v !== undefined) return v;
              }
            }
            return slow(d, s);
          };
        }
        // Deeper paths: the same walk through own properties of plain objects, in a loop.
        const n = segments.length;
        return (d, s) => {
          let v: unknown = d;
          for (let i = 0; i < n; i++) {
            if (v === null || typeof v !== 'object' || !own.call(v, segments[i]!)) return slow(d, s);
            v = (v as Record<string, unknown>)[segments[i]!];
          }
          return v === undefined ? slow(d, s) : v;
        };
      }
      case 'param': {
        const id = argNodes[0];
        if (options.allowParamOn && argNodes.length === 2 && typeof id === 'string' && typeof argNodes[1] === 'string') {
          const date = argNodes[1];
          if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(opPath, `param on a stated date takes a YYYY-MM-DD date, got '${date}'`);
          const problem = options.checkParam?.(id);
          if (problem) return fail(opPath, problem);
          return (_d, s) => {
            if (!s.paramOn) throw new Error(`param ${id} on ${date}: no stated-date reads here`);
            return s.paramOn(id, date);
          };
        }
        if (argNodes.length !== 1 || typeof id !== 'string') return fail(opPath, 'param takes one literal parameter id');
        const problem = options.checkParam?.(id);
        if (problem) return fail(opPath, problem);
        return (_d, s) => s.param(id);
      }
      case 'value': {
        const name = argNodes[0];
        if (argNodes.length !== 1 || typeof name !== 'string') return fail(opPath, 'value takes one literal name');
        if (!options.valueNames?.has(name)) return fail(opPath, `value '${name}' is not one of this rule's values`);
        return (_d, s) => s.value(name);
      }
      case 'missing': {
        const args = all();
        return (d, s) => missing(d, args.map((f) => f(d, s)));
      }
      case 'missing_some': {
        const need = sub(0);
        const options = sub(1);
        return (d, s) => {
          const n = need(d, s);
          const o = options(d, s);
          const opts = Array.isArray(o) ? o : [];
          const miss = missing(d, [opts]);
          return opts.length - miss.length >= (n as number) ? [] : miss;
        };
      }
      case 'if':
      case '?:': {
        const args = all();
        return (d, s) => {
          let i = 0;
          for (; i < args.length - 1; i += 2) {
            if (truthy(args[i]!(d, s))) return args[i + 1]!(d, s);
          }
          if (args.length === i + 1) return args[i]!(d, s);
          return null;
        };
      }
      case 'and':
      case 'or': {
        // json-logic-js: `and` returns the first falsy value (or the last), `or` the first truthy.
        const args = all();
        const n = args.length;
        const stopOn = op === 'or';
        if (n > 0 && args.every((f) => booleans.has(f))) return bool(booleanChain(args, stopOn));
        return (d, s) => {
          let current: unknown;
          for (let i = 0; i < n; i++) {
            current = args[i]!(d, s);
            if (truthy(current) === stopOn) return current;
          }
          return current;
        };
      }
      case 'map':
      case 'filter':
      case 'all':
      case 'none':
      case 'some': {
        const source = sub(0);
        const body = argNodes.length > 1 ? sub(1) : () => undefined;
        const list = (d: unknown, s: EvaluationScope): unknown[] => {
          const v = source(d, s);
          return Array.isArray(v) ? v : [];
        };
        if (op === 'map') return (d, s) => list(d, s).map((item) => body(item, s));
        if (op === 'filter') return (d, s) => list(d, s).filter((item) => truthy(body(item, s)));
        if (op === 'all') return (d, s) => {
          const items = list(d, s);
          if (items.length === 0) return false;
          return items.every((item) => truthy(body(item, s)));
        };
        if (op === 'none') return (d, s) => !list(d, s).some((item) => truthy(body(item, s)));
        return (d, s) => list(d, s).some((item) => truthy(body(item, s)));
      }
      case 'reduce': {
        const source = sub(0);
        const body = argNodes.length > 1 ? sub(1) : () => undefined;
        const initial = argNodes.length > 2 ? sub(2) : () => null;
        return (d, s) => {
          const v = source(d, s);
          let acc = initial(d, s);
          if (!Array.isArray(v)) return acc;
          for (const current of v) acc = body({ current, accumulator: acc }, s);
          return acc;
        };
      }
      default: {
        const impl = EAGER.get(op)!;
        const args = all();
        const lit = (n: unknown) => n === null || typeof n === 'string' || typeof n === 'number' || typeof n === 'boolean';
        if (argNodes.length === 2 && (op === '==' || op === '===' || op === '!=' || op === '!==') && lit(argNodes[1])) {
          const [a] = args as [CompiledLogic];
          const b = argNodes[1];
          if (op === '===') return (d, s) => a(d, s) === b;
          if (op === '!==') return (d, s) => a(d, s) !== b;
          if (op === '==') return (d, s) => a(d, s) == b;
          return (d, s) => a(d, s) != b;
        }
        // `in` against a literal array (["student", "conscript"]): the array is built once.
        if (op === 'in' && argNodes.length === 2 && Array.isArray(argNodes[1]) && (argNodes[1] as unknown[]).every(lit)) {
          const [a] = args as [CompiledLogic];
          const list = [...(argNodes[1] as unknown[])];
          return (d, s) => list.indexOf(a(d, s)) !== -1;
        }
        switch (args.length) {
          case 0: return () => impl();
          case 1: { const [a] = args as [CompiledLogic]; return (d, s) => impl(a(d, s)); }
          case 2: { const [a, b] = args as [CompiledLogic, CompiledLogic]; return (d, s) => impl(a(d, s), b(d, s)); }
          case 3: {
            const [a, b, c] = args as [CompiledLogic, CompiledLogic, CompiledLogic];
            return (d, s) => impl(a(d, s), b(d, s), c(d, s));
          }
          case 4: {
            const [a, b, c, e] = args as [CompiledLogic, CompiledLogic, CompiledLogic, CompiledLogic];
            return (d, s) => impl(a(d, s), b(d, s), c(d, s), e(d, s));
          }
          default: return (d, s) => impl(...args.map((f) => f(d, s)));
        }
      }
    }
  }

  return compile(logic, at, 0);
}

/** Operators that compute from their arguments alone (no data, no rule values, no iteration). */
const PURE_OPS = new Set(['if', '?:', 'and', 'or']);

/** What an expression reads: something besides parameters and literals, nothing, or parameters only. */
type Reads = 0 | 1 | 2;
const Reads = { Other: 0, Nothing: 1, ParametersOnly: 2 } as const;

/**
 * Whether an expression reads at least one parameter (on the decision's date) and otherwise only
 * literals, through operators that compute from their arguments alone: its value is then fixed by
 * the parameters. Not `var`, `value`, `missing`, the iterating operators or a parameter on a
 * stated date. `seen` keeps the answer per node, so that a whole expression is walked once
 * (compile asks at every operator).
 */
function readsOnlyParameters(node: unknown, seen: WeakMap<object, Reads>): boolean {
  const walk = (n: unknown): Reads => {
    if (n === null || typeof n !== 'object') return Reads.Nothing;
    const known = seen.get(n);
    if (known !== undefined) return known;
    let r: Reads;
    if (Array.isArray(n)) r = all(n);
    else {
      const keys = Object.keys(n);
      const op = keys[0]!;
      const arg = (n as Record<string, unknown>)[op];
      if (keys.length !== 1) r = Reads.Other;
      else if (op === 'param') r = typeof arg === 'string' || (Array.isArray(arg) && arg.length === 1 && typeof arg[0] === 'string') ? Reads.ParametersOnly : Reads.Other;
      else if (!PURE_OPS.has(op) && !EAGER.has(op)) r = Reads.Other;
      else r = Array.isArray(arg) ? all(arg) : walk(arg);
    }
    seen.set(n, r);
    return r;
  };
  const all = (xs: readonly unknown[]): Reads => {
    let r: Reads = Reads.Nothing;
    for (const x of xs) {
      const w = walk(x);
      if (w === Reads.Other) return Reads.Other;
      if (w === Reads.ParametersOnly) r = Reads.ParametersOnly;
    }
    return r;
  };
  return walk(node) === Reads.ParametersOnly;
}

/** `and` (stopOn false) or `or` (stopOn true) over operands that return booleans. */
function booleanChain(args: CompiledLogic[], stopOn: boolean): CompiledLogic {
  const [a, b, c, e] = args as [CompiledLogic, CompiledLogic, CompiledLogic, CompiledLogic];
  if (stopOn) {
    switch (args.length) {
      case 1: return a;
      case 2: return (d, s) => (a(d, s) as boolean) || (b(d, s) as boolean);
      case 3: return (d, s) => (a(d, s) as boolean) || (b(d, s) as boolean) || (c(d, s) as boolean);
      case 4: return (d, s) => (a(d, s) as boolean) || (b(d, s) as boolean) || (c(d, s) as boolean) || (e(d, s) as boolean);
      default: return (d, s) => args.some((f) => f(d, s));
    }
  }
  switch (args.length) {
    case 1: return a;
    case 2: return (d, s) => (a(d, s) as boolean) && (b(d, s) as boolean);
    case 3: return (d, s) => (a(d, s) as boolean) && (b(d, s) as boolean) && (c(d, s) as boolean);
    case 4: return (d, s) => (a(d, s) as boolean) && (b(d, s) as boolean) && (c(d, s) as boolean) && (e(d, s) as boolean);
    default: return (d, s) => args.every((f) => f(d, s));
  }
}

/** Every `param` id an expression names (for validation and documentation). */
export function paramsIn(logic: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(logic)) for (const n of logic) paramsIn(n, out);
  else if (logic !== null && typeof logic === 'object') {
    for (const [op, arg] of Object.entries(logic)) {
      if (op === 'param' && typeof arg === 'string') out.add(arg);
      else if (op === 'param' && Array.isArray(arg) && typeof arg[0] === 'string') out.add(arg[0]);
      else paramsIn(arg, out);
    }
  }
  return out;
}
