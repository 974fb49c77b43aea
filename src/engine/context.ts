import { Dec } from './decimal';
import { MissingParameterError, RuleEvaluationError } from './errors';
import type { CompiledLogic, EvaluationScope } from './logic/compile';
import { entryError, entryReason, EntryScope, evaluateEntry } from './entry';
import type { DerivedInput, ParameterRegistry, ParameterValue } from './parameters';
import { parameterWarning, preparedEnvironment, type PreparedEnvironment, type PreparedWarning, type ResolvedRead } from './prepared';
import { resolveRole } from './roles';
import type { CompiledItem, CompiledRule, LoadedRuleset } from './ruleset';
import type { Localized } from './schemas';
import type { JsonValue, ParameterRead, Reason, Warning } from './types';

/** What a decision's rules are evaluated against: the ruleset, the dates, the parameters. */
export interface ContextOptions {
  readonly ruleset: LoadedRuleset;
  /** The kind being decided: the context evaluates only its rules, items and scopes. */
  readonly kind: string;
  /** The scopes the kind declares (`KindContract.scopes`). */
  readonly scopes: readonly string[];
  /** The day the facts are known up to (for most kinds the same as `lawDate`). */
  readonly asOf: string;
  /** The day the rules and every parameter are taken on (the law's date); default `asOf`. */
  readonly lawDate?: string;
  readonly params: ParameterRegistry;
  readonly overrides: ReadonlyMap<string, string | number | string[]>;
  /**
   * Parameter reads to reproduce exactly (replay of a record under the figures it used): a read
   * of one of these ids returns the recorded read instead of the registry's value.
   */
  readonly pinned?: ReadonlyMap<string, ParameterRead>;
  /**
   * The decision is for a compact record only (rule results, not texts): every message and
   * reason value is left unwritten unless the kind reads `ctx.reasons` while deciding. @internal
   */
  readonly resultsOnly?: boolean;
}

/**
 * Result of evaluating the rules of one scope for one subject.
 *
 * @example
 * ```ts
 * const r: ScopeResult = ctx.scope('applicant', { applicant }, applicant.id); // inside a kind's decide
 * r.failed; // ['age-16']
 * ```
 */
export interface ScopeResult {
  /** Ids of condition rules that did not hold, in file order. */
  readonly failed: string[];
  /** Values of every rule, by rule id then value name. */
  readonly values: Record<string, Record<string, unknown>>;
}

/**
 * One decision in progress, bound to its kind. Kind modules call it to evaluate the rules of a
 * scope and the ruleset's formulas, read parameters and warn; it keeps the reasons, the
 * parameters read and the warnings.
 *
 * @example
 * ```ts
 * // inside a kind's decide(ctx, input):
 * const { failed } = ctx.scope('applicant', { applicant }, applicant.id);
 * ```
 */
export class DecisionContext<Scope extends string = string> implements EvaluationScope {
  /** Every reason so far, in order; a reason in `unwritten` has no message yet. */
  private readonly list: Reason[] = [];
  /** Reasons whose message is written when the reasons are first read (see {@link DecisionContext.reasons}). */
  private unwritten: UnwrittenMessage[] = [];
  /** Whether an unwritten message is one that is made anew (not remembered). */
  private costly: boolean;
  readonly warnings: Warning[] = [];
  readonly ruleset: LoadedRuleset;
  /** The kind being decided. */
  readonly kind: string;
  /** The day the facts are known up to. */
  readonly asOf: string;
  /** The day rules and parameters are taken on. */
  readonly lawDate: string;
  /** Every parameter read, in the order first read. */
  private readonly readList: ParameterRead[] = [];
  /** Reads the prepared environment resolved, by its slot: the value (undefined: not read yet) and the read. */
  private readonly slotValues: Array<string | number | string[] | undefined> = [];
  private readonly slotReads: ParameterRead[] = [];
  /** Reads without it (replay under recorded reads), by id; made on the first such read. */
  private unprepared: Map<string, ParameterRead> | undefined;
  private readonly warned = new Set<string>();
  private readonly scopes: readonly string[];
  private currentValues: Record<string, unknown> = {};
  private readonly opts: ContextOptions;
  /** What decisions of this ruleset, kind, date and overrides share; absent in replay under recorded reads. */
  private readonly env: PreparedEnvironment | undefined;

  constructor(opts: ContextOptions) {
    this.opts = opts;
    this.costly = opts.resultsOnly === true || deferringKinds.get(opts.ruleset)?.has(opts.kind) === true;
    this.ruleset = opts.ruleset;
    this.kind = opts.kind;
    this.asOf = opts.asOf;
    this.lawDate = opts.lawDate ?? opts.asOf;
    this.scopes = opts.scopes;
    if (opts.pinned === undefined || opts.pinned.size === 0) {
      const env = preparedEnvironment(opts.params, opts.ruleset, opts.kind, this.lawDate, opts.overrides);
      this.env = env;
      for (const a of env.assumptions) {
        if (this.warned.has(a.key)) continue;
        this.warned.add(a.key);
        this.warnings.push({ code: a.code, message: a.message });
      }
    } else {
      this.env = undefined;
      for (const a of opts.ruleset.file.assumptions) this.warn(a.code, a.message);
    }
  }

  /**
   * The value of a parameter for this decision (an override, else the one in force on the law's date; in replay, the recorded read). A
   * derived value is computed here, so that its same-date inputs are this decision's reads
   * (overrides included, each recorded and warned like any read); inputs on a stated date are
   * read from the series.
   */
  param(id: string): string | number | string[] {
    const resolved = this.env?.resolve(id);
    if (resolved !== undefined) {
      const value = this.slotValues[resolved.slot];
      return value !== undefined ? value : this.replayRead(resolved);
    }
    const cached = this.unprepared?.get(id);
    if (cached !== undefined) return cached.value;
    return this.readUnprepared(id);
  }

  /** A parameter's read in this decision, if it has been read. */
  private readOf(id: string): ParameterRead | undefined {
    const resolved = this.env?.resolve(id);
    if (resolved !== undefined) return this.slotValues[resolved.slot] === undefined ? undefined : this.slotReads[resolved.slot];
    return this.unprepared?.get(id);
  }

  /** A first read resolved by the prepared environment: its inputs and warnings in order, then the read. */
  private replayRead(r: ResolvedRead): string | number | string[] {
    const steps = r.steps;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      if (s.input !== undefined) this.param(s.input);
      else this.pushWarning(s.warning!);
    }
    // A copy (and of its list of inputs): a caller may change its decision without changing the
    // next one's. A decision made for its results only (a compact record) is not handed out.
    let read = r.read;
    if (this.opts.resultsOnly !== true) {
      read = { ...read };
      if (read.inputs !== undefined) read.inputs = [...read.inputs];
    }
    this.readList.push(read);
    this.slotReads[r.slot] = read;
    this.slotValues[r.slot] = r.value;
    return r.value;
  }

  private pushWarning(w: PreparedWarning): void {
    if (this.warned.has(w.key)) return;
    this.warned.add(w.key);
    this.warnings.push({ code: 'UNVERIFIED_PARAMETER', message: w.message, parameter: w.parameter, evidence: w.evidence });
  }

  /**
   * The value of an expression that depends only on parameters (compileLogic marks them):
   * computed once per prepared environment, its parameters read (and recorded) by every decision.
   * @internal
   */
  constant(key: CompiledLogic, raw: CompiledLogic): unknown {
    return this.env === undefined ? raw(undefined, this) : this.env.fold(key, raw, this);
  }

  /** The read without the prepared environment (replay under recorded reads, or a read that fails). */
  private readUnprepared(id: string): string | number | string[] {
    const series = this.opts.params.get(id);
    if (!series) throw new MissingParameterError(id, this.lawDate, 'no such parameter');
    let read: ParameterRead;
    const override = this.opts.overrides.get(id);
    const pinned = this.opts.pinned?.get(id);
    if (override !== undefined) {
      read = { id, value: override, effectiveFrom: null, effectiveTo: null, unit: series.unit, source: 'override', verified: false, overridden: true, evidence: 'placeholder' };
    } else if (pinned !== undefined && !pinned.overridden) {
      // Replay: the figure the record was made with, reported exactly as it was recorded. A derived
      // value's inputs are read (or warned) first, in their order, as computing it did.
      for (const inp of pinned.inputs ?? []) {
        if (inp.on === this.lawDate) this.param(inp.id);
        else {
          const stated = this.opts.params.valueOn(inp.id, inp.on);
          if (stated) this.warnStated(inp.id, inp.on, stated);
        }
      }
      read = pinned;
      if (!read.verified) this.warnPinned(read);
    } else {
      const v = this.opts.params.storedOn(id, this.lawDate);
      if (!v) {
        const windows = series.values.map((x) => `${x.from}..${x.to ?? 'open'}`).join(', ');
        throw new MissingParameterError(id, this.lawDate, `values exist for ${windows}`);
      }
      let value = v.value!;
      let from = v.from;
      let to = v.to;
      let inputs: DerivedInput[] | undefined;
      if (v.formula !== undefined) {
        inputs = [];
        const list = inputs;
        value = this.opts.params.evaluateFormula(v, {
          param: (x) => {
            const val = this.param(x);
            const r = this.readOf(x)!;
            list.push({ id: x, on: this.lawDate, value: val, evidence: r.evidence, verified: r.verified, ...(r.inputs ? { inputs: r.inputs } : {}) });
            if (r.effectiveFrom !== null && r.effectiveFrom > from) from = r.effectiveFrom;
            if (r.effectiveTo !== null && (to === null || r.effectiveTo < to)) to = r.effectiveTo;
            return val;
          },
          paramOn: (x, date) => {
            const r = this.opts.params.valueOn(x, date);
            if (!r) throw new MissingParameterError(x, date, `read by the formula of ${id}`);
            list.push({ id: x, on: date, value: r.value, evidence: r.evidence, verified: r.verified, ...(r.inputs ? { inputs: r.inputs } : {}) });
            this.warnStated(x, date, r);
            return r.value;
          },
        });
      }
      read = { id, value, effectiveFrom: from, effectiveTo: to, unit: series.unit, source: v.source, verified: v.verified, overridden: false, evidence: v.evidence };
      if (v.sources) read.sources = v.sources;
      if (inputs) read.inputs = inputs;
      if (!v.verified) this.warnParameter(id, { ...v, value, from }, this.lawDate);
    }
    this.readList.push(read);
    (this.unprepared ??= new Map()).set(id, read);
    return read.value;
  }

  /** Warns for a value read on a stated date, and for every unverified figure it was derived from. */
  private warnStated(id: string, date: string, r: ParameterValue & { value: string | number | string[]; inputs?: DerivedInput[] }): void {
    if (!r.verified) this.warnParameter(id, r, date);
    for (const i of r.inputs ?? []) {
      const v = this.opts.params.valueOn(i.id, i.on);
      if (v) this.warnStated(i.id, i.on, v);
    }
  }

  /** Warns that a parameter value is not verified, saying how it is known. */
  private warnParameter(id: string, v: ParameterValue & { value: string | number | string[] }, on: string): void {
    this.pushWarning(parameterWarning(id, v, on, this.lawDate));
  }

  /** Warns for a recorded unverified read, as the original decision did (from what the record says). */
  private warnPinned(r: ParameterRead): void {
    if (r.evidence === undefined) {
      // A record made before values carried their evidence (format of 0.1.x): the warning as it was then.
      const value = Array.isArray(r.value) ? r.value.join(', ') : String(r.value);
      this.warn('UNVERIFIED_PARAMETER', {
        zh: `参数 ${r.id} 的取值 ${value}（${r.effectiveFrom} 起）尚未核实：${r.source}`,
        en: `Parameter ${r.id} = ${value} (from ${r.effectiveFrom}) is not verified against its source: ${r.source}`,
      }, r.id);
      return;
    }
    const v = { value: r.value, from: r.effectiveFrom ?? '', to: r.effectiveTo, source: r.source, verified: r.verified, evidence: r.evidence ?? 'placeholder' } as unknown as ParameterValue & { value: string | number | string[] };
    this.warnParameter(r.id, v, this.lawDate);
  }

  /**
   * A parameter the kind's contract names by its local name (`KindContract.parameterRoles`):
   * `<jurisdiction>.<name>`, looked up from the ruleset's jurisdiction up through its parents, so
   * a kind never spells one place's parameter ids.
   */
  role(name: string): string | number | string[] {
    return this.param(this.roleId(name));
  }

  /** The parameter id a role resolves to for this decision's ruleset. */
  roleId(name: string): string {
    const known = this.env?.roles.get(name);
    if (known !== undefined) return known;
    const id = resolveRole(this.opts.params, this.ruleset.jurisdiction, name);
    if (id !== undefined) this.env?.roles.set(name, id);
    if (id === undefined) throw new MissingParameterError(`${this.ruleset.jurisdiction}.${name}`, this.lawDate, 'no such parameter in the jurisdiction or its parents');
    return id;
  }

  /** A named value of the rule being evaluated. */
  value(name: string): unknown {
    return this.currentValues[name];
  }

  /**
   * The reasons so far, in order, each with its message. Messages are written when the reasons
   * are first read (here, or through the decision's `reasons`), from the template and the values
   * the rule computed: the same text as written at once, and no text at all for a decision whose
   * reasons nobody reads (a compact record keeps only each rule's result).
   */
  get reasons(): Reason[] {
    if (this.unwritten.length > 0) this.writeMessages();
    return this.list;
  }

  /**
   * The reasons as they are, a message possibly not yet written: for readers of each reason's
   * rule, result and subject only (compact records). @internal
   */
  reasonResults(): readonly Reason[] {
    return this.list;
  }

  /**
   * Records a reason whose message is written from `template` when the reasons are read (and,
   * with `valuesAsJson`, its `values` as the JSON of `values`). The values are the entry's own
   * (made for this entry, not shared), kept as they are until then.
   * @internal
   */
  addReason(reason: Reason, template: Localized, values: Record<string, unknown>, subject: string | undefined, item?: ItemSlots, valuesAsJson = false): void {
    this.list.push(reason);
    if (!this.costly) {
      // Until a message is one made anew for its subject, messages (remembered texts, a lookup
      // each) are written at once: leaving them would cost more than it saves.
      const plan = planOf(template);
      if (plan.memoised) {
        reason.message = messageOf(plan, values, subject, item);
        if (valuesAsJson) reason.values = toJsonValues(values);
        return;
      }
      this.costly = true;
      // Decisions of this kind under this ruleset leave every message from now on (a lookup saved each).
      let kinds = deferringKinds.get(this.ruleset);
      if (kinds === undefined) deferringKinds.set(this.ruleset, (kinds = new Set()));
      kinds.add(this.kind);
    }
    this.unwritten.push({ reason, template, values, subject, item, valuesAsJson });
  }

  /**
   * Whether the decision leaves messages to be written when its reasons are read: those from the
   * first message made anew for its subject (an applicant's id, a birth date) on, or all of them
   * once a decision of this kind under this ruleset has made one.
   * @internal
   */
  get deferMessages(): boolean {
    return this.unwritten.length > 0;
  }

  private writeMessages(): void {
    const list = this.unwritten;
    this.unwritten = [];
    this.costly = false;
    for (const m of list) {
      m.reason.message = formatMessage(m.template, m.values, m.subject, m.item);
      if (m.valuesAsJson) m.reason.values = toJsonValues(m.values);
    }
  }

  /** Parameters read so far, in the order first read. */
  parameters(): ParameterRead[] {
    return this.readList.slice();
  }

  /** Adds a warning once per code and key. */
  warn(code: string, message: Localized, key = ''): void {
    const k = `${code}|${key}|${message.en}`;
    if (this.warned.has(k)) return;
    this.warned.add(k);
    this.warnings.push({ code, message });
  }

  private checkScope(scope: string): void {
    if (!this.scopes.includes(scope)) {
      throw new RuleEvaluationError(`${this.kind}/${scope}`, `'${scope}' is not one of the scopes kind ${this.kind} declares (${this.scopes.join(', ')})`);
    }
  }

  /** The rules of this decision's kind in a scope, in file order. */
  scopeRules(scope: Scope): CompiledRule[] {
    this.checkScope(scope);
    return [...entriesOf(this.ruleset, this.kind, scope).rules];
  }

  /** The items of this decision's kind in a scope, in file order. */
  scopeItems(scope: Scope): CompiledItem[] {
    this.checkScope(scope);
    return [...entriesOf(this.ruleset, this.kind, scope).items];
  }

  /**
   * The rules and items of a scope, shared (not to be changed): for the engine's own loops.
   * @internal
   */
  entries(scope: Scope): ScopeEntries {
    this.checkScope(scope);
    return entriesOf(this.ruleset, this.kind, scope);
  }

  /**
   * @deprecated Use {@link DecisionContext.scopeRules}: the context is bound to its kind.
   */
  rules(kind: string, scope: string): CompiledRule[] {
    this.checkKind(kind);
    return this.scopeRules(scope as Scope);
  }

  private checkKind(kind: string): void {
    if (kind !== this.kind) throw new RuleEvaluationError(`${kind}/*`, `a ${this.kind} decision cannot evaluate rules of kind ${kind}`);
  }

  /** Evaluates one rule, records its reason (and warning), returns whether it held. */
  rule(rule: CompiledRule, data: unknown, subject?: string): { holds: boolean; values: Record<string, unknown> } {
    const scope = new EntryScope(this);
    const values = scope.values;
    let holds: boolean;
    try {
      holds = evaluateEntry(scope, rule.values, rule.test, data);
    } catch (e) {
      return entryError(rule.id, e);
    }
    const template = holds ? rule.message.holds : rule.message.fails;
    if (!holds && rule.effect === 'warning') {
      // A warning says its message now (and is kept once per text).
      const message = formatMessage(template, values, subject);
      const reason = entryReason(rule.id, holds, rule.citation, message, subject, rule.values.length > 0 ? toJsonValues(values) : undefined);
      reason.effect = 'warning';
      this.list.push(reason);
      this.warn(rule.warningCode ?? 'RULE_WARNING', message, subject);
      return { holds, values };
    }
    // Its values as JSON (`values`, kept in their place among the keys) are made with the message.
    const reason = entryReason(rule.id, holds, rule.citation, UNWRITTEN, subject, rule.values.length > 0 ? UNWRITTEN_VALUES : undefined);
    if (rule.effect === 'warning') reason.effect = 'warning';
    this.addReason(reason, template, values, subject, undefined, rule.values.length > 0);
    return { holds, values };
  }

  /**
   * Evaluates every rule of a scope of this decision's kind for one subject, in file order.
   *
   * @example
   * ```ts
   * const { failed } = ctx.scope('applicant', { applicant }, applicant.id);
   * ```
   */
  scope(scope: Scope, data: unknown, subject?: string): ScopeResult {
    const failed: string[] = [];
    const values: Record<string, Record<string, unknown>> = {};
    for (const r of this.entries(scope).rules) {
      const res = this.rule(r, data, subject);
      values[r.id] = res.values;
      if (!res.holds && r.effect === 'condition') failed.push(r.id);
    }
    return { failed, values };
  }

  /**
   * @deprecated Use {@link DecisionContext.scope}: the context is bound to its kind.
   */
  evaluateScope(kind: string, scope: string, data: unknown, subject?: string): ScopeResult {
    this.checkKind(kind);
    return this.scope(scope as Scope, data, subject);
  }

  /** Evaluates a named formula of the ruleset. */
  formula(id: string, data: unknown): unknown {
    const f = this.ruleset.formulas.get(id);
    if (!f) throw new RuleEvaluationError(id, `the ruleset ${this.ruleset.id} has no formula '${id}'`);
    try {
      return f.expr(data, this);
    } catch (e) {
      if (e instanceof MissingParameterError || e instanceof RuleEvaluationError) throw e;
      throw new RuleEvaluationError(id, e instanceof Error ? e.message : String(e));
    }
  }
}

/** The rules and items of one kind and scope of a ruleset, in file order. */
export interface ScopeEntries {
  readonly rules: readonly CompiledRule[];
  readonly items: readonly CompiledItem[];
}

// Per ruleset (compiled once, never changed): the rules and items of each kind and scope.
const scopeEntries = new WeakMap<LoadedRuleset, Map<string, Map<string, ScopeEntries>>>();
function entriesOf(ruleset: LoadedRuleset, kind: string, scope: string): ScopeEntries {
  let byKind = scopeEntries.get(ruleset);
  if (!byKind) {
    byKind = new Map();
    scopeEntries.set(ruleset, byKind);
  }
  let byScope = byKind.get(kind);
  if (!byScope) {
    byScope = new Map();
    byKind.set(kind, byScope);
  }
  let e = byScope.get(scope);
  if (!e) {
    e = { rules: ruleset.rules.filter((r) => r.kind === kind && r.scope === scope), items: ruleset.items.filter((r) => r.kind === kind && r.scope === scope) };
    byScope.set(scope, e);
  }
  return e;
}

// A Decimal's plain text, kept per instance: the same figure appears in several reasons.
const decTexts = new WeakMap<Dec, string>();
function decText(d: Dec): string {
  let t = decTexts.get(d);
  if (t === undefined) {
    t = d.toFixed();
    decTexts.set(d, t);
  }
  return t;
}

// `{x:4}` of a Decimal, kept per instance and places: a household's figure is shown in several messages.
const decFixedTexts = new WeakMap<Dec, Map<number, string>>();
function decFixed(d: Dec, places: number): string {
  let byPlaces = decFixedTexts.get(d);
  if (byPlaces === undefined) {
    byPlaces = new Map();
    decFixedTexts.set(d, byPlaces);
  }
  let t = byPlaces.get(places);
  if (t === undefined) {
    t = d.toFixed(places);
    byPlaces.set(places, t);
  }
  return t;
}

/** A value as JSON: decimals become plain decimal strings. */
export function toJsonValue(v: unknown): JsonValue {
  if (v instanceof Dec) return decText(v);
  if (v === undefined) return null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonValue(x);
    return out;
  }
  return String(v);
}

function toJsonValues(values: Record<string, unknown>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  // for…in over the entry's own values object (made by EntryScope: no inherited keys); no entry arrays.
  for (const k in values) out[k] = toJsonValue(values[k]);
  return out;
}

/** Per ruleset, the kinds whose decisions have made a message anew for a subject: their decisions leave every message unwritten. */
const deferringKinds = new WeakMap<LoadedRuleset, Set<string>>();

/** A reason's message not yet written: what writes it. */
interface UnwrittenMessage {
  readonly reason: Reason;
  readonly template: Localized;
  readonly values: Record<string, unknown>;
  readonly subject: string | undefined;
  readonly item: ItemSlots | undefined;
  /** Whether the reason's `values` are the JSON of `values`, made with the message. */
  readonly valuesAsJson: boolean;
}

/**
 * The message of a reason until it is written (never seen: reading the reasons writes them).
 * @internal
 */
export const UNWRITTEN: Localized = Object.freeze({ zh: '', en: '' });
const UNWRITTEN_VALUES: Record<string, JsonValue> = Object.freeze({});

/** A message template split once into literal text and `{name}` / `{name:places}` slots. */
type TemplatePart = string | { name: string; places: number | undefined };
const TEMPLATE_SLOT = /\{([A-Za-z][A-Za-z0-9_]*)(?::(\d+))?\}/g;
// Templates come from rulesets (a bounded set); parsing each once keeps the regex out of every
// decision. Bounded anyway, in case a caller interpolates many distinct strings.
const parsedTemplates = new Map<string, readonly TemplatePart[]>();

function parseTemplate(template: string): readonly TemplatePart[] {
  let parts = parsedTemplates.get(template);
  if (parts) return parts;
  const out: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(TEMPLATE_SLOT)) {
    const at = m.index ?? 0;
    if (at > last) out.push(template.slice(last, at));
    out.push({ name: m[1]!, places: m[2] === undefined ? undefined : Number(m[2]) });
    last = at + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  parts = out;
  if (parsedTemplates.size >= 10_000) parsedTemplates.clear();
  parsedTemplates.set(template, parts);
  return parts;
}

/** An item's own slots of a message: its amount (text) and label. */
export interface ItemSlots {
  readonly amount: string | undefined;
  readonly label: Localized;
}

/** How a message template is filled: its parts in each language, the slots it names, and the messages already made. */
interface TemplatePlan {
  readonly zh: readonly TemplatePart[];
  readonly en: readonly TemplatePart[];
  /** Every slot name, once, in order (zh's first). */
  readonly slots: readonly string[];
  memo: Map<unknown, unknown>;
  size: number;
  /** Lookups and hits so far; a template whose messages rarely repeat (one per applicant) stops being memoised. */
  lookups: number;
  hits: number;
  memoised: boolean;
}
const plans = new WeakMap<Localized, TemplatePlan>();
const MEMO_MAX = 2048;
const MEMO_PROBATION = 256;

function planOf(template: Localized): TemplatePlan {
  let plan = plans.get(template);
  if (plan === undefined) {
    const zh = parseTemplate(template.zh);
    const en = parseTemplate(template.en);
    const slots: string[] = [];
    for (const p of [...zh, ...en]) if (typeof p !== 'string' && !slots.includes(p.name)) slots.push(p.name);
    plan = { zh, en, slots, memo: new Map(), size: 0, lookups: 0, hits: 0, memoised: true };
    plans.set(template, plan);
  }
  return plan;
}

function slotValue(name: string, values: Record<string, unknown>, subject: string | undefined, item: ItemSlots | undefined): unknown {
  if (name === 'subject') return subject;
  if (item !== undefined) {
    if (name === 'amount') return item.amount;
    if (name === 'label') return item.label;
  }
  return values[name];
}

/**
 * A slot value as a memo key: a Decimal by its exact text (equal texts are equal values of the same
 * sign, so they fill a slot alike, at any places), so that the same figure computed again for another
 * household, a new Decimal each time, finds the message already made. Anything else as itself.
 */
function memoSlot(v: unknown): unknown {
  return v instanceof Dec ? decText(v) : v;
}

/** Whether a slot value may key the memo: a primitive whose text depends only on it (not -0), a Decimal, or an item's label. */
function memoKey(v: unknown, item: ItemSlots | undefined): boolean {
  switch (typeof v) {
    case 'string':
      return v.length <= 64;
    case 'number':
      return !Object.is(v, -0);
    case 'boolean':
    case 'undefined':
      return true;
    default:
      return v === null || (item !== undefined && v === item.label);
  }
}

/**
 * A rule's or item's message in both languages: `{name}` / `{name:4}` filled from its values,
 * `{subject}`, and for an item `{amount}` and `{label}`. The text is a function of the template
 * and the slot values, so a message is made once per distinct template and values (when they are
 * primitives) and reused: most reasons of a batch say the same thing ("签约费适用：3000.00 元").
 * A fresh object each time, so that a caller changing one decision changes no other.
 */
export function formatMessage(template: Localized, values: Record<string, unknown>, subject: string | undefined, item?: ItemSlots): Localized {
  return messageOf(planOf(template), values, subject, item);
}

/** {@link formatMessage} of a template's plan (found once by the caller). */
function messageOf(plan: TemplatePlan, values: Record<string, unknown>, subject: string | undefined, item: ItemSlots | undefined): Localized {
  if (!plan.memoised) return { zh: fill(plan.zh, values, subject, item, 'zh'), en: fill(plan.en, values, subject, item, 'en') };
  const slots = plan.slots;
  let node: Map<unknown, unknown> | undefined = plan.memo;
  let memoizable = true;
  for (let i = 0; i < slots.length; i++) {
    const v = memoSlot(slotValue(slots[i]!, values, subject, item));
    if (!memoKey(v, item)) {
      memoizable = false;
      node = undefined;
      break;
    }
    if (node !== undefined) node = node.get(v) as Map<unknown, unknown> | undefined;
  }
  const leaf = slots.length === 0 ? plan.memo.get(plan) : node;
  plan.lookups++;
  if (memoizable && leaf !== undefined) {
    plan.hits++;
    const m = leaf as unknown as Localized;
    return { zh: m.zh, en: m.en };
  }
  if (plan.lookups >= MEMO_PROBATION && plan.hits * 2 < plan.lookups) {
    // Mostly distinct messages (a subject's id, a birth date): memoising costs more than it saves.
    plan.memoised = false;
    plan.memo = new Map();
    memoizable = false;
  }
  const m = { zh: fill(plan.zh, values, subject, item, 'zh'), en: fill(plan.en, values, subject, item, 'en') };
  if (memoizable) {
    if (plan.size >= MEMO_MAX) {
      plan.memo = new Map();
      plan.size = 0;
    }
    plan.size++;
    if (slots.length === 0) plan.memo.set(plan, m);
    else {
      let at = plan.memo;
      for (let i = 0; i < slots.length; i++) {
        const v = memoSlot(slotValue(slots[i]!, values, subject, item));
        if (i === slots.length - 1) at.set(v, m);
        else {
          let next = at.get(v) as Map<unknown, unknown> | undefined;
          if (next === undefined) {
            next = new Map();
            at.set(v, next);
          }
          at = next;
        }
      }
    }
  }
  return { zh: m.zh, en: m.en };
}

function fill(parts: readonly TemplatePart[], values: Record<string, unknown>, subject: string | undefined, item: ItemSlots | undefined, lang: 'zh' | 'en'): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (typeof p === 'string') out += p;
    else if (p.name === 'subject') out += subject ?? '';
    else out += formatValue(item === undefined ? values[p.name] : p.name === 'amount' ? item.amount : p.name === 'label' ? item.label[lang] : values[p.name], p.places, lang);
  }
  return out;
}

/** Fills `{name}` and `{name:4}` (4 decimals, half-up) in a message. */
export function interpolate(template: string, values: Record<string, unknown>, subject: string | undefined, lang: 'zh' | 'en'): string {
  const parts = parseTemplate(template);
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if (p.name === 'subject') out += subject ?? '';
    else out += formatValue(values[p.name], p.places, lang);
  }
  return out;
}

function formatValue(v: unknown, places: number | undefined, lang: 'zh' | 'en'): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map((x) => formatValue(x, places, lang)).join(lang === 'zh' ? '、' : ', ');
  if (v instanceof Dec) return places === undefined ? decText(v) : decFixed(v, places);
  if (places !== undefined && (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)))) {
    return new Dec(v).toFixed(places);
  }
  return String(v);
}
