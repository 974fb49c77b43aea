/**
 * Issue 17, "jurisdiction-specific law out of the kinds": Taizhou's enrolment status table (三(四))
 * and priority order of freed places (三(三)), and Gucun's 四(一) conditions on the input and its
 * payers, are in the rulesets, declared by the kinds' contracts and checked at load. A copy of a
 * ruleset without one does not load (a RulesetError naming it); a copy that changes one changes the
 * decision, so the kind reads the law from the data and not from its code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { payoutPayersSource } from '../../scripts/gen-ids';
import { createEngine, InputError, NoRulesetInForceError, RulesetError, type PayoutInput, type PayoutItem, type ReallocationInput } from '../../src';
import { engine } from '../helpers';

type Json = Record<string, unknown>;
type Row = { when: Json; then: Json };
type Table = { id: string; kind: string; rows: Row[] };
const read = (path: string): Json => JSON.parse(readFileSync(new URL(`../../rulesets/${path}`, import.meta.url), 'utf8')) as Json;
const taizhou = read('cn.zhejiang.taizhou/ruleset.2019-08-09.json');
const gucun = read('cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json');
const copy = (f: Json): Json => {
  const c = structuredClone(f);
  delete c.hash;
  return c;
};
const tablesOf = (f: Json) => f.tables as Table[];
const table = (f: Json, id: string) => tablesOf(f).find((t) => t.id === id)!;

function loadError(rulesets: unknown[], more: { archive?: unknown[] } = {}): string {
  try {
    createEngine({ rulesets, ...more });
  } catch (e) {
    if (e instanceof RulesetError) return e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    throw e;
  }
  return '(loaded)';
}

describe('Taizhou 三(四): the enrolment status table is the ruleset’s', () => {
  it('the bundled file states it and loads', () => {
    expect(table(taizhou, 'enrollment-status').rows).toHaveLength(5);
    expect(loadError([copy(taizhou)])).toBe('(loaded)');
  });
  it('a copy without it: a RulesetError naming the table', () => {
    const c = copy(taizhou);
    c.tables = tablesOf(c).filter((t) => t.id !== 'enrollment-status');
    expect(loadError([c])).toContain("kind enrollment needs a table 'enrollment-status': its code reads it");
  });
  it('a copy whose rule enrolled-by-deadline is renamed: the table names a rule that is not there', () => {
    const c = copy(taizhou);
    (c.rules as Array<{ id: string }>).find((r) => r.id === 'enrolled-by-deadline')!.id = 'enrolled-in-time';
    expect(loadError([c])).toContain("names rule 'enrolled-by-deadline', which is not a rule of kind enrollment");
  });
  it('every rule a Taizhou table names, renamed in a copy: a RulesetError naming that rule', () => {
    const named = tablesOf(taizhou).flatMap((t) => t.rows.flatMap((r) => [...((r.when.failed as string[]) ?? []), ...((r.when.held as string[]) ?? []), ...(typeof r.then.decidedBy === 'string' ? [r.then.decidedBy] : [])].map((id) => [t.kind, id] as const)));
    const unique = [...new Map(named.map((n) => [n.join('/'), n])).values()];
    expect(unique.map((n) => n.join('/')).sort()).toEqual([
      'enrollment/enrolled-by-deadline', 'enrollment/no-waiver-declared', 'enrollment/not-deemed-waived',
      'reallocation/candidate-land-expropriated', 'reallocation/candidate-not-insured', 'reallocation/candidate-same-collective',
    ]);
    for (const [kind, id] of unique) {
      const c = copy(taizhou);
      (c.rules as Array<{ id: string; kind: string }>).find((r) => r.id === id && r.kind === kind)!.id = `${id}-renamed`;
      expect(loadError([c])).toContain(`names rule '${id}', which is not a rule of kind ${kind}`);
    }
  });
  it('a row giving a status the kind does not know, a fact it does not supply, a last row with a condition: each named', () => {
    const c = copy(taizhou);
    const rows = table(c, 'enrollment-status').rows;
    rows[1]!.then.status = 'registered';
    rows[3]!.when.facts = { paid: true };
    rows.pop();
    const msg = loadError([c]);
    expect(msg).toMatch(/tables\.0\.rows\.1\.then\.status: .*"enrolled"/);
    expect(msg).toContain("kind enrollment supplies no fact 'paid' to table 'enrollment-status' (it supplies: completed)");
    expect(msg).toContain('the last row has an empty when');
  });
  it('a table no kind reads: named', () => {
    const c = copy(taizhou);
    tablesOf(c).push({ id: 'quota-order', kind: 'quota', rows: [{ when: {}, then: {} }] } as Table & { clause?: string });
    (tablesOf(c).at(-1) as Json).clause = '三(二)';
    expect(loadError([c])).toContain("kind quota reads no table 'quota-order' (it reads: none)");
  });
  it('the status comes from the table: a copy where missing the deadline without just cause leaves the nominee pending instead of deemed waived', () => {
    // 三(四): “无正当理由未在规定期限内参保的，视为放弃参保”. Roster 2020-06-15, valid 12 months to
    // 2021-06-15; paid 2021-06-16 with no just cause → deemed waived, one place freed.
    const input = { rosterReportedOn: '2020-06-15', nominees: [{ id: 'N1', enrolledOn: '2021-06-16', paidOn: '2021-06-16' }] };
    const asOf = { asOf: '2021-07-01' };
    const bundled = engine.enrollment(input, asOf).outcome;
    expect(bundled.nominees[0]).toMatchObject({ status: 'waived', waivedHow: 'deemed', decidedBy: 'not-deemed-waived' });
    expect(bundled.freedPlaces).toBe(1);
    const c = copy(taizhou);
    table(c, 'enrollment-status').rows[2]!.then = { status: 'pending', decidedBy: 'not-deemed-waived' };
    const changed = createEngine({ rulesets: [c] }).enrollment(input, asOf).outcome;
    expect(changed.nominees[0]).toMatchObject({ status: 'pending', waivedHow: null, decidedBy: 'not-deemed-waived' });
    expect(changed.freedPlaces).toBe(0);
  });
});

describe('Taizhou 三(三): the priority order of freed places is the ruleset’s', () => {
  type Candidate = ReallocationInput['candidates'][number];
  const cand = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, collectiveMember: true, landExpropriated: true, alreadyInsured: false, ...over });
  const procedure = {
    suggestedOn: '2021-07-01', proposedOn: '2021-07-03', consultedOn: '2021-07-05', reviewedOn: '2021-07-08', resolvedOn: '2021-07-10',
    resolutionAdopted: true, resolutionDisclosedOn: '2021-07-11', resultDisclosedOn: '2021-07-20',
  };
  // One place; the list gives A (land not expropriated) before B (land expropriated).
  const input: ReallocationInput = { rosterReportedOn: '2020-06-15', freedPlaces: 1, candidates: [cand('A', { landExpropriated: false }), cand('B')], procedure };

  it('a copy without it: a RulesetError naming the order', () => {
    const c = copy(taizhou);
    c.tables = tablesOf(c).filter((t) => t.id !== 'reallocation-priority');
    expect(loadError([c])).toContain("kind reallocation needs a table 'reallocation-priority': its code reads it");
  });
  it('a rank that is not a whole number from 1: named', () => {
    const c = copy(taizhou);
    table(c, 'reallocation-priority').rows[2]!.then.rank = 0;
    expect(loadError([c])).toMatch(/tables\.1\.rows\.2\.then\.rank: /);
  });
  it('三(三) “优先用于解决…已征地但尚未参保的成员”: B, whose land was expropriated, gets the one place although listed second', () => {
    const o = engine.reallocation(input).outcome;
    expect(o.assigned).toEqual([{ id: 'B', priority: true }]);
    expect(o.notAssigned).toEqual([{ id: 'A', failed: ['candidate-land-expropriated', 'no-place-left'] }]);
  });
  it('the order comes from the table: a copy that ranks the others first gives the place to A', () => {
    const c = copy(taizhou);
    const rows = table(c, 'reallocation-priority').rows;
    rows[2]!.then = { rank: 2, priority: true };
    rows[3]!.then = { rank: 1 };
    const o = createEngine({ rulesets: [c] }).reallocation(input).outcome;
    expect(o.assigned).toEqual([{ id: 'A', priority: false }]);
  });
  it('non-members and people already insured get no place, whatever the places left (rank null)', () => {
    const o = engine.reallocation({ ...input, freedPlaces: 3, candidates: [cand('M', { collectiveMember: false }), cand('I', { alreadyInsured: true }), cand('B')] }).outcome;
    expect(o.assigned.map((a) => a.id)).toEqual(['B']);
    expect(o.remaining).toBe(2);
  });
});

describe('Gucun 四(一): the conditions on the election and the account are the ruleset’s input checks, run before anything is decided', () => {
  const person = (over: Partial<PayoutInput['person']> = {}): PayoutInput['person'] => ({ id: 'P', sex: 'male', birthDate: '1960-01-01', pensionStatus: 'resident-pension', cooperated: true, ...over });
  const issues = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof InputError) return e.issues.map((i) => ({ code: i.code, path: i.path.join('.'), message: i.message }));
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('a copy without the input checks: a RulesetError naming both inputs the law decides', () => {
    const c = copy(gucun);
    delete c.inputChecks;
    const msg = loadError([c]);
    expect(msg).toContain("kind payout needs an input check at 'person.electsEmployeeInsurance'");
    expect(msg).toContain("kind payout needs an input check at 'person.residentPensionAccount'");
  });
  it('四(一) “已享受城乡居民养老保险待遇的”: electing without drawing the resident pension, and without the account: one InputError with both, each with its code', () => {
    expect(issues(() => engine.payout({ expropriationDate: '2023-06-15', person: person({ pensionStatus: 'none', electsEmployeeInsurance: true }) }))).toEqual([
      { code: 'ELECTION_NEEDS_RESIDENT_PENSION', path: 'input.person.electsEmployeeInsurance', message: "only a person drawing the resident pension (pensionStatus 'resident-pension') elects employee insurance (四(一))" },
      { code: 'RESIDENT_ACCOUNT_REQUIRED', path: 'input.person.residentPensionAccount', message: 'required when electsEmployeeInsurance is true (四(一) pays 3 years from the account balance)' },
    ]);
  });
  it('the parts of the balance: 8000.27 + 7000.28 = 15000.55 > 15000.54 is refused; 15000.55 exactly is accepted', () => {
    const account = { balance: '15000.54', individualContributions: '8000.27', collectiveSubsidies: '7000.28' };
    expect(issues(() => engine.payout({ expropriationDate: '2023-06-15', person: person({ electsEmployeeInsurance: true, residentPensionAccount: account }) }))).toEqual([
      { code: 'ACCOUNT_PARTS_EXCEED_BALANCE', path: 'input.person.residentPensionAccount', message: 'individualContributions (8000.27) + collectiveSubsidies (7000.28) exceed the balance (15000.54): they are parts of the balance (四(一))' },
    ]);
    const ok = engine.payout({ expropriationDate: '2023-06-15', person: person({ electsEmployeeInsurance: true, residentPensionAccount: { ...account, balance: '15000.55' } }) });
    expect(ok.outcome.stage).toBe('pension');
  });
  it('the checks need an input the schema accepts: with a schema problem too, that is reported first, alone (a known limit)', () => {
    const account = { balance: '15000.54', individualContributions: '8000.27', collectiveSubsidies: '7000.28' };
    expect(issues(() => engine.payout({ expropriationDate: '2023-06-15', person: person({ birthDate: '2023-06-16', electsEmployeeInsurance: true, residentPensionAccount: account }) }))).toEqual([
      { code: 'custom', path: 'input.person.birthDate', message: 'is after the expropriation date 2023-06-15' },
    ]);
  });
  it('the checks and the overrides’ problems come in one InputError', () => {
    expect(issues(() => engine.evaluate({ kind: 'payout', input: { expropriationDate: '2023-06-15', person: person({ pensionStatus: 'none', electsEmployeeInsurance: true, residentPensionAccount: { balance: '1', individualContributions: '0', collectiveSubsidies: '0' } }) }, parameters: { 'cn.shanghai.no-such-figure': 1 } })).map((i) => i.code)).toEqual(['ELECTION_NEEDS_RESIDENT_PENSION', 'unknown_parameter']);
  });
  it('a check the law does not have is not invented: a copy without the election check accepts the election', () => {
    const c = copy(gucun);
    c.inputChecks = (c.inputChecks as Array<{ id: string; path: string[] }>).map((x) => (x.id === 'election-by-resident-pensioner' ? { ...x, when: false } : x));
    const d = createEngine({ rulesets: [c] }).payout({ expropriationDate: '2023-06-15', person: person({ pensionStatus: 'none', electsEmployeeInsurance: true, residentPensionAccount: { balance: '1', individualContributions: '0', collectiveSubsidies: '0' } }) });
    expect(d.kind).toBe('payout');
  });
  it('two input checks with one id: named', () => {
    const c = copy(gucun);
    const checks = c.inputChecks as Json[];
    checks[2]!.id = checks[0]!.id;
    expect(loadError([c])).toContain("duplicate input check id 'election-by-resident-pensioner' for kind payout");
  });
  it('an input check may not read a parameter (it runs before any figure is read): named', () => {
    const c = copy(gucun);
    (c.inputChecks as Json[])[0]!.test = { '==': [{ param: 'cn.shanghai.baoshan.gucun.signing-fee' }, 3000] };
    expect(loadError([c])).toContain('an input check is run before any figure is read');
  });
  it('no ruleset in force (before 2022-04-01): NO_RULESET_IN_FORCE, not the check', () => {
    expect(() => engine.payout({ expropriationDate: '2021-06-01', person: person({ pensionStatus: 'none', electsEmployeeInsurance: true }) })).toThrow(NoRulesetInForceError);
  });
});

describe('Gucun: the payers are declared by the ruleset and every item’s funding is checked against them', () => {
  it('the bundled file declares acquiring-unit, district, town and individual-account', () => {
    expect((gucun.payers as Array<{ id: string }>).map((p) => p.id)).toEqual(['acquiring-unit', 'district', 'town', 'individual-account']);
  });
  it('the public payer type is generated from them and is the union API.md fixes (npm run ids)', () => {
    expect(readFileSync(new URL('../../src/kinds/payout/payers.ts', import.meta.url), 'utf8')).toBe(payoutPayersSource());
    expectTypeOf<PayoutItem['funding'][number]['payer']>().toEqualTypeOf<'acquiring-unit' | 'district' | 'town' | 'individual-account'>();
  });
  it('a copy without payers: a RulesetError naming them', () => {
    const c = copy(gucun);
    delete c.payers;
    expect(loadError([c])).toContain("kind payout needs the ruleset's payers declared ('payers')");
  });
  it('a copy that leaves out the town: every item the town funds is named', () => {
    const c = copy(gucun);
    c.payers = (c.payers as Array<{ id: string }>).filter((p) => p.id !== 'town');
    const msg = loadError([c]);
    // 四(一), 六, 七 and the later subsidies: every item with a town part.
    const townParts = (gucun.items as Array<{ funding: Array<{ payer: string }> }>).flatMap((it) => it.funding).filter((f) => f.payer === 'town').length;
    expect(msg.match(/payer 'town' is not one of the ruleset's payers/g)).toHaveLength(townParts);
    expect(townParts).toBeGreaterThan(10);
  });
});

describe('a restatement: the archived versions, written when the kinds held this law in code, read it from the version that restates them', () => {
  const archived = (p: string) => read(p);
  it('Taizhou 1.1.0 and Gucun 1.1.0 are archived byte for byte: the current files differ only by the restated sections, version, restates and the note', () => {
    for (const [cur, old, sections] of [
      [taizhou, archived('cn.zhejiang.taizhou/archive/1.1.0.json'), ['tables']],
      [gucun, archived('cn.shanghai.baoshan.gucun/archive/1.1.0.json'), ['inputChecks', 'payers']],
    ] as const) {
      const strip = (f: Json) => {
        const c = copy(f);
        for (const k of [...sections, 'version', 'restates', 'interpretations']) delete c[k];
        return c;
      };
      expect(strip(cur)).toEqual(strip(old));
      expect(cur.restates).toEqual(['1.0.0', '1.1.0']);
    }
  });
  it('without the restating version, an old file does not load: it lacks what its kinds now read', () => {
    const old = archived('cn.zhejiang.taizhou/archive/1.1.0.json');
    const msg = loadError([old], {});
    expect(msg).toContain("kind enrollment needs a table 'enrollment-status'");
    // given the restating version (here in the archive), it reads the tables from it
    expect(loadError([old], { archive: [taizhou] })).toBe('(loaded)');
  });
  it('a version that does not name the old one in `restates` lends it nothing', () => {
    const old = archived('cn.zhejiang.taizhou/archive/1.1.0.json');
    const lender = copy(taizhou);
    lender.restates = ['1.0.0'];
    expect(loadError([old], { archive: [lender] })).toContain("kind enrollment needs a table 'enrollment-status'");
  });
  it('the bundled engine has both archived versions, each deciding as its records say (every fixture record replays matched: test/audit)', () => {
    const versions = engine.archivedRulesets().map((r) => `${r.id}@${r.version}`);
    expect(versions).toEqual(expect.arrayContaining(['cn.zhejiang.taizhou/2019-08-09@1.1.0', 'cn.shanghai.baoshan.gucun/2022-04-01@1.1.0']));
    const old = (name: string) => readFileSync(new URL(`../../fixtures/decisions/archive/${name}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
    const tz = old('cn.zhejiang.taizhou@1.1.0');
    const gc = old('cn.shanghai.baoshan.gucun@1.1.0');
    expect(engine.replay(tz)).toEqual({ total: 5, matched: 5, mismatched: [], failed: [] });
    expect(engine.replay(gc)).toEqual({ total: 49, matched: 49, mismatched: [], failed: [] });
  });
});
