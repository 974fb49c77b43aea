/**
 * The flags every engine-building command takes (--rulesets, --parameters, --archive, --param),
 * shared by program.ts and the commands in their own files (compare, parameters, test).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createEngine, type Engine, type EngineOptions } from '../create-engine';
import { readJsonFile } from './io';

export interface EngineFlags {
  rulesets?: string[];
  parameters?: string[];
  archive?: string[];
}

/** A file, or every `.json` file of a folder in name order (a jurisdiction's `parameters/`, its `archive/`). */
function readJsonFiles(path: string): unknown[] {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // not there: readJsonFile says so
  }
  if (!folder) return [readJsonFile(path)];
  return readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => readJsonFile(join(path, f)));
}

export function engineOptionsFrom(flags: EngineFlags): EngineOptions {
  return {
    rulesets: (flags.rulesets ?? []).flatMap(readJsonFiles),
    parameters: (flags.parameters ?? []).flatMap(readJsonFiles),
    archive: (flags.archive ?? []).flatMap(readJsonFiles),
  } as EngineOptions;
}

export function engineFrom(flags: EngineFlags): Engine {
  return createEngine(engineOptionsFrom(flags));
}

export function withEngineOptions(cmd: Command): Command {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  return cmd
    .option('--rulesets <path>', 'a ruleset file, or a folder of them (same id replaces a bundled one); repeatable', collect)
    .option('--parameters <path>', 'a parameter file, or a folder of them such as rulesets/<j>/parameters (same series id replaces a bundled one); repeatable', collect)
    .option('--archive <path>', 'an older ruleset file (or a folder of them) kept by hash, used only to replay records made under it; repeatable', collect);
}

export function collectParam(value: string, previous: Record<string, string | number> = {}): Record<string, string | number> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected id=value, e.g. cn.hunan.shaoyang.max-per-capita-mu=0.3');
  const raw = value.slice(eq + 1);
  return { ...previous, [value.slice(0, eq)]: /^-?(?:0|[1-9]\d{0,14})$/.test(raw) ? Number(raw) : raw };
}
