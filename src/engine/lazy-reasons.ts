/**
 * A decision's `reasons` whose messages are written when first read (issue 21: messages are
 * formatted lazily, from the template and the values, when read or written). Until then the
 * decision's `reasons` is an accessor (own, enumerable, in its place among the keys): the first
 * read writes every message, makes `reasons` a plain data property again and gives the array;
 * an assignment replaces it. JSON.stringify, a spread, structuredClone and deep equality read it
 * like any property, so a decision looks and serialises exactly as if its messages had been
 * written at once. Writers that need only each reason's rule, result and subject (compact
 * records) read them with {@link reasonResultsOf} and no message is ever written.
 */
import type { DecisionContext } from './context';
import type { Reason } from './types';

/** On a decision whose reasons are not read yet (non-enumerable): the context that writes their messages. */
const UNREAD: unique symbol = Symbol('zhengdi.unreadReasons');
const unread = {
  get: (o: object): DecisionContext | undefined => (Object.hasOwn(o, UNREAD) ? (o as { [UNREAD]?: DecisionContext })[UNREAD] : undefined),
  set: (o: object, ctx: DecisionContext): void => void Object.defineProperty(o, UNREAD, { value: ctx, writable: true, configurable: true, enumerable: false }),
  // Cleared, not deleted: a deletion would turn the decision into a slower dictionary object.
  delete: (o: object): void => {
    if (Object.hasOwn(o, UNREAD)) (o as { [UNREAD]?: DecisionContext })[UNREAD] = undefined;
  },
};

const dataProperty = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: true, configurable: true });

/** The object (the receiver or one of its prototypes: an object made with Object.create) whose reasons are deferred. */
function deferredIn(receiver: object): { owner: object; ctx: DecisionContext } | undefined {
  for (let at: object | null = receiver; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    const ctx = unread.get(at);
    if (ctx !== undefined) return { owner: at, ctx };
  }
  return undefined;
}

function readReasons(this: object): Reason[] | undefined {
  const found = deferredIn(this);
  if (found === undefined) return undefined;
  const reasons = found.ctx.reasons;
  // A frozen decision keeps its accessor (and gives the same array each time).
  if (found.owner === this && Reflect.defineProperty(this, 'reasons', dataProperty(reasons))) unread.delete(this);
  return reasons;
}

function assignReasons(this: object, value: unknown): void {
  if (!Reflect.defineProperty(this, 'reasons', dataProperty(value))) throw new TypeError("Cannot assign to read only property 'reasons' of the decision");
  unread.delete(this);
}

/**
 * Makes `decision.reasons` the reasons of `ctx`, their messages written on first read.
 *
 * @example
 * ```ts
 * const decision = { kind, …, reasons: undefined, parameters, warnings };
 * deferReasons(decision, ctx); // decision.reasons: ctx.reasons, when read
 * ```
 */
export function deferReasons(decision: { reasons: unknown }, ctx: DecisionContext): void {
  Object.defineProperty(decision, 'reasons', { get: readReasons, set: assignReasons, enumerable: true, configurable: true });
  unread.set(decision, ctx);
}

/**
 * A decision's reasons for reading each one's rule, result and subject only: without writing the
 * messages of a decision whose reasons are not read yet (a message may then be empty).
 *
 * @example
 * ```ts
 * for (const r of reasonResultsOf(decision)) counts[r.rule] = r.holds;
 * ```
 */
export function reasonResultsOf(decision: { readonly reasons: readonly Reason[] }): readonly Reason[] {
  const ctx = unread.get(decision);
  return ctx !== undefined ? ctx.reasonResults() : decision.reasons;
}
