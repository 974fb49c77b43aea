/**
 * The flags every engine-building command takes (--rulesets, --parameters, --archive, --param),
 * shared by program.ts and the commands in their own files (compare, parameters, test).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { createEngine, type Engine, type EngineOptions } from '../create-engine';
import { readJsonFile } from './io';

export interface EngineFlags {
  rulesets?: string[];
  parameters?: string[];
  archive?: string[];
}

export function engineOptionsFrom(flags: EngineFlags): EngineOptions {
  return {
    rulesets: (flags.rulesets ?? []).map(readJsonFile),
    parameters: (flags.parameters ?? []).map(readJsonFile),
    archive: (flags.archive ?? []).map(readJsonFile),
  } as EngineOptions;
}

export function engineFrom(flags: EngineFlags): Engine {
  return createEngine(engineOptionsFrom(flags));
}

export function withEngineOptions(cmd: Command): Command {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  return cmd
    .option('--rulesets <file>', 'a ruleset file (same id replaces a bundled one); repeatable', collect)
    .option('--parameters <file>', 'a parameter file (same series id replaces a bundled one); repeatable', collect)
    .option('--archive <file>', 'an older ruleset file kept by hash, used only to replay records made under it; repeatable', collect);
}

export function collectParam(value: string, previous: Record<string, string | number> = {}): Record<string, string | number> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected id=value, e.g. cn.hunan.shaoyang.max-per-capita-mu=0.3');
  const raw = value.slice(eq + 1);
  return { ...previous, [value.slice(0, eq)]: /^-?(?:0|[1-9]\d{0,14})$/.test(raw) ? Number(raw) : raw };
}
