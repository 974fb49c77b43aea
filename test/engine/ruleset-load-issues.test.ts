import { describe, expect, it } from 'vitest';
import { createEngine, RulesetError } from '../../src';
import { BUNDLED_PARAMETERS } from '../../src/bundled';
import { BUNDLED_KINDS } from '../../src/kinds';
import { ParameterRegistry } from '../../src/engine/parameters';
import { RulesetRegistry } from '../../src/engine/ruleset';
import shaoyang from '../../rulesets/cn.hunan.shaoyang/ruleset.2020-01-01.json';
import gucun from '../../rulesets/cn.shanghai.baoshan.gucun/ruleset.2022-04-01.json';

// Every problem loading a ruleset file reports (docs/rulesets.md, "What loading checks"), each
// at its exact path with its exact text, so that the author of a rule file from another office
// can find the line to fix. One file at a time; each case changes one thing of a bundled file.

const params = ParameterRegistry.fromFiles(BUNDLED_PARAMETERS);
const kinds = new Map(Object.entries(BUNDLED_KINDS).map(([k, m]) => [k, m.contract] as const));
type File = Record<string, unknown> & {
  rules: Array<Record<string, unknown>>;
  formulas: Array<Record<string, unknown>>;
  items: Array<Record<string, unknown>>;
};
const copy = (base: object): File => {
  const f = structuredClone(base) as File;
  delete f.hash;
  return f;
};
/** `path: message` of every issue of loading these files; [] when they load. */
function issuesOf(...raws: unknown[]): string[] {
  try {
    RulesetRegistry.load(raws, params, kinds);
  } catch (e) {
    if (!(e instanceof RulesetError)) throw e;
    return e.issues.map((i) => `${i.path.join('/')}: ${i.message}`);
  }
  return [];
}
const S = 'ruleset cn.hunan.shaoyang/2020-01-01';
const G = 'ruleset cn.shanghai.baoshan.gucun/2022-04-01';
const knownKinds = Object.keys(BUNDLED_KINDS).join(', ');

describe('the file as a whole', () => {
  it('the bundled files load with no issue (the cases below each change one thing)', () => {
    expect(issuesOf(copy(shaoyang))).toEqual([]);
    expect(issuesOf(copy(gucun))).toEqual([]);
  });
  it('a declared hash that does not match: at `hash`, with the content hash to put there', () => {
    const f = copy(shaoyang);
    const bad = { ...f, hash: '0'.repeat(64) };
    const [issue, ...rest] = issuesOf(bad);
    expect(rest).toEqual([]);
    expect(issue).toMatch(new RegExp(`^${S}/hash: does not match the content \\(content hash is [0-9a-f]{64}\\)$`));
    const hash = /content hash is ([0-9a-f]{64})/.exec(issue!)![1];
    expect(issuesOf({ ...f, hash })).toEqual([]);
  });
  it('a window that ends before it starts: at `effectiveTo`', () => {
    expect(issuesOf({ ...copy(shaoyang), effectiveTo: '2019-12-31' })).toEqual([`${S}/effectiveTo: ends (2019-12-31) before it starts (2020-01-01)`]);
    expect(issuesOf({ ...copy(shaoyang), effectiveTo: '2020-01-01' })).toEqual([]); // a one-day window
  });
  it('an unknown kind: at its index in `kinds`, with the kinds known', () => {
    const f = copy(shaoyang);
    f.kinds = ['eligibility', 'screening', 'procedure', 'teleportation'];
    expect(issuesOf(f)).toEqual([`${S}/kinds/3: unknown decision kind 'teleportation' (known: ${knownKinds})`]);
  });
  it('a kind without a formula it needs: at `formulas`', () => {
    const f = copy(shaoyang);
    f.formulas = [];
    expect(issuesOf(f)).toEqual([
      `${S}/formulas: kind eligibility needs a formula 'per-capita-after-mu'`,
      `${S}/formulas: kind screening needs a formula 'per-capita-after-mu'`,
    ]);
  });
  it('a duplicate formula id: at the second one', () => {
    const f = copy(shaoyang);
    f.formulas.push(structuredClone(f.formulas[0]!));
    expect(issuesOf(f)).toEqual([`${S}/formulas/1/id: duplicate formula id 'per-capita-after-mu'`]);
  });
});

describe('parameters named by rules, formulas and items', () => {
  it('an unknown parameter: at the expression that names it', () => {
    const f = copy(shaoyang);
    f.rules[1]!.test = { '==': [{ param: 'cn.hunan.shaoyang.nope' }, 1] };
    expect(issuesOf(f)).toEqual([`${S}/rules/1/test/==/0/param: unknown parameter 'cn.hunan.shaoyang.nope'`]);
  });
  it('a parameter of a jurisdiction the ruleset does not inherit from, in a formula', () => {
    const f = copy(shaoyang);
    f.formulas[0]!.expr = { param: 'cn.shanghai.pension-rate' };
    expect(issuesOf(f)).toEqual([
      `${S}/formulas/0/expr/param: parameter 'cn.shanghai.pension-rate' belongs to cn.shanghai, which cn.hunan.shaoyang does not inherit from`,
    ]);
  });
  it("an ancestor's parameter is allowed (Gucun reads the city's figures)", () => {
    const f = copy(gucun);
    expect(JSON.stringify(f.items)).toContain('"cn.shanghai.');
    expect(issuesOf(f)).toEqual([]);
  });
});

describe('rules', () => {
  it('a duplicate rule id within a kind: at the second one; the same id in another kind is allowed', () => {
    const f = copy(shaoyang);
    f.rules[3]!.id = f.rules[2]!.id; // rules[2] is age-16 (rules[0] and [1] check the form's figure)
    expect(issuesOf(f)).toEqual([`${S}/rules/3/id: duplicate rule id 'age-16' for kind eligibility`]);
    const g = copy(shaoyang);
    const screeningRule = g.rules.findIndex((r) => r.kind === 'screening');
    g.rules[screeningRule]!.id = 'age-16';
    expect(issuesOf(g)).toEqual([]);
  });
  it("a rule of a kind the ruleset does not declare: at its `kind`; a known kind's scope is still checked", () => {
    const f = copy(gucun);
    f.rules[0]!.kind = 'eligibility';
    const scope = f.rules[0]!.scope as string;
    expect(issuesOf(f)).toEqual([
      `${G}/rules/0/kind: kind 'eligibility' is not among the ruleset's kinds`,
      `${G}/rules/0/scope: scope '${scope}' is not one of eligibility's scopes (household, applicant)`,
    ]);
  });
  it("a rule's scope: at `scope`, with the kind's scopes", () => {
    const f = copy(shaoyang);
    f.rules[1]!.scope = 'village';
    expect(issuesOf(f)).toEqual([`${S}/rules/1/scope: scope 'village' is not one of eligibility's scopes (household, applicant)`]);
  });
});

describe('money items', () => {
  const itemOf = (f: File, kind: string) => f.items.findIndex((i) => i.kind === kind);
  it('a duplicate item id: at the second one, whether the first is an item or a rule of the same kind', () => {
    const f = copy(gucun);
    f.items[1]!.id = f.items[0]!.id;
    expect(issuesOf(f)).toEqual([`${G}/items/1/id: duplicate rule or item id 'lump-sum-premium-employment' for kind payout`]);
    const g = copy(gucun);
    const rule = g.rules.find((r) => r.kind === 'payout')!;
    g.items[0]!.id = rule.id;
    expect(issuesOf(g)).toEqual([`${G}/items/0/id: duplicate rule or item id '${rule.id as string}' for kind payout`]);
  });
  it('an item of a kind the ruleset does not declare: at its `kind`, then its scope and timing against that kind', () => {
    const f = copy(gucun);
    f.items[0]!.kind = 'eligibility';
    expect(issuesOf(f)).toEqual([
      `${G}/items/0/kind: kind 'eligibility' is not among the ruleset's kinds`,
      `${G}/items/0/scope: scope 'person' is not one of eligibility's scopes (household, applicant)`,
      `${G}/items/0/timing: timing 'at-expropriation' is not one of eligibility's item timings (none)`,
    ]);
  });
  it('an item of an unknown kind: only the kind is reported', () => {
    const f = copy(gucun);
    f.items[0]!.kind = 'teleportation';
    expect(issuesOf(f)).toEqual([`${G}/items/0/kind: kind 'teleportation' is not among the ruleset's kinds`]);
  });
  it("an item's scope and timing: at `scope` and `timing`, with what the kind allows", () => {
    const f = copy(gucun);
    const later = itemOf(f, 'later-subsidy');
    f.items[later]!.scope = 'person';
    f.items[later]!.timing = 'at-expropriation';
    expect(issuesOf(f)).toEqual([
      `${G}/items/${later}/scope: scope 'person' is not one of later-subsidy's scopes (event)`,
      `${G}/items/${later}/timing: timing 'at-expropriation' is not one of later-subsidy's item timings (on-event)`,
    ]);
    const g = copy(gucun);
    g.items[0]!.timing = 'someday';
    const timings = (BUNDLED_KINDS.payout.contract.itemTimings ?? []).join(', ');
    expect(timings.split(', ').length).toBeGreaterThan(1);
    expect(issuesOf(g)).toEqual([`${G}/items/0/timing: timing 'someday' is not one of payout's item timings (${timings})`]);
  });
  it("an item's message may name {subject}, {amount}, {label} and the item's values, nothing else", () => {
    const f = copy(gucun);
    f.items[0]!.values = { years: { param: 'cn.shanghai.baoshan.gucun.lump-sum-years' } };
    const text = 'for {subject}: {label}, {amount:2} over {years}';
    f.items[0]!.message = { holds: { zh: text, en: text }, fails: { zh: text, en: text } };
    expect(issuesOf(f)).toEqual([]);
    const message = { holds: { zh: '{years}', en: '{years}' }, fails: { zh: '{x}', en: '{subject} {y:2}' } };
    f.items[0]!.message = message;
    expect(issuesOf(f)).toEqual([
      `${G}/items/0/message: message names {x}, which is not one of the item's values`,
      `${G}/items/0/message: message names {y}, which is not one of the item's values`,
    ]);
  });
});

describe('several files', () => {
  it('every problem of every file is listed at once, each under its own file', () => {
    const a = copy(shaoyang);
    a.rules[1]!.scope = 'village';
    const b = copy(gucun);
    b.items[0]!.timing = 'someday';
    const issues = issuesOf(a, b);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(new RegExp(`^${S}/rules/1/scope: `));
    expect(issues[1]).toMatch(new RegExp(`^${G}/items/0/timing: `));
  });
});

describe('a kind no ruleset of the jurisdiction decides', () => {
  it('the error names every jurisdiction that does, in load order', () => {
    const district = { ...copy(shaoyang), id: 'district', jurisdiction: 'cn.hunan.shaoyang.beita' };
    const reg = RulesetRegistry.load([copy(shaoyang), district, copy(gucun)], params, kinds);
    expect(() => reg.resolve('cn.shanghai.baoshan.gucun', 'eligibility', '2023-01-01')).toThrow(
      "No ruleset of cn.shanghai.baoshan.gucun for 'eligibility' is in force on 2023-01-01. No ruleset of this jurisdiction decides 'eligibility'; cn.hunan.shaoyang, cn.hunan.shaoyang.beita do",
    );
  });
});

describe('a date after the last window of a ruleset that supersedes an older document', () => {
  it('says that no later ruleset is known (the superseded document applied only before the first)', () => {
    const reg = RulesetRegistry.load([copy(gucun)], params, kinds);
    expect(() => reg.resolve('cn.shanghai.baoshan.gucun', 'payout', '2027-04-01')).toThrow(
      "No ruleset of cn.shanghai.baoshan.gucun for 'payout' is in force on 2027-04-01. Rulesets known: cn.shanghai.baoshan.gucun/2022-04-01: 2022-04-01 to 2027-03-31. No ruleset after 2027-03-31 is known yet",
    );
    expect(reg.resolve('cn.shanghai.baoshan.gucun', 'payout', '2027-03-31').id).toBe('cn.shanghai.baoshan.gucun/2022-04-01');
  });
});

describe('what a loaded ruleset carries', () => {
  it('its source, and each rule and item cited by the file’s document unless it names its own', () => {
    const f = copy(gucun);
    f.rules[0]!.docNo = '沪府令〔2021〕50号';
    f.items[1]!.docNo = '沪府令〔2021〕50号';
    const [r] = RulesetRegistry.load([f], params, kinds).list;
    const source = (gucun as { source: { docNo: string; title: string; issuedOn: string } }).source;
    expect(r!.source).toEqual({ docNo: source.docNo, title: source.title, issuedOn: source.issuedOn });
    expect(r!.rules[0]!.citation).toEqual({ docNo: '沪府令〔2021〕50号', article: f.rules[0]!.clause });
    expect(r!.rules[1]!.citation).toEqual({ docNo: '宝顾府〔2022〕13号', article: f.rules[1]!.clause });
    expect(r!.items[0]!.citation).toEqual({ docNo: '宝顾府〔2022〕13号', article: f.items[0]!.clause });
    expect(r!.items[1]!.citation).toEqual({ docNo: '沪府令〔2021〕50号', article: f.items[1]!.clause });
  });
  it('a file with problems is not loaded, so it adds no overlap with a good file of the same window', () => {
    const broken = { ...copy(shaoyang), id: 'broken' };
    (broken as File).rules[1]!.scope = 'village';
    expect(issuesOf(copy(shaoyang), broken)).toEqual([
      'ruleset broken/rules/1/scope: scope \'village\' is not one of eligibility\'s scopes (household, applicant)',
    ]);
  });
});

describe('message placeholders with many decimal places', () => {
  it('{name:12} is checked like {name}, in rules and in items', () => {
    const f = copy(gucun);
    (f.rules[0]!.message as { holds: { en: string } }).holds.en = '{nope:12}';
    f.items[0]!.message = { holds: { zh: '{amount:12}', en: '{gone:10}' }, fails: { zh: '{label}', en: '{label}' } };
    expect(issuesOf(f)).toEqual([
      `${G}/rules/0/message: message names {nope}, which is not one of the rule's values`,
      `${G}/items/0/message: message names {gone}, which is not one of the item's values`,
    ]);
  });
});

describe("the expressions of an item: applies, amount, and each funding part's upTo and share", () => {
  it('are compiled at their own paths, with the parameters of the jurisdiction and the item’s values', () => {
    const f = copy(gucun);
    const it0 = f.items[0]!;
    it0.values = { cap: 1000 };
    it0.applies = { '==': [{ param: 'cn.nope.a' }, 1] };
    it0.amount = { value: 'missing' };
    it0.funding = [
      { payer: 'district', upTo: { param: 'cn.nope.b' } },
      { payer: 'town', share: { value: 'gone' } },
      { payer: 'individual-account' },
    ];
    const at = `${G}/items/0`;
    expect(issuesOf(f)).toEqual([
      `${at}/funding/0/upTo/param: unknown parameter 'cn.nope.b'`,
      `${at}/funding/1/share/value: value 'gone' is not one of this rule's values`,
      `${at}/applies/==/0/param: unknown parameter 'cn.nope.a'`,
      `${at}/amount/value: value 'missing' is not one of this rule's values`,
    ]);
    it0.applies = true;
    it0.amount = { value: 'cap' };
    it0.funding = [{ payer: 'district', upTo: { value: 'cap' } }, { payer: 'town', share: { param: 'cn.shanghai.baoshan.gucun.district-share' } }, { payer: 'individual-account' }];
    expect(issuesOf(f)).toEqual([]);
  });
});

describe('a funding part with upTo, from a rule file', () => {
  it('takes at most its value; the last part takes the rest (七 signing fee 3000 split 1000 / 2000)', () => {
    const f = copy(gucun);
    const fee = f.items.findIndex((i) => i.id === 'signing-fee');
    f.items[fee]!.funding = [{ payer: 'district', upTo: 1000 }, { payer: 'town' }];
    const d = createEngine({ rulesets: [f] }).payout({
      expropriationDate: '2023-06-15',
      person: { id: 'P1', sex: 'female', birthDate: '1980-01-01', pensionStatus: 'none', cooperated: true },
    });
    const signing = d.outcome.items.find((i) => i.id === 'signing-fee')!;
    expect(signing.amount).toBe('3000.00');
    expect(signing.funding).toEqual([{ payer: 'district', amount: '1000.00' }, { payer: 'town', amount: '2000.00' }]);
  });
});
