/**
 * Builds the decision fixtures (fixtures/decisions/*.jsonl) from the sample registry: one file
 * per jurisdiction with a record per sample, and tampered.jsonl with deliberate changes.
 * Deterministic: the same rulesets and samples give the same bytes.
 */
import { Dec } from '../../src/engine/decimal';
import { sha256Hex } from '../../src/engine/canonical-json';
import { createEngine, sealRecord, toRecord, type DecisionRecord, type Engine, type EvaluateRequest } from '../../src';
import { DECISION_FIXTURE_SOURCES, loadSamples, requestOf } from './sources';

/** The records of every sample, by jurisdiction, in registry order. */
export function buildRecords(engine: Engine = createEngine()): Map<string, DecisionRecord[]> {
  const byJurisdiction = new Map<string, DecisionRecord[]>();
  for (const source of DECISION_FIXTURE_SOURCES) {
    for (const s of loadSamples(source)) {
      const request = requestOf(source, s) as EvaluateRequest;
      const record = toRecord(engine.evaluate(request), { id: s.id });
      const list = byJurisdiction.get(source.jurisdiction) ?? [];
      list.push(record);
      byJurisdiction.set(source.jurisdiction, list);
    }
  }
  return byJurisdiction;
}

type Json = unknown;
type Leaf = { path: Array<string | number>; value: unknown };

function leaves(v: Json, path: Array<string | number> = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  else out.push({ path, value: v });
  return out;
}

function setAt(root: Json, path: ReadonlyArray<string | number>, value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const isDecimalString = (v: unknown): v is string => typeof v === 'string' && /^-?\d+\.\d+$/.test(v);

/** A tampered copy: what was changed, and the record. */
export interface Tampering {
  what: string;
  record: DecisionRecord;
}

/**
 * Copies of a few records with deliberate changes (generic over kinds):
 * 1. `amount`: the first decimal in an outcome (keys in canonical order) raised by 1, record resealed;
 * 2. `outcome`: the first `false` in an outcome turned `true` (someone refused becomes
 *    eligible), record resealed;
 * 3. `reason`: the first reason that did not hold marked as holding, record resealed;
 * 4. `unknown-ruleset`: the ruleset hash replaced by one no ruleset has, record resealed;
 * 5. `unsealed`: like 1 but without recomputing `recordHash` (a naive edit);
 * 6. `money`: the first money item of a payout (`outcome.items[0].amount`) raised by 1 yuan,
 *    record resealed — what an edited bill looks like.
 */
export function tamper(records: readonly DecisionRecord[]): Tampering[] {
  const out: Tampering[] = [];
  const withLeaf = (pred: (l: Leaf) => boolean) => {
    for (const r of records) {
      const l = leaves(r.decision.outcome).find(pred);
      if (l) return { r, l };
    }
    return undefined;
  };
  const amount = withLeaf((l) => isDecimalString(l.value));
  const retag = (r: DecisionRecord, what: string): DecisionRecord => ({ ...clone(r), id: `tampered/${what}/${r.id ?? ''}` });
  const raise = (v: string) => new Dec(v).plus(1).toFixed(v.split('.')[1]!.length);
  if (amount) {
    const t = retag(amount.r, 'amount');
    setAt(t.decision.outcome, amount.l.path, raise(amount.l.value as string));
    out.push({ what: `outcome.${amount.l.path.join('.')} ${String(amount.l.value)} → ${raise(amount.l.value as string)}`, record: sealRecord(t) });
  }
  const flip = withLeaf((l) => l.value === false);
  if (flip) {
    const t = retag(flip.r, 'outcome');
    setAt(t.decision.outcome, flip.l.path, true);
    out.push({ what: `outcome.${flip.l.path.join('.')} false → true`, record: sealRecord(t) });
  }
  const withFailing = records.find((r) => r.decision.reasons.some((x) => !x.holds && x.effect !== 'warning'));
  if (withFailing) {
    const t = retag(withFailing, 'reason');
    const i = t.decision.reasons.findIndex((x) => !x.holds && x.effect !== 'warning');
    t.decision.reasons[i]!.holds = true;
    out.push({ what: `reasons[${i}].holds false → true (${t.decision.reasons[i]!.rule})`, record: sealRecord(t) });
  }
  if (records[0]) {
    const t = retag(records[0], 'unknown-ruleset');
    const fake = sha256Hex(`a ruleset this engine never had: ${t.ruleset.id} 0.9.0-draft`);
    t.ruleset.hash = fake;
    t.decision.ruleset.hash = fake;
    t.ruleset.version = '0.9.0-draft';
    t.decision.ruleset.version = '0.9.0-draft';
    out.push({ what: `ruleset hash → ${fake.slice(0, 12)} (version 0.9.0-draft, unknown)`, record: sealRecord(t) });
  }
  const bill = records.find((r) => r.decision.kind === 'payout' && leaves(r.decision.outcome).some((l) => l.path.join('.') === 'items.0.amount'));
  if (bill) {
    const t = retag(bill, 'money');
    const before = (bill.decision.outcome as { items: Array<{ amount: string }> }).items[0]!.amount;
    setAt(t.decision.outcome, ['items', 0, 'amount'], raise(before));
    out.push({ what: `outcome.items.0.amount ${before} → ${raise(before)}`, record: sealRecord(t) });
  }
  if (amount) {
    const t = retag(amount.r, 'unsealed');
    setAt(t.decision.outcome, amount.l.path, raise(amount.l.value as string));
    t.recordHash = amount.r.recordHash;
    out.push({ what: `outcome.${amount.l.path.join('.')} changed, recordHash left as it was`, record: t });
  }
  return out;
}

/** File name under fixtures/decisions/ → content. */
export function buildDecisionFixtures(engine: Engine = createEngine()): Map<string, string> {
  const files = new Map<string, string>();
  const all: DecisionRecord[] = [];
  for (const [jurisdiction, records] of buildRecords(engine)) {
    files.set(`${jurisdiction}.jsonl`, records.map((r) => JSON.stringify(r) + '\n').join(''));
    all.push(...records);
  }
  files.set('tampered.jsonl', tamper(all).map((t) => JSON.stringify(t.record) + '\n').join(''));
  return files;
}
