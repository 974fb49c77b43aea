import { createEngine, InputError, type Issue } from '../src';

/** One engine for a test file: loading is done once. */
export const engine = createEngine();

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
