import { Dec } from '../../engine/decimal';

/**
 * Largest-remainder (Hamilton) apportionment with caps — the mechanism behind 人地对应
 * (台政办函〔2019〕47号 三(三)): a village's whole-person quota is shared among households in
 * proportion to the land expropriated from each, but no household gets more places than it has
 * eligible members.
 *
 * Algorithm (pure, exact in Decimal, no dependence on the order of the input):
 * 1. The first round takes every household with area > 0; later rounds only those with room
 *    (cap − places so far > 0).
 * 2. A round apportions `seats` over its households: each gets ⌊seats × area ÷ Σarea⌋;
 *    the seats left over go one each to the largest remainders, ties broken by the larger area,
 *    then by the lower id (string order). This is Hamilton's method.
 * 3. Each household keeps min(its round share, its room); what it cannot take is surplus.
 * 4. While there is surplus and a household with room, run another round with `seats` = the
 *    surplus over the households that still have room (the same rule again).
 * 5. Surplus that nobody can absorb is `unallocated`.
 *
 * Each round either places every seat or fills at least one household, so there are at most
 * (number of households + 1) rounds. Invariants (property-tested): Σ places + unallocated =
 * quota; places ≤ cap; unallocated > 0 only when every household with area is full.
 *
 * @example
 * ```ts
 * const claim: HamiltonClaim = { id: 'DP01', weight: '4.20', cap: 5 };
 * ```
 */
export interface HamiltonClaim {
  /** Unique id; the last tie-break. */
  readonly id: string;
  /** Weight (expropriated area, mu), ≥ 0, as a decimal string or Decimal. */
  readonly weight: string | Dec;
  /** Most places this claimant can take (eligible members), a whole number ≥ 0. */
  readonly cap: number;
}

/**
 * One claimant's result: its exact share, its places in the first round and in the end.
 *
 * @example
 * ```ts
 * const s = hamilton(25, claims).shares[0];
 * console.log(s.id, s.exactShare.toString(), s.places, s.capped);
 * ```
 */
export interface HamiltonShare {
  readonly id: string;
  /** Exact proportional share of the whole quota in the first round (quota × weight ÷ Σweight). */
  readonly exactShare: Dec;
  /** Whole places from the first round before the cap (floor + a remainder seat). */
  readonly firstRoundPlaces: number;
  /** Places finally given (≤ cap). */
  readonly places: number;
  /** Whether the cap stopped this claimant from taking a share it was apportioned. */
  readonly capped: boolean;
}

/**
 * One round of the apportionment: the seats shared out, who took part, what the caps left over.
 *
 * @example
 * ```ts
 * hamilton(25, claims).rounds.map((r) => `${r.seats} seats → ${r.surplus} left over`);
 * ```
 */
export interface HamiltonRound {
  /** Seats apportioned in this round. */
  readonly seats: number;
  /** Ids taking part, in id order. */
  readonly participants: string[];
  /** Seats that could not be taken because of caps, carried to the next round. */
  readonly surplus: number;
}

/**
 * The result of {@link hamilton}: places per claimant, the totals and every round.
 *
 * @example
 * ```ts
 * const r: HamiltonResult = hamilton(3, [{ id: 'a', weight: '2', cap: 5 }, { id: 'b', weight: '1', cap: 5 }]);
 * r.shares.map((s) => s.places); // [2, 1]
 * ```
 */
export interface HamiltonResult {
  /** One entry per claim, in the order given. */
  readonly shares: HamiltonShare[];
  readonly allocated: number;
  readonly unallocated: number;
  readonly rounds: HamiltonRound[];
}

interface State {
  readonly id: string;
  readonly weight: Dec;
  readonly cap: number;
  places: number;
  capped: boolean;
  firstRound: number;
}

/**
 * Order of the remainder seats: larger remainder, then larger weight, then lower id. The last
 * key needs no comparison: participants come in id order and `Array.prototype.sort` is stable.
 */
function byRemainder(a: { rem: Dec; s: State }, b: { rem: Dec; s: State }): number {
  return b.rem.comparedTo(a.rem) || b.s.weight.comparedTo(a.s.weight);
}

/** Hamilton's method for one round: whole seats per participant, summing to `seats`. */
function apportionRound(seats: number, participants: readonly State[]): Map<State, number> {
  const total = participants.reduce((acc, s) => acc.plus(s.weight), new Dec(0));
  const out = new Map<State, number>();
  const rems: Array<{ rem: Dec; s: State }> = [];
  let given = 0;
  for (const s of participants) {
    const exact = new Dec(seats).times(s.weight).div(total);
    const whole = exact.floor();
    out.set(s, whole.toNumber());
    given += whole.toNumber();
    rems.push({ rem: exact.minus(whole), s });
  }
  rems.sort(byRemainder);
  for (let i = 0; i < seats - given; i++) {
    const s = rems[i]!.s;
    out.set(s, out.get(s)! + 1);
  }
  return out;
}

/**
 * Apportions `quota` whole places over the claims. Throws a RangeError for a negative or
 * fractional quota or cap, a negative weight, or duplicate ids (the kind's input schema rules
 * these out before).
 *
 * @example
 * ```ts
 * hamilton(3, [{ id: 'a', weight: '2', cap: 5 }, { id: 'b', weight: '1', cap: 5 }]).shares.map((s) => s.places); // [2, 1]
 * ```
 */
export function hamilton(quota: number, claims: readonly HamiltonClaim[]): HamiltonResult {
  if (!Number.isSafeInteger(quota) || quota < 0) throw new RangeError(`quota must be a whole number ≥ 0, got ${quota}`);
  const ids = new Set<string>();
  const states: State[] = claims.map((c) => {
    if (ids.has(c.id)) throw new RangeError(`duplicate id '${c.id}'`);
    ids.add(c.id);
    const weight = new Dec(c.weight);
    if (weight.isNeg() || !weight.isFinite()) throw new RangeError(`weight of '${c.id}' must be ≥ 0`);
    if (!Number.isSafeInteger(c.cap) || c.cap < 0) throw new RangeError(`cap of '${c.id}' must be a whole number ≥ 0`);
    return { id: c.id, weight, cap: c.cap, places: 0, capped: false, firstRound: 0 };
  });
  // Id order: every round's participants, hence the tie-break of byRemainder and `rounds`.
  const byId = [...states].sort((a, b) => (a.id < b.id ? -1 : 1)); // ids are unique
  const withWeight = byId.filter((s) => s.weight.gt(0));
  const totalWeight = withWeight.reduce((acc, s) => acc.plus(s.weight), new Dec(0));

  const rounds: HamiltonRound[] = [];
  let seats = quota;
  let first = true;
  while (seats > 0) {
    // The first round is plain Hamilton over every household with land (a household with no
    // room takes nothing and its share becomes surplus); later rounds only those with room.
    const participants = first ? withWeight : withWeight.filter((s) => s.places < s.cap);
    if (participants.length === 0) break;
    const shares = apportionRound(seats, participants);
    let surplus = 0;
    for (const s of participants) {
      const share = shares.get(s)!;
      if (first) s.firstRound = share;
      const room = s.cap - s.places;
      const take = Math.min(share, room);
      if (share > room) s.capped = true;
      s.places += take;
      surplus += share - take;
    }
    rounds.push({ seats, participants: participants.map((s) => s.id), surplus });
    first = false;
    seats = surplus;
  }
  const allocated = states.reduce((n, s) => n + s.places, 0);
  return {
    shares: states.map((s) => ({
      id: s.id,
      exactShare: totalWeight.isZero() || s.weight.isZero() ? new Dec(0) : new Dec(quota).times(s.weight).div(totalWeight),
      firstRoundPlaces: s.firstRound,
      places: s.places,
      capped: s.capped,
    })),
    allocated,
    unallocated: quota - allocated,
    rounds,
  };
}
