/**
 * Setup file of the mutation run only (vitest.stryker.config.ts): one fixed fast-check seed.
 * @fast-check/vitest names each property test `… (with seed=N)` with a fresh random seed, so
 * without this every run would see "new" tests and Stryker's incremental mode could not reuse
 * any result covered by a property. A fixed seed also makes the score reproducible.
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20261125 });
