import type { z } from 'zod';
import { allocation } from './allocation';
import { eligibility } from './eligibility';
import { procedure } from './procedure';
import { screening } from './screening';
import { enrollment } from './enrollment';
import { quota } from './quota';
import { reallocation } from './reallocation';
import type { KindModule } from './kind';
import { laterSubsidy } from './later-subsidy';
import { payout } from './payout';

/**
 * Every decision kind the package knows. Adding a kind is one entry here; its input and outcome
 * types then flow into `Engine`, `Decision` and `EvaluateRequest`.
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

type Kinds = typeof BUNDLED_KINDS;

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
export type KindInput<K extends Kind> = z.input<Kinds[K]['schema']>;

/**
 * The outcome of a kind.
 *
 * @example
 * ```ts
 * const o: KindOutcome<'eligibility'> = engine.eligibility(input).outcome;
 * ```
 */
export type KindOutcome<K extends Kind> = ReturnType<Kinds[K]['decide']>;
