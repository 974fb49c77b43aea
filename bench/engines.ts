/**
 * The same workloads in other rules engines (issue 21), each given what it needs to run them and
 * checked to give the same answers before anything is timed:
 *
 * - json-logic-js `apply` and json-logic-engine 5 (interpreted `run`, and `build`, which compiles
 *   with `new Function`) run the ruleset's own JSON Logic, given this package's operators
 *   (`date-age`, `dec<`, …), `param` (the figures in force) and `value` (a rule's named values);
 * - json-rules-engine 7 and @gorules/zen-engine take no JSON Logic: they get the membership
 *   condition written in their own formats (a condition tree; a ZEN expression), and are checked
 *   against the ruleset's answer. Neither can take the exact-decimal and calendar operators, so they
 *   run only that workload.
 */
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { Engine as RulesEngine } from 'json-rules-engine';
import { createRequire } from 'node:module';
import { Dec, toDec } from '../src/engine/decimal';
import type { Issue } from '../src/engine/errors';
import { compileLogic, type CompiledLogic, type EvaluationScope } from '../src/engine/logic/compile';
import { CUSTOM_OPERATORS } from '../src/engine/logic/custom-operators';
import { truthy } from '../src/engine/logic/truthy';

/** A rule or item expression set as written in a ruleset file. */
export interface RawEntry {
  id: string;
  values?: Record<string, unknown>;
  test?: unknown;
  applies?: unknown;
  amount?: unknown;
}

/** One way to evaluate JSON Logic with named values, parameters and this package's operators. */
export interface LogicRunner {
  readonly name: string;
  /** Evaluates an entry: its values in order, then `test` (or `applies`); `amount` when it holds. */
  entry(e: PreparedEntry, data: unknown): { holds: boolean; amount?: unknown };
}

/** An entry prepared for every runner (each compiles or caches what it wants). */
export interface PreparedEntry {
  readonly raw: RawEntry;
  readonly names: readonly string[];
  readonly compiled: { values: CompiledLogic[]; test: CompiledLogic; amount: CompiledLogic | undefined };
  readonly built: { values: Array<(d: unknown) => unknown>; test: (d: unknown) => unknown; amount: ((d: unknown) => unknown) | undefined };
}

/** The parameters every runner reads (the figures in force on a date). */
export type Params = (id: string) => unknown;

let currentValues: Record<string, unknown> = {};
let currentParams: Params = () => undefined;

const jle = new LogicEngine();
for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) jle.addMethod(name, (args: unknown) => fn(...(Array.isArray(args) ? args : [args])));
jle.addMethod('param', (args: unknown) => currentParams(String(Array.isArray(args) ? args[0] : args)));
jle.addMethod('value', (args: unknown) => currentValues[String(Array.isArray(args) ? args[0] : args)]);
for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) jsonLogic.add_operation(name, fn);
jsonLogic.add_operation('param', (id: string) => currentParams(id));
jsonLogic.add_operation('value', (n: string) => currentValues[n]);

const scope: EvaluationScope = { param: (id) => currentParams(id), value: (n) => currentValues[n] };

/** Compiles an entry for all runners; problems are a bug in the bench. */
export function prepare(raw: RawEntry): PreparedEntry {
  const issues: Issue[] = [];
  const names = Object.keys(raw.values ?? {});
  const valueNames = new Set(names);
  const test = raw.test ?? raw.applies;
  const c = (x: unknown) => compileLogic(x, [], issues, { checkParam: () => undefined, valueNames });
  const compiled = { values: names.map((n) => c(raw.values![n])), test: c(test), amount: raw.amount === undefined ? undefined : c(raw.amount) };
  if (issues.length > 0) throw new Error(`${raw.id}: ${JSON.stringify(issues)}`);
  const b = (x: unknown) => jle.build(x) as (d: unknown) => unknown;
  const built = { values: names.map((n) => b(raw.values![n])), test: b(test), amount: raw.amount === undefined ? undefined : b(raw.amount) };
  return { raw, names, compiled, built };
}

function runWith(evaluate: (logic: unknown, compiled: CompiledLogic, built: (d: unknown) => unknown, data: unknown) => unknown): LogicRunner['entry'] {
  return (e, data) => {
    const values: Record<string, unknown> = {};
    currentValues = values;
    const raw = e.raw;
    for (let i = 0; i < e.names.length; i++) values[e.names[i]!] = evaluate(raw.values![e.names[i]!], e.compiled.values[i]!, e.built.values[i]!, data);
    const holds = truthy(evaluate(raw.test ?? raw.applies, e.compiled.test, e.built.test, data));
    if (!holds || raw.amount === undefined) return { holds };
    return { holds, amount: evaluate(raw.amount, e.compiled.amount!, e.built.amount!, data) };
  };
}

/** The runners of JSON Logic: this package's compiled closures, json-logic-js, json-logic-engine (run, build). */
export function logicRunners(params: () => Params): LogicRunner[] {
  const withParams = (f: LogicRunner['entry']): LogicRunner['entry'] => (e, d) => {
    currentParams = params();
    return f(e, d);
  };
  return [
    { name: 'zhengdi compiled closures', entry: withParams(runWith((_l, c, _b, d) => c(d, scope))) },
    { name: 'json-logic-js apply', entry: withParams(runWith((l, _c, _b, d) => jsonLogic.apply(l as jsonLogic.RulesLogic, d as Record<string, unknown>))) },
    { name: 'json-logic-engine run (interpreted)', entry: withParams(runWith((l, _c, _b, d) => jle.run(l, d))) },
    { name: 'json-logic-engine build (new Function)', entry: withParams(runWith((_l, _c, b, d) => b(d))) },
  ];
}

/** An amount as the engine reports it: rounded half-up to the fen, two decimals. */
export function fen(amount: unknown): string {
  return toDec(amount).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

// --- The membership condition as a boolean, in each engine's own format -------------------------

/** Membership (二(一)) as a plain boolean JSON Logic condition: the rule holds when `unmet` is empty. */
export function membershipBoolean(education: readonly string[], ranks: readonly string[]): unknown {
  const v = (p: string) => ({ var: `applicant.${p}` });
  const is = (p: string, x: unknown) => ({ '==': [v(p), x] });
  return {
    or: [
      { and: [is('basis', 'member'), is('collectiveMember', true), is('holdsContractRight', true)] },
      { and: [is('basis', 'student'), is('qualifiedBeforeLeaving', true), { in: [v('education'), education] }] },
      { and: [is('basis', 'conscript'), is('qualifiedBeforeLeaving', true), { in: [v('serviceRank'), ranks] }, is('resettlementAtHome', true)] },
      { and: [is('basis', 'parent-member'), is('parentIsMember', true), is('collectiveMember', true)] },
      { and: [is('basis', 'democratic-decision'), is('democraticDecision.approved', true), is('democraticDecision.noticeWithoutObjection', true)] },
    ],
  };
}

/** The same condition for json-rules-engine (facts: the applicant's fields). */
export function membershipRulesEngine(education: readonly string[], ranks: readonly string[]): RulesEngine {
  const eq = (fact: string, value: unknown, path?: string) => ({ fact, operator: 'equal', value, ...(path ? { path } : {}) });
  const engine = new RulesEngine([], { allowUndefinedFacts: true });
  engine.addRule({
    conditions: {
      any: [
        { all: [eq('basis', 'member'), eq('collectiveMember', true), eq('holdsContractRight', true)] },
        { all: [eq('basis', 'student'), eq('qualifiedBeforeLeaving', true), { fact: 'education', operator: 'in', value: [...education] }] },
        { all: [eq('basis', 'conscript'), eq('qualifiedBeforeLeaving', true), { fact: 'serviceRank', operator: 'in', value: [...ranks] }, eq('resettlementAtHome', true)] },
        { all: [eq('basis', 'parent-member'), eq('parentIsMember', true), eq('collectiveMember', true)] },
        { all: [eq('basis', 'democratic-decision'), eq('democraticDecision', true, '$.approved'), eq('democraticDecision', true, '$.noticeWithoutObjection')] },
      ],
    },
    event: { type: 'member' },
  });
  return engine;
}

/** Whether json-rules-engine finds the applicant a member. */
export async function rulesEngineHolds(engine: RulesEngine, applicant: Record<string, unknown>): Promise<boolean> {
  const facts = { democraticDecision: {}, ...applicant };
  const { events } = await engine.run(facts);
  return events.length > 0;
}

/** The same condition as a ZEN expression (context: the applicant). */
export function membershipZen(education: readonly string[], ranks: readonly string[]): string {
  const list = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;
  return [
    '(basis == "member" and collectiveMember == true and holdsContractRight == true)',
    `(basis == "student" and qualifiedBeforeLeaving == true and education in ${list(education)})`,
    `(basis == "conscript" and qualifiedBeforeLeaving == true and serviceRank in ${list(ranks)} and resettlementAtHome == true)`,
    '(basis == "parent-member" and parentIsMember == true and collectiveMember == true)',
    '(basis == "democratic-decision" and democraticDecision.approved == true and democraticDecision.noticeWithoutObjection == true)',
  ].join(' or ');
}

/**
 * @gorules/zen-engine, when installed. It is not a devDependency: its native packages for other
 * platforms are missing from this machine's registry, so a lock file with it does not pass
 * `npm ci`. Install it for a bench run with `npm install --no-save @gorules/zen-engine@0.54`.
 */
const zen = (() => {
  try {
    return createRequire(import.meta.url)('@gorules/zen-engine') as { evaluateExpressionSync: (expression: string, context: unknown) => unknown };
  } catch {
    return undefined;
  }
})();
/** Whether zen-engine is installed (see above). */
export const zenAvailable = zen !== undefined;

/** Whether zen-engine finds the applicant a member (`evaluateExpressionSync`, the same thread). */
export function zenHolds(expression: string, applicant: Record<string, unknown>): boolean {
  if (!zen) throw new Error('@gorules/zen-engine is not installed (npm install --no-save @gorules/zen-engine@0.54)');
  const { evaluateExpressionSync } = zen;
  const context = { qualifiedBeforeLeaving: null, education: null, serviceRank: null, resettlementAtHome: null, parentIsMember: null, democraticDecision: { approved: null, noticeWithoutObjection: null }, ...applicant };
  return evaluateExpressionSync(expression, context) === true;
}
