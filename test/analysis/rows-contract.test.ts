import { describe, expect, it } from 'vitest';
import { applicantRows, decisionRows, errorRows, hasApplicants, isPayoutLike, payoutItemRows, toCsv, totalsByOutcome, totalsByPayer, totalsByStage } from '../../src/analysis';

// Tables of batch results (docs/analysis.md): what each function makes of decisions, batch
// results and errors, on small hand-made values (the sums are worked out in the comments).

const rs = { id: 'r', version: '1.0.0', hash: 'h' };
const elig = (applicants: unknown[], extra: object = {}) => ({ kind: 'eligibility', jurisdiction: 'j', asOf: '2023-06-15', ruleset: rs, outcome: { applicants, eligibleCount: 1, per: { capita: '0.15' }, ...extra } });
const payout = (stage: string, amount: string, byPayer: Record<string, string>, items: unknown[] = [], more: object = {}) => ({
  kind: 'payout', jurisdiction: 'j', asOf: '2024-01-01', ruleset: rs, outcome: { stage, items, totals: { amount, byPayer, ...more } },
});
const err = (index: number, code: string, message: string, issues?: Array<{ path: Array<string | number>; message: string }>) => ({ index, error: { code, message, ...(issues ? { issues } : {}) } });

describe('recognising outcomes', () => {
  it('a payout outcome has a stage, items and totals with an amount and byPayer', () => {
    expect(isPayoutLike(payout('s', '1.00', {}).outcome)).toBe(true);
    expect(isPayoutLike({ stage: 1, items: [], totals: { amount: '1', byPayer: {} } })).toBe(false);
    expect(isPayoutLike({ stage: 's', items: {}, totals: { amount: '1', byPayer: {} } })).toBe(false);
    expect(isPayoutLike({ stage: 's', items: [], totals: [] })).toBe(false);
    expect(isPayoutLike({ stage: 's', items: [], totals: { amount: 1, byPayer: {} } })).toBe(false);
    expect(isPayoutLike({ stage: 's', items: [], totals: { amount: '1', byPayer: null } })).toBe(false);
    expect(isPayoutLike(null)).toBe(false);
  });
  it('applicants: each an object with a string id and a boolean eligible', () => {
    expect(hasApplicants({ applicants: [{ id: 'a', eligible: true }] })).toBe(true);
    expect(hasApplicants({ applicants: [{ id: 'a', eligible: true }, { id: 'b', eligible: 'yes' }] })).toBe(false);
    expect(hasApplicants({ applicants: [{ id: 1, eligible: true }] })).toBe(false);
    expect(hasApplicants({ applicants: [null] })).toBe(false);
    expect(hasApplicants({ applicants: {} })).toBe(false);
    expect(hasApplicants([])).toBe(false);
  });
});

describe('rows', () => {
  it('decisionRows: one per decision with the outcome flattened (lists left out), one per error; index from the result or the position', () => {
    expect(decisionRows([elig([{ id: 'a', eligible: true }]), err(7, 'INVALID_INPUT', 'bad'), { index: 9, decision: payout('s', '1.00', {}) }, { ...elig([]), outcome: 'x' }])).toEqual([
      { index: 0, kind: 'eligibility', jurisdiction: 'j', asOf: '2023-06-15', ruleset: 'r@1.0.0', eligibleCount: 1, 'per.capita': '0.15' },
      { index: 7, error: 'INVALID_INPUT', message: 'bad' },
      { index: 9, kind: 'payout', jurisdiction: 'j', asOf: '2024-01-01', ruleset: 'r@1.0.0', stage: 's', 'totals.amount': '1.00' },
      { index: 3, kind: 'eligibility', jurisdiction: 'j', asOf: '2023-06-15', ruleset: 'r@1.0.0' },
    ]);
    // an object with an index but neither decision nor error is a decision at its position
    expect(decisionRows([{ index: 5, ...elig([]) } as never])[0]).toMatchObject({ index: 0, kind: 'eligibility' });
  });
  it('applicantRows: one per applicant, failed conditions joined by "; ", with the household figures and the date', () => {
    expect(applicantRows([elig([{ id: 'a', eligible: false, failed: ['age-16', 'membership'] }, { id: 'b', eligible: true }]), err(1, 'X', 'm'), payout('s', '0', {})])).toEqual([
      { index: 0, applicant: 'a', eligible: false, failed: 'age-16; membership', eligibleCount: 1, 'per.capita': '0.15', asOf: '2023-06-15' },
      { index: 0, applicant: 'b', eligible: true, failed: '', eligibleCount: 1, 'per.capita': '0.15', asOf: '2023-06-15' },
    ]);
  });
  it('payoutItemRows: one per item, a column per payer (two parts of one payer add up), article and timing or null', () => {
    const items = [
      { code: 'c1', article: '三(一)', timing: 'at-expropriation', amount: '100.00', funding: [{ payer: 'district', amount: '60.00' }, { payer: 'town', amount: '30.00' }, { payer: 'district', amount: '10.00' }] },
      { code: 'c2', amount: '5.00', funding: [{ payer: 'town', amount: '5.00' }] },
    ];
    expect(payoutItemRows([payout('s1', '105.00', {}, items), elig([])])).toEqual([
      { index: 0, stage: 's1', code: 'c1', article: '三(一)', timing: 'at-expropriation', amount: '100.00', 'payer:district': '70.00', 'payer:town': '30.00' },
      { index: 0, stage: 's1', code: 'c2', article: null, timing: null, amount: '5.00', 'payer:town': '5.00' },
    ]);
  });
  it('errorRows: code, the first line of the message, the issues as "path: message" joined by "; "', () => {
    expect(errorRows([elig([]), err(1, 'INVALID_INPUT', 'Invalid input (2 problems):\n  - a', [{ path: ['input', 'a', 0], message: 'm1' }, { path: [], message: 'm2' }]), err(2, 'X', 'one line')])).toEqual([
      { index: 1, code: 'INVALID_INPUT', message: 'Invalid input (2 problems):', issues: 'input.a.0: m1; : m2' },
      { index: 2, code: 'X', message: 'one line', issues: '' },
    ]);
  });
});

describe('totals', () => {
  it('by payer: sums of totals.byPayer in payer order, to the fen (100.10 + 0.905 → 101.01 half-up)', () => {
    const items = [payout('a', '1', { town: '100.10', district: '2.00' }), payout('b', '1', { town: '0.905' }), elig([]), { ...elig([]), outcome: { totals: { byPayer: [] } } }];
    const t = totalsByPayer(items);
    expect(t).toEqual({ district: '2.00', town: '101.01' });
    expect(Object.keys(t)).toEqual(['district', 'town']);
  });
  it('by stage: people, amount, at expropriation and deferred (missing parts count 0), stages in order', () => {
    const rows = totalsByStage([
      payout('b-stage', '10.00', {}, [], { atExpropriation: '4.00', deferred: '6.00' }),
      payout('a-stage', '3.50', {}),
      payout('b-stage', '0.50', {}, [], { atExpropriation: '0.50' }),
      err(3, 'X', 'm'),
    ]);
    expect(rows).toEqual([
      { stage: 'a-stage', people: 1, amount: '3.50', atExpropriation: '0.00', deferred: '0.00' },
      { stage: 'b-stage', people: 2, amount: '10.50', atExpropriation: '4.50', deferred: '6.00' },
    ]);
  });
  it('by outcome: most frequent first, ties by name; errors by code; not eligible by failed conditions; payouts by stage', () => {
    const got = totalsByOutcome([
      elig([{ id: 'a', eligible: true }, { id: 'b', eligible: false, failed: ['age-16', 'membership'] }, { id: 'c', eligible: false }]),
      elig([{ id: 'd', eligible: true }]),
      err(2, 'INVALID_INPUT', 'm'),
      payout('deferred', '1', {}),
      { kind: 'k', jurisdiction: 'j', asOf: 'd', ruleset: rs, outcome: 5 },
    ]);
    expect(got).toEqual([
      { outcome: 'eligible', count: 2 },
      { outcome: 'decided', count: 1 },
      { outcome: 'deferred', count: 1 },
      { outcome: 'error: INVALID_INPUT', count: 1 },
      { outcome: 'not eligible: ', count: 1 },
      { outcome: 'not eligible: age-16, membership', count: 1 },
    ]);
  });
});

describe('toCsv', () => {
  it('columns are every key in order of first appearance; empty for null and undefined; objects as JSON', () => {
    expect(toCsv([{ a: 1, b: null }, { c: { x: [1] }, a: undefined }])).toBe('a,b,c\n1,,\n,,"{""x"":[1]}"\n');
  });
  it('quotes a field with the separator, a quote, CR or LF, or spaces at an edge', () => {
    expect(toCsv([{ v: 'a,b' }, { v: 'say "x"' }, { v: 'l1\nl2' }, { v: 'cr\r' }, { v: ' lead' }, { v: 'trail ' }, { v: 'a;b' }])).toBe(
      'v\n"a,b"\n"say ""x"""\n"l1\nl2"\n"cr\r"\n" lead"\n"trail "\na;b\n',
    );
    expect(toCsv([{ v: 'a;b', w: 'c,d' }], { separator: ';', eol: '\r\n', columns: ['w', 'v'] })).toBe('w;v\r\nc,d;"a;b"\r\n');
    expect(toCsv([])).toBe('\n');
  });
});
