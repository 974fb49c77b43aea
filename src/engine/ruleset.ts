import { contentHash } from './canonical-json';
import { fileShapeIssues } from './file-limits';
import { addDaysIso } from './dates';
import { NoRulesetInForceError, RulesetError, type Issue } from './errors';
import type { KindContract } from './contract';
import { jurisdictionChain } from './jurisdiction';
import { compileLogic, type CompiledLogic } from './logic/compile';
import type { ParameterRegistry } from './parameters';
import { resolveRole } from './roles';
import { rulesetFileSchema, type RulesetFileParsed } from './ruleset-file';
import { zodIssues, type Localized } from './schemas';

/**
 * Where a rule or item comes from: document number and article.
 *
 * @example
 * ```ts
 * const c: Citation = { docNo: '邵阳市区被征地农民社会保障对象身份认定工作流程', article: '二(一)' };
 * ```
 */
export interface Citation {
  readonly docNo: string;
  readonly article: string;
}

/** A rule ready to run. */
export interface CompiledRule {
  readonly id: string;
  readonly kind: string;
  readonly scope: string;
  readonly citation: Citation;
  readonly effect: 'condition' | 'warning';
  readonly warningCode: string | undefined;
  readonly values: ReadonlyArray<readonly [string, CompiledLogic]>;
  readonly test: CompiledLogic;
  readonly message: { readonly holds: Localized; readonly fails: Localized };
}

export interface CompiledFormula {
  readonly id: string;
  readonly kind: string;
  readonly citation: Citation | undefined;
  readonly expr: CompiledLogic;
}

/** One part of an item's funding, compiled (see `fundingPartSchema`). */
export interface CompiledFundingPart {
  readonly payer: string;
  readonly upTo: CompiledLogic | undefined;
  readonly share: CompiledLogic | undefined;
}

/** A money item ready to evaluate (see `itemSchema`). */
export interface CompiledItem {
  readonly id: string;
  readonly kind: string;
  readonly scope: string;
  readonly code: string;
  readonly citation: Citation;
  readonly label: Localized;
  readonly timing: string;
  readonly values: ReadonlyArray<readonly [string, CompiledLogic]>;
  readonly applies: CompiledLogic;
  readonly amount: CompiledLogic;
  readonly funding: readonly CompiledFundingPart[];
  readonly message: { readonly holds: Localized; readonly fails: Localized } | undefined;
}

/** A decision table ready to read (see `tableSchema`): its rows' `then` as the kind's contract parsed them. */
export interface CompiledTable {
  readonly id: string;
  readonly kind: string;
  readonly citation: Citation;
  readonly rows: ReadonlyArray<{
    readonly failed: readonly string[];
    readonly held: readonly string[];
    readonly facts: ReadonlyArray<readonly [string, boolean]>;
    readonly then: unknown;
  }>;
}

/** An input check ready to run (see `inputCheckSchema`). */
export interface CompiledInputCheck {
  readonly id: string;
  readonly kind: string;
  readonly citation: Citation;
  readonly path: ReadonlyArray<string | number>;
  readonly code: string;
  readonly values: ReadonlyArray<readonly [string, CompiledLogic]>;
  readonly when: CompiledLogic | undefined;
  readonly test: CompiledLogic;
  readonly message: Localized;
}

/**
 * The source document of a ruleset.
 *
 * @example
 * ```ts
 * engine.rulesets()[0].source; // { docNo: '…', title: '…', issuedOn: null }
 * ```
 */
export interface RulesetSource {
  readonly docNo: string;
  readonly title: string;
  readonly issuedOn: string | null;
}

/**
 * What `engine.rulesets()` lists and every decision reports.
 *
 * @example
 * ```ts
 * console.table(engine.rulesets().map((r) => ({ id: r.id, from: r.effectiveFrom, to: r.effectiveTo, hash: r.hash.slice(0, 12) })));
 * ```
 */
export interface RulesetSummary {
  readonly id: string;
  readonly jurisdiction: string;
  readonly kinds: readonly string[];
  readonly version: string;
  readonly effectiveFrom: string;
  /**
   * Last day in force; null = open-ended. Not part of the file: it is the day before the next
   * version of the jurisdiction starts, or the file's own `effectiveTo` (a sunset the law itself
   * states, e.g. Gucun's 2027-03-31), whichever comes first. (For a ruleset whose kinds end on
   * different days, the latest; `resolve` uses each kind's own end.)
   */
  readonly effectiveTo: string | null;
  /** The end the file itself states (`effectiveTo` in the file), or null. */
  readonly sunset: string | null;
  /** The version that follows this one, when the engine has it. */
  readonly supersededBy?: string;
  readonly source: RulesetSource;
  /** SHA-256 of the file's canonical JSON (RFC 8785), without its own `hash` field. */
  readonly hash: string;
}

/** A validated, compiled ruleset. */
export interface LoadedRuleset extends RulesetSummary {
  /** Last day in force for each kind (see {@link RulesetSummary.effectiveTo}). */
  readonly ends: ReadonlyMap<string, string | null>;
  /** Every parameter id the ruleset reads (its rules, formulas, items and its kinds' roles). */
  readonly reads: ReadonlySet<string>;
  readonly file: RulesetFileParsed;
  readonly rules: readonly CompiledRule[];
  readonly formulas: ReadonlyMap<string, CompiledFormula>;
  readonly items: readonly CompiledItem[];
  /** Decision tables by `<kind>/<id>`. */
  readonly tables: ReadonlyMap<string, CompiledTable>;
  readonly inputChecks: readonly CompiledInputCheck[];
  /** The payers the file declares, in its order (undefined when it declares none). */
  readonly payers: ReadonlyArray<{ readonly id: string; readonly name: Localized }> | undefined;
  /** Sections an archived file reads from the later version that restates it (section → that version). */
  readonly restatedBy: ReadonlyMap<string, string>;
}

/** What a ruleset needs to know about the kinds it may declare: their contracts. */
export type KindShape = KindContract;

/**
 * The content hash of a ruleset file: SHA-256 of its canonical JSON without `hash`.
 *
 * @example
 * ```ts
 * rulesetHash(rulesetFile) === engine.rulesets()[0].hash; // for the bundled file
 * ```
 */
export function rulesetHash(raw: Record<string, unknown>): string {
  const { hash: _ignored, ...content } = raw;
  return contentHash(content);
}

/** The sections a restating version may give the earlier versions it names (`restates`). */
const RESTATED_SECTIONS = ['tables', 'inputChecks', 'payers'] as const;

/**
 * The sections an archived file lacks that a later version of the same id restates for it: for
 * each, the first version (by semver) whose `restates` names this one and which has the section.
 */
function restatedSections(raw: object, lenders: readonly unknown[]): { sections: Record<string, unknown>; from: Map<string, string> } {
  const sections: Record<string, unknown> = {};
  const from = new Map<string, string>();
  const r = raw as { id?: unknown; version?: unknown };
  if (typeof r.id !== 'string' || typeof r.version !== 'string') return { sections, from };
  const candidates = lenders
    .filter((l): l is Record<string, unknown> => l !== null && typeof l === 'object' && !Array.isArray(l))
    .filter((l) => l.id === r.id && typeof l.version === 'string' && Array.isArray(l.restates) && l.restates.includes(r.version))
    .sort((a, b) => compareVersions(a.version as string, b.version as string));
  for (const section of RESTATED_SECTIONS) {
    if (Object.hasOwn(raw, section)) continue;
    const lender = candidates.find((l) => Object.hasOwn(l, section));
    if (!lender) continue;
    sections[section] = lender[section];
    from.set(section, lender.version as string);
  }
  return { sections, from };
}

/**
 * Validates and compiles one ruleset file; every problem goes to `issues`. `restaters` are the
 * other files given (rulesets and archive) that may restate it (see `restates`): a file that
 * names this one's version there lends it the sections it lacks.
 */
export function loadRuleset(
  raw: unknown,
  at: string,
  params: ParameterRegistry,
  kinds: ReadonlyMap<string, KindShape>,
  issues: Issue[],
  restaters: readonly unknown[] = [],
): LoadedRuleset | undefined {
  const shape = fileShapeIssues(raw, [at]);
  if (shape.length > 0) {
    issues.push(...shape);
    return undefined;
  }
  const restated = restaters.length > 0 && raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? restatedSections(raw, restaters) : { sections: {}, from: new Map<string, string>() };
  const parsed = rulesetFileSchema.safeParse(restated.from.size > 0 ? { ...(raw as object), ...restated.sections } : raw);
  if (!parsed.success) {
    issues.push(...zodIssues(parsed.error, [at]));
    return undefined;
  }
  const file = parsed.data;
  const start = issues.length;
  const hash = rulesetHash(raw as Record<string, unknown>);
  if (file.hash !== undefined && file.hash !== hash) {
    issues.push({ path: [at, 'hash'], message: `does not match the content (content hash is ${hash})` });
  }
  if (file.effectiveTo !== null && file.effectiveTo < file.effectiveFrom) {
    issues.push({ path: [at, 'effectiveTo'], message: `ends (${file.effectiveTo}) before it starts (${file.effectiveFrom})` });
  }
  const chain = new Set(jurisdictionChain(file.jurisdiction));
  const reads = new Set<string>();
  const checkParam = (id: string): string | undefined => {
    const s = params.get(id);
    if (!s) return `unknown parameter '${id}'`;
    if (!chain.has(s.jurisdiction)) return `parameter '${id}' belongs to ${s.jurisdiction}, which ${file.jurisdiction} does not inherit from`;
    reads.add(id);
    return undefined;
  };
  file.kinds.forEach((k, i) => {
    if (!kinds.has(k)) issues.push({ path: [at, 'kinds', i], message: `unknown decision kind '${k}' (known: ${[...kinds.keys()].join(', ')})` });
  });
  const cite = (article: string, docNo?: string): Citation => ({ docNo: docNo ?? file.source.docNo, article });

  const seen = new Set<string>();
  const rules: CompiledRule[] = file.rules.map((r, i) => {
    const p = [at, 'rules', i];
    const key = `${r.kind}/${r.id}`;
    if (seen.has(key)) issues.push({ path: [...p, 'id'], message: `duplicate rule id '${r.id}' for kind ${r.kind}` });
    seen.add(key);
    if (!file.kinds.includes(r.kind)) issues.push({ path: [...p, 'kind'], message: `kind '${r.kind}' is not among the ruleset's kinds` });
    const shape = kinds.get(r.kind);
    if (shape && !shape.scopes.includes(r.scope)) {
      issues.push({ path: [...p, 'scope'], message: `scope '${r.scope}' is not one of ${r.kind}'s scopes (${shape.scopes.join(', ')})` });
    }
    if (r.effect === 'warning' && !r.warningCode) issues.push({ path: [...p, 'warningCode'], message: 'a warning rule needs a warningCode' });
    const valueNames = new Set(Object.keys(r.values));
    const values = Object.entries(r.values).map(
      ([name, expr]) => [name, compileLogic(expr, [...p, 'values', name], issues, { checkParam })] as const,
    );
    for (const text of [r.message.holds.zh, r.message.holds.en, r.message.fails.zh, r.message.fails.en]) {
      for (const m of text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)(?::\d+)?\}/g)) {
        if (m[1] !== 'subject' && !valueNames.has(m[1]!)) issues.push({ path: [...p, 'message'], message: `message names {${m[1]}}, which is not one of the rule's values` });
      }
    }
    return {
      id: r.id,
      kind: r.kind,
      scope: r.scope,
      citation: cite(r.clause, r.docNo),
      effect: r.effect,
      warningCode: r.warningCode,
      values,
      test: compileLogic(r.test, [...p, 'test'], issues, { checkParam, valueNames }),
      message: r.message,
    };
  });

  const formulas = new Map<string, CompiledFormula>();
  file.formulas.forEach((f, i) => {
    const p = [at, 'formulas', i];
    if (formulas.has(f.id)) issues.push({ path: [...p, 'id'], message: `duplicate formula id '${f.id}'` });
    formulas.set(f.id, {
      id: f.id,
      kind: f.kind,
      citation: f.clause ? cite(f.clause) : undefined,
      expr: compileLogic(f.expr, [...p, 'expr'], issues, { checkParam }),
    });
  });
  const itemIds = new Set<string>();
  const items: CompiledItem[] = file.items.map((it, i) => {
    const p = [at, 'items', i];
    const key = `${it.kind}/${it.id}`;
    if (itemIds.has(key) || seen.has(key)) issues.push({ path: [...p, 'id'], message: `duplicate rule or item id '${it.id}' for kind ${it.kind}` });
    itemIds.add(key);
    if (!file.kinds.includes(it.kind)) issues.push({ path: [...p, 'kind'], message: `kind '${it.kind}' is not among the ruleset's kinds` });
    const shape = kinds.get(it.kind);
    if (shape && !shape.scopes.includes(it.scope)) {
      issues.push({ path: [...p, 'scope'], message: `scope '${it.scope}' is not one of ${it.kind}'s scopes (${shape.scopes.join(', ')})` });
    }
    if (shape && !(shape.itemTimings ?? []).includes(it.timing)) {
      issues.push({ path: [...p, 'timing'], message: `timing '${it.timing}' is not one of ${it.kind}'s item timings (${(shape.itemTimings ?? []).join(', ') || 'none'})` });
    }
    const valueNames = new Set(Object.keys(it.values));
    const values = Object.entries(it.values).map(
      ([name, expr]) => [name, compileLogic(expr, [...p, 'values', name], issues, { checkParam })] as const,
    );
    const funding = it.funding.map((part, j) => {
      const fp = [...p, 'funding', j];
      const last = j === it.funding.length - 1;
      const given = (part.upTo !== undefined ? 1 : 0) + (part.share !== undefined ? 1 : 0);
      if (last && given > 0) issues.push({ path: fp, message: 'the last funding part takes the rest: it has neither upTo nor share' });
      if (!last && given !== 1) issues.push({ path: fp, message: 'a funding part before the last has exactly one of upTo or share' });
      return {
        payer: part.payer,
        upTo: part.upTo === undefined ? undefined : compileLogic(part.upTo, [...fp, 'upTo'], issues, { checkParam, valueNames }),
        share: part.share === undefined ? undefined : compileLogic(part.share, [...fp, 'share'], issues, { checkParam, valueNames }),
      };
    });
    if (it.message) {
      for (const text of [it.message.holds.zh, it.message.holds.en, it.message.fails.zh, it.message.fails.en]) {
        for (const m of text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)(?::\d+)?\}/g)) {
          if (!['subject', 'amount', 'label'].includes(m[1]!) && !valueNames.has(m[1]!)) {
            issues.push({ path: [...p, 'message'], message: `message names {${m[1]}}, which is not one of the item's values` });
          }
        }
      }
    }
    return {
      id: it.id,
      kind: it.kind,
      scope: it.scope,
      code: it.code,
      citation: cite(it.clause, it.docNo),
      label: it.label,
      timing: it.timing,
      values,
      applies: compileLogic(it.applies, [...p, 'applies'], issues, { checkParam, valueNames }),
      amount: compileLogic(it.amount, [...p, 'amount'], issues, { checkParam, valueNames }),
      funding,
      message: it.message,
    };
  });

  const tables = new Map<string, CompiledTable>();
  file.tables.forEach((t, i) => {
    const p = [at, 'tables', i];
    const key = `${t.kind}/${t.id}`;
    if (tables.has(key)) issues.push({ path: [...p, 'id'], message: `duplicate table id '${t.id}' for kind ${t.kind}` });
    if (!file.kinds.includes(t.kind)) issues.push({ path: [...p, 'kind'], message: `kind '${t.kind}' is not among the ruleset's kinds` });
    const declared = kinds.get(t.kind)?.tables?.[t.id];
    if (kinds.has(t.kind) && !declared) {
      issues.push({ path: [...p, 'id'], message: `kind ${t.kind} reads no table '${t.id}' (it reads: ${Object.keys(kinds.get(t.kind)!.tables ?? {}).join(', ') || 'none'})` });
    }
    const conditionRule = (id: string) => rules.find((r) => r.kind === t.kind && r.id === id);
    const rows = t.rows.map((row, j) => {
      const rp = [...p, 'rows', j];
      for (const side of ['failed', 'held'] as const) {
        for (const id of row.when[side] ?? []) {
          const r = conditionRule(id);
          if (!r) issues.push({ path: [...rp, 'when', side], message: `names rule '${id}', which is not a rule of kind ${t.kind}` });
          else if (r.effect !== 'condition') issues.push({ path: [...rp, 'when', side], message: `names rule '${id}', a warning: only a condition fails or holds` });
        }
      }
      const facts = Object.entries(row.when.facts ?? {});
      for (const [name] of facts) {
        if (declared && !(declared.facts ?? []).includes(name)) {
          issues.push({ path: [...rp, 'when', 'facts', name], message: `kind ${t.kind} supplies no fact '${name}' to table '${t.id}' (it supplies: ${(declared.facts ?? []).join(', ') || 'none'})` });
        }
      }
      let then: unknown = row.then;
      if (declared) {
        const parsed = declared.then.safeParse(row.then);
        if (!parsed.success) issues.push(...zodIssues(parsed.error, [...rp, 'then']));
        else then = parsed.data;
        for (const field of declared.ruleFields ?? []) {
          const named = (row.then as Record<string, unknown>)[field];
          if (typeof named === 'string' && !conditionRule(named)) issues.push({ path: [...rp, 'then', field], message: `names rule '${named}', which is not a rule of kind ${t.kind}` });
        }
      }
      return { failed: row.when.failed ?? [], held: row.when.held ?? [], facts, then };
    });
    const last = t.rows[t.rows.length - 1]!.when;
    if ((last.failed ?? []).length + (last.held ?? []).length + Object.keys(last.facts ?? {}).length > 0) {
      issues.push({ path: [...p, 'rows', t.rows.length - 1, 'when'], message: 'the last row has an empty when (it decides every case no earlier row does)' });
    }
    tables.set(key, { id: t.id, kind: t.kind, citation: cite(t.clause, t.docNo), rows });
  });

  const noParams = { checkParam: () => 'an input check is run before any figure is read: it reads the input, not parameters' };
  const checkIds = new Set<string>();
  const inputChecks: CompiledInputCheck[] = file.inputChecks.map((c, i) => {
    const p = [at, 'inputChecks', i];
    if (checkIds.has(`${c.kind}/${c.id}`)) issues.push({ path: [...p, 'id'], message: `duplicate input check id '${c.id}' for kind ${c.kind}` });
    checkIds.add(`${c.kind}/${c.id}`);
    if (!file.kinds.includes(c.kind)) issues.push({ path: [...p, 'kind'], message: `kind '${c.kind}' is not among the ruleset's kinds` });
    const valueNames = new Set(Object.keys(c.values));
    for (const text of [c.message.zh, c.message.en]) {
      for (const m of text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)(?::\d+)?\}/g)) {
        if (!valueNames.has(m[1]!)) issues.push({ path: [...p, 'message'], message: `message names {${m[1]}}, which is not one of the check's values` });
      }
    }
    return {
      id: c.id,
      kind: c.kind,
      citation: cite(c.clause, c.docNo),
      path: c.path,
      code: c.code,
      values: Object.entries(c.values).map(([name, expr]) => [name, compileLogic(expr, [...p, 'values', name], issues, noParams)] as const),
      when: c.when === undefined ? undefined : compileLogic(c.when, [...p, 'when'], issues, { ...noParams, valueNames }),
      test: compileLogic(c.test, [...p, 'test'], issues, { ...noParams, valueNames }),
      message: c.message,
    };
  });

  if (file.payers) {
    const declared = new Set<string>();
    file.payers.forEach((payer, i) => {
      if (declared.has(payer.id)) issues.push({ path: [at, 'payers', i, 'id'], message: `duplicate payer '${payer.id}'` });
      declared.add(payer.id);
    });
    file.items.forEach((it, i) => {
      it.funding.forEach((part, j) => {
        if (!declared.has(part.payer)) issues.push({ path: [at, 'items', i, 'funding', j, 'payer'], message: `payer '${part.payer}' is not one of the ruleset's payers (${[...declared].join(', ')})` });
      });
    });
  }

  for (const k of file.kinds) {
    const contract = kinds.get(k);
    if (!contract) continue;
    issues.push(...contractIssues(at, file.jurisdiction, k, contract, formulas, rules, items, params, reads));
    for (const id of Object.keys(contract.tables ?? {})) {
      if (!tables.has(`${k}/${id}`)) issues.push({ path: [at, 'tables'], message: `kind ${k} needs a table '${id}': its code reads it` });
    }
    for (const path of contract.inputChecks ?? []) {
      if (!inputChecks.some((c) => c.kind === k && c.path.join('.') === path)) {
        issues.push({ path: [at, 'inputChecks'], message: `kind ${k} needs an input check at '${path}': the law decides when that input is acceptable` });
      }
    }
    if (contract.declaresPayers && !file.payers) issues.push({ path: [at, 'payers'], message: `kind ${k} needs the ruleset's payers declared ('payers'): its items' funding names them` });
  }
  if (issues.length > start) return undefined;
  return {
    id: file.id,
    jurisdiction: file.jurisdiction,
    kinds: file.kinds,
    version: file.version,
    effectiveFrom: file.effectiveFrom,
    effectiveTo: file.effectiveTo,
    sunset: file.effectiveTo,
    ends: new Map(file.kinds.map((k) => [k, file.effectiveTo])),
    reads,
    source: { docNo: file.source.docNo, title: file.source.title, issuedOn: file.source.issuedOn },
    hash,
    file,
    rules,
    formulas,
    items,
    tables,
    inputChecks,
    payers: file.payers,
    restatedBy: restated.from,
  };
}

/** What a ruleset lacks of its kind's contract (each a problem naming what is missing). */
function contractIssues(
  at: string,
  jurisdiction: string,
  kind: string,
  contract: KindContract,
  formulas: ReadonlyMap<string, CompiledFormula>,
  rules: readonly CompiledRule[],
  items: readonly CompiledItem[],
  params: ParameterRegistry,
  reads: Set<string>,
): Issue[] {
  const issues: Issue[] = [];
  for (const needed of contract.formulas ?? []) {
    if (!formulas.has(needed)) issues.push({ path: [at, 'formulas'], message: `kind ${kind} needs a formula '${needed}'` });
  }
  for (const [id, scope] of Object.entries(contract.rules ?? {})) {
    const r = rules.find((x) => x.kind === kind && x.id === id);
    if (!r) issues.push({ path: [at, 'rules'], message: `kind ${kind} needs a rule '${id}' (scope ${scope}): its code reads that rule's outcome` });
    else if (r.scope !== scope) issues.push({ path: [at, 'rules'], message: `kind ${kind} reads rule '${id}' in scope ${scope}, but the ruleset gives it scope ${r.scope}` });
    else if (r.effect !== 'condition') issues.push({ path: [at, 'rules'], message: `kind ${kind} reads rule '${id}' as a condition, but the ruleset makes it a warning` });
  }
  for (const code of contract.itemCodes ?? []) {
    if (!items.some((x) => x.kind === kind && x.code === code)) issues.push({ path: [at, 'items'], message: `kind ${kind} needs an item with code '${code}'` });
  }
  for (const role of contract.parameterRoles ?? []) {
    const id = resolveRole(params, jurisdiction, role);
    if (id === undefined) issues.push({ path: [at, 'kinds'], message: `kind ${kind} reads the parameter '${role}': no series ${jurisdiction}.${role} (or of a parent jurisdiction)` });
    else reads.add(id);
  }
  return issues;
}

/**
 * The first day of [from, to] (to null = open) on which a parameter series has no value, if any.
 *
 * @example
 * ```ts
 * firstUncoveredDay(params, 'cn.hunan.shaoyang.min-age', '2020-01-01', null); // undefined: covered
 * ```
 */
export function firstUncoveredDay(params: ParameterRegistry, id: string, from: string, to: string | null): string | undefined {
  const series = params.get(id);
  if (!series) return from;
  let day = from;
  for (const v of series.values) {
    if (v.to !== null && v.to < day) continue;
    if (v.from > day) return day;
    if (v.to === null) return undefined;
    if (to !== null && v.to >= to) return undefined;
    day = addDaysIso(v.to, 1);
  }
  return day;
}

/** Compares two semver versions (numeric parts as numbers). */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return String(x).localeCompare(String(y), 'en', { numeric: true });
  }
  return 0;
}

/**
 * Rulesets by jurisdiction and kind. A version is in force from its `effectiveFrom` until the
 * day before the next version of the same jurisdiction and kind starts, or until the sunset its
 * file states, whichever comes first: adding a version is adding a file, and no earlier file
 * (nor its hash) changes.
 */
export class RulesetRegistry {
  private readonly byKey = new Map<string, LoadedRuleset[]>();
  private readonly byHash = new Map<string, LoadedRuleset>();
  readonly list: readonly LoadedRuleset[];

  private constructor(list: readonly LoadedRuleset[]) {
    const byKey = new Map<string, LoadedRuleset[]>();
    for (const r of list) {
      for (const k of r.kinds) {
        const key = `${r.jurisdiction}|${k}`;
        const arr = byKey.get(key) ?? [];
        arr.push(r);
        byKey.set(key, arr);
      }
    }
    // Each kind's end: the next version's start − 1, or the sunset, whichever is first.
    const ends = new Map<LoadedRuleset, Map<string, string | null>>(list.map((r) => [r, new Map(r.ends)]));
    const next = new Map<LoadedRuleset, LoadedRuleset>();
    for (const [key, arr] of byKey) {
      const kind = key.split('|')[1]!;
      arr.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : compareVersions(a.version, b.version)));
      for (let i = 0; i + 1 < arr.length; i++) {
        const cur = arr[i]!;
        const following = arr[i + 1]!;
        if (following.effectiveFrom <= cur.effectiveFrom) continue; // reported by load()
        const dayBefore = addDaysIso(following.effectiveFrom, -1);
        const sunset = cur.sunset;
        ends.get(cur)!.set(kind, sunset !== null && sunset < dayBefore ? sunset : dayBefore);
        if (!next.has(cur)) next.set(cur, following);
      }
    }
    this.list = list.map((r) => {
      const e = ends.get(r)!;
      const values = [...e.values()];
      const effectiveTo = values.includes(null) ? null : values.reduce<string | null>((a, b) => (a === null || (b !== null && b > a) ? b : a), null);
      const n = next.get(r);
      const out: LoadedRuleset = { ...r, ends: e, effectiveTo, ...(n ? { supersededBy: n.id } : {}) };
      return out;
    });
    for (const r of this.list) {
      this.byHash.set(r.hash, r);
      for (const k of r.kinds) {
        const key = `${r.jurisdiction}|${k}`;
        const arr = this.byKey.get(key) ?? [];
        arr.push(r);
        this.byKey.set(key, arr);
      }
    }
    for (const arr of this.byKey.values()) arr.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  /**
   * Loads rulesets; throws one RulesetError listing every problem: schema, rules, contracts, two
   * versions starting on the same day for the same jurisdiction and kind, a sunset that leaves a
   * gap before the next version, duplicate ids, and a parameter the ruleset reads that has no
   * value on some day of its window. `restaters`: files that may restate one of these (`restates`).
   */
  static load(raws: readonly unknown[], params: ParameterRegistry, kinds: ReadonlyMap<string, KindShape>, restaters: readonly unknown[] = []): RulesetRegistry {
    const issues: Issue[] = [];
    const loaded: LoadedRuleset[] = [];
    raws.forEach((raw, i) => {
      const id = raw !== null && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : `#${i}`;
      const r = loadRuleset(raw, `ruleset ${id}`, params, kinds, issues, restaters);
      if (r) loaded.push(r);
    });
    const ids = new Set<string>();
    for (const r of loaded) {
      if (ids.has(r.id)) issues.push({ path: [`ruleset ${r.id}`, 'id'], message: 'two rulesets have this id' });
      ids.add(r.id);
    }
    const reg = new RulesetRegistry(loaded);
    for (const [key, arr] of reg.byKey) {
      const [jurisdiction, kind] = key.split('|');
      for (let i = 1; i < arr.length; i++) {
        const prev = arr[i - 1]!;
        const cur = arr[i]!;
        const where = [`ruleset ${cur.id}`, 'effectiveFrom'];
        if (cur.effectiveFrom === prev.effectiveFrom) {
          issues.push({
            path: where,
            message: `starts on the same day as ${prev.id} (${prev.effectiveFrom}) for ${jurisdiction} ${kind}: a corrected version replaces the old file, which moves to the archive (rulesets/<jurisdiction>/archive/) so that its records still replay`,
          });
        } else if (prev.sunset !== null && addDaysIso(prev.sunset, 1) < cur.effectiveFrom) {
          issues.push({ path: where, message: `leaves a gap after ${prev.id} ends on ${prev.sunset} for ${jurisdiction} ${kind}` });
        }
      }
    }
    for (const r of reg.list) {
      for (const id of [...r.reads].sort()) {
        const gap = firstUncoveredDay(params, id, r.effectiveFrom, r.effectiveTo);
        if (gap !== undefined) {
          issues.push({
            code: 'parameter_gap',
            path: [`ruleset ${r.id}`, 'parameters', id],
            message: `the ruleset reads ${id}, which has no value on ${gap}, inside its window (${r.effectiveFrom} to ${r.effectiveTo ?? 'open'})`,
          });
        }
      }
    }
    if (issues.length > 0) throw new RulesetError(issues);
    return reg;
  }

  /** Every jurisdiction with a ruleset deciding a kind. */
  jurisdictionsFor(kind: string): string[] {
    return [...new Set(this.list.filter((r) => r.kinds.includes(kind)).map((r) => r.jurisdiction))];
  }

  byContentHash(hash: string): LoadedRuleset | undefined {
    return this.byHash.get(hash);
  }

  /** The one ruleset in force for a jurisdiction, kind and date; otherwise NoRulesetInForceError. */
  resolve(jurisdiction: string, kind: string, date: string): LoadedRuleset {
    const arr = this.byKey.get(`${jurisdiction}|${kind}`);
    if (!arr || arr.length === 0) {
      const known = this.jurisdictionsFor(kind);
      throw new NoRulesetInForceError(
        jurisdiction,
        kind,
        date,
        known.length > 0 ? `No ruleset of this jurisdiction decides '${kind}'; ${known.join(', ')} do` : `No ruleset decides '${kind}'`,
      );
    }
    for (const r of arr) {
      const end = endOf(r, kind);
      if (r.effectiveFrom <= date && (end === null || date <= end)) return r;
    }
    const windows = arr.map((r) => `${r.id}: ${r.effectiveFrom} to ${endOf(r, kind) ?? 'open'}`).join('; ');
    const first = arr[0]!;
    const lastEnd = endOf(arr[arr.length - 1]!, kind);
    let note = '';
    if (date < first.effectiveFrom && first.file.supersedes) {
      const s = first.file.supersedes;
      note = `. Before ${first.effectiveFrom} ${s.docNo} applied${s.available ? '' : ', which this package does not carry'}: ${s.note.en}`;
    } else if (lastEnd !== null && date > lastEnd) {
      note = `. No ruleset after ${lastEnd} is known yet`;
    }
    throw new NoRulesetInForceError(jurisdiction, kind, date, `Rulesets known: ${windows}${note}`);
  }
}

/**
 * The last day a ruleset decides a kind (null: open-ended). A function of the module, not a
 * closure made in `resolve`: that runs once a decision, and a closure made there costs a
 * function object each time (and, under tsx, a call naming it).
 */
function endOf(r: LoadedRuleset, kind: string): string | null {
  return r.ends.get(kind) ?? null;
}
