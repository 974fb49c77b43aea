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
  return out;
}
