import { createEngine, InputError, type Engine, type Issue, type ParameterFile } from '../src';
import { readdirSync, readFileSync } from 'node:fs';

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

/**
 * All the parameter series of one jurisdiction folder (`rulesets/<j>/parameters/*.json`, one
 * series a file) as one parameter file, for tests that edit a copy of a jurisdiction's figures.
 */
export function jurisdictionParameters(jurisdiction: string): ParameterFile {
  const dir = new URL(`../rulesets/${jurisdiction}/parameters/`, import.meta.url);
  const parameters: ParameterFile['parameters'] = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    Object.assign(parameters, (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as ParameterFile).parameters);
  }
  return { jurisdiction, parameters };
}
