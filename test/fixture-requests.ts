import { readFileSync } from 'node:fs';
import type { EvaluateRequest } from '../src';

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as T;

/**
 * Every sample input shipped in fixtures/, as requests. Tests that must cover "every bundled
 * rule" or "every kind" run these; add a jurisdiction's samples here when it lands.
 */
export function fixtureRequests(): EvaluateRequest[] {
  const out: EvaluateRequest[] = [];
  const shaoyang = read<{ households: Array<{ input: EvaluateRequest<'eligibility'>['input'] }> }>('cn.hunan.shaoyang/village-eligibility.json');
  for (const h of shaoyang.households) out.push({ kind: 'eligibility', jurisdiction: 'cn.hunan.shaoyang', input: h.input });

  const roster = read<{ asOf: string; input: EvaluateRequest<'screening'>['input'] }>('cn.hunan.shaoyang/screening-roster.json');
  out.push({ kind: 'screening', jurisdiction: 'cn.hunan.shaoyang', asOf: roster.asOf, input: roster.input });
  for (const file of ['case-compliant.json', 'case-violations.json']) {
    const c = read<{ input?: EvaluateRequest<'procedure'>['input'] } & EvaluateRequest<'procedure'>['input']>(`cn.hunan.shaoyang/${file}`);
    out.push({ kind: 'procedure', jurisdiction: 'cn.hunan.shaoyang', input: c.input ?? c });
  }

  const tz = read<{
    quota: EvaluateRequest<'quota'>['input'];
    allocation: EvaluateRequest<'allocation'>['input'];
    enrollment: { asOf: string } & EvaluateRequest<'enrollment'>['input'];
    reallocation: { asOf: string; incompleteProcedure: unknown } & Record<string, unknown>;
  }>('cn.zhejiang.taizhou/village-dongpu.json');
  const j = 'cn.zhejiang.taizhou';
  out.push({ kind: 'quota', jurisdiction: j, input: tz.quota });
  // The allocation sample lists households with names for the demo; the quota is the quota sample's outcome (20).
  const allocation = tz.allocation as unknown as { approvalDate: string; households: Array<{ name?: string } & Record<string, unknown>> };
  out.push({
    kind: 'allocation',
    jurisdiction: j,
    input: { approvalDate: allocation.approvalDate, quota: 20, households: allocation.households.map(({ name: _name, ...h }) => h) } as EvaluateRequest<'allocation'>['input'],
  });
  const { asOf: enrollmentAsOf, ...enrollment } = tz.enrollment;
  out.push({ kind: 'enrollment', jurisdiction: j, asOf: enrollmentAsOf, input: enrollment });
  const { asOf: reallocationAsOf, incompleteProcedure, procedure, ...rest } = tz.reallocation;
  for (const p of [procedure, incompleteProcedure]) {
    // freedPlaces: the 3 places the enrollment sample frees (2 deemed waivers + 1 declared; see the demo).
    out.push({ kind: 'reallocation', jurisdiction: j, asOf: reallocationAsOf, input: { ...rest, freedPlaces: 3, procedure: p } as EvaluateRequest<'reallocation'>['input'] });
  }

  const gucun = read<{ expropriationDate: string; people: Array<{ person: EvaluateRequest<'payout'>['input']['person'] }> }>('cn.shanghai.baoshan.gucun/expropriation-40.json');
  for (const p of gucun.people) out.push({ kind: 'payout', jurisdiction: 'cn.shanghai.baoshan.gucun', input: { expropriationDate: gucun.expropriationDate, person: p.person } });
  const later = read<{ events: Array<EvaluateRequest<'later-subsidy'>['input']> }>('cn.shanghai.baoshan.gucun/later-events.json');
  for (const input of later.events) out.push({ kind: 'later-subsidy', jurisdiction: 'cn.shanghai.baoshan.gucun', input });
  return out;
}

/** The kinds that have samples in fixtures/. */
export function kindsWithFixtures(): string[] {
  return [...new Set(fixtureRequests().map((r) => r.kind))];
}
