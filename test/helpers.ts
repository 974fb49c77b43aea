import { createEngine, InputError, type Engine, type Issue } from '../src';

let loaded: Engine | undefined;
/**
 * One engine for a test file, loaded once, on first use. Lazily, so that the loading runs inside
 * a test: the mutation run (docs/quality.md) then knows which tests reach the loader and the
 * compiler, instead of counting that code as run at import by every file ("static").
 */
export const engine: Engine = new Proxy({} as Engine, {
  get(_target, key) {
    loaded ??= createEngine();
    const value: unknown = Reflect.get(loaded, key);
    return typeof value === 'function' ? value.bind(loaded) : value;
  },
});

/** Runs `fn`, expects an InputError, returns its issues with paths joined by dots. */
export function inputIssues(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i: Issue) => ({ path: i.path.join('.'), message: i.message }));
    throw e;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
