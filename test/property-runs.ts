/**
 * Number of runs of a property. `npm test` uses the number given; the mutation run (Stryker runs
 * the covering tests once per mutant) scales it down with PROPERTY_RUNS_SCALE (see
 * vitest.stryker.config.ts), keeping at least 10 runs so every property still explores.
 */
export function runs(n: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
  return Number.isFinite(scale) && scale > 0 ? Math.max(10, Math.round(n * scale)) : n;
}
