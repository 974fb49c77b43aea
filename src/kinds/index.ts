import { allocation } from './allocation';
import { eligibility } from './eligibility';
import { procedure } from './procedure';
import { screening } from './screening';
import { enrollment } from './enrollment';
import { quota } from './quota';
import { reallocation } from './reallocation';
import type { InputOf, KindModule, OutcomeOf } from '../engine/kind';
import { laterSubsidy } from './later-subsidy';
import { payout } from './payout';

/**
 * Every decision kind the package bundles. A caller adds a kind of its own with
 * `createEngine({ kinds: { [name]: defineKind(…) } })`; its types then flow into `evaluate`.
 *
 * @example
 * ```ts
 * BUNDLED_KINDS.payout.contract.scopes; // ['person']
 * ```
 */
export const BUNDLED_KINDS = {
  eligibility,
  payout,
  'later-subsidy': laterSubsidy,
  screening,
  procedure,
  quota,
  allocation,
  enrollment,
  reallocation,
} as const satisfies Record<string, KindModule>;

/**
 * The bundled kinds' map type.
 *
 * @example
 * ```ts
 * type In = InputOf<BundledKinds, 'payout'>;
 * ```
 */
export type BundledKinds = typeof BUNDLED_KINDS;
type Kinds = BundledKinds;

/**
 * A decision kind: `'eligibility'`, …
 *
 * @example
 * ```ts
 * const k: Kind = 'eligibility';
 * engine.kinds().includes(k);
 * ```
 */
export type Kind = keyof Kinds;

/**
 * The input of a kind, as a caller writes it.
 *
 * @example
 * ```ts
 * const input: KindInput<'eligibility'> = { noticeDate: '2023-05-10', household, applicants };
 * ```
 */
export type KindInput<K extends Kind> = InputOf<Kinds, K>;

/**
 * The outcome of a kind.
 *
 * @example
 * ```ts
 * const o: KindOutcome<'eligibility'> = engine.eligibility(input).outcome;
 * ```
 */
export type KindOutcome<K extends Kind> = OutcomeOf<Kinds, K>;
