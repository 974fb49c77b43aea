import { jurisdictionChain } from './jurisdiction';
import type { ParameterRegistry } from './parameters';

/**
 * The id of a parameter a kind names by its local name (a parameter role): `<jurisdiction>.<name>`
 * of the nearest jurisdiction that has one, the ruleset's own first, then its parents. A kind
 * thus never spells one place's parameter ids.
 *
 * @example
 * ```ts
 * resolveRole(params, 'cn.zhejiang.taizhou', 'quota-validity-months'); // 'cn.zhejiang.taizhou.quota-validity-months'
 * ```
 */
export function resolveRole(params: ParameterRegistry, jurisdiction: string, name: string): string | undefined {
  for (const j of jurisdictionChain(jurisdiction)) {
    const id = `${j}.${name}`;
    if (params.get(id)) return id;
  }
  return undefined;
}
