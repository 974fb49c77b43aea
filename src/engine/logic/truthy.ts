/** JSON Logic truthiness (as json-logic-js): an empty array is false, otherwise JavaScript's. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}
