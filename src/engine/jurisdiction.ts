/**
 * A jurisdiction and its ancestors, most specific first:
 * `cn.hunan.shaoyang` → `['cn.hunan.shaoyang', 'cn.hunan', 'cn']`.
 */
export function jurisdictionChain(jurisdiction: string): string[] {
  const parts = jurisdiction.split('.');
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join('.'));
  return out;
}
