import { addDaysIso } from './dates';
import { fileShapeIssues } from './file-limits';
import { isDecimalLike } from './decimal';
import { RulesetError, type Issue } from './errors';
import { parameterFileSchema, type ParameterFile, type ParameterValue } from './ruleset-file';
import type { Localized } from './schemas';
import { zodIssues } from './schemas';

/**
 * A parameter: one dated series of values, each with its source.
 *
 * @example
 * ```ts
 * const s = engine.parameterSeries().find((x) => x.id === 'cn.hunan.shaoyang.max-per-capita-mu');
 * s?.values.map((v) => `${v.from}–${v.to ?? 'open'}: ${v.value}`);
 * ```
 */
export interface ParameterSeries {
  readonly id: string;
  /** The jurisdiction that owns it (the file it came from). */
  readonly jurisdiction: string;
  readonly description: Localized;
  readonly unit: string;
  /** Values in date order, windows touching without gaps or overlaps. */
  readonly values: readonly ParameterValue[];
}

/** Validates parameter files and builds a lookup of series by id. */
export class ParameterRegistry {
  private readonly series = new Map<string, ParameterSeries>();

  /** All series, in id order. */
  all(): ParameterSeries[] {
    return [...this.series.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  get(id: string): ParameterSeries | undefined {
    return this.series.get(id);
  }

  /** The value in force on a date, or undefined. */
  valueOn(id: string, date: string): ParameterValue | undefined {
    const s = this.series.get(id);
    if (!s) return undefined;
    for (const v of s.values) if (v.from <= date && (v.to === null || date <= v.to)) return v;
    return undefined;
  }

  /**
   * Adds every series of the files; a series whose id is already present replaces it whole
   * (how a caller brings a corrected or extended series). Throws one RulesetError listing all
   * problems.
   */
  static fromFiles(files: readonly unknown[]): ParameterRegistry {
    const reg = new ParameterRegistry();
    const issues: Issue[] = [];
    files.forEach((raw, fileIndex) => {
      const at = [`parameters[${fileIndex}]`];
      const shape = fileShapeIssues(raw, at);
      if (shape.length > 0) {
        issues.push(...shape);
        return;
      }
      const parsed = parameterFileSchema.safeParse(raw);
      if (!parsed.success) {
        issues.push(...zodIssues(parsed.error, at));
        return;
      }
      const file = parsed.data;
      for (const [id, series] of Object.entries(file.parameters)) {
        const p = [...at, 'parameters', id];
        const rest = id.startsWith(file.jurisdiction + '.') ? id.slice(file.jurisdiction.length + 1) : null;
        if (rest === null || !/^[a-z0-9][a-z0-9-]*$/.test(rest)) {
          issues.push({ path: p, message: `a parameter id is the file's jurisdiction and one name: ${file.jurisdiction}.<name>` });
          continue;
        }
        issues.push(...windowIssues(series.values, p));
        reg.series.set(id, { id, jurisdiction: file.jurisdiction, description: series.description, unit: series.unit, values: series.values });
      }
    });
    if (issues.length > 0) throw new RulesetError(issues, 'parameters');
    return reg;
  }
}

/** Problems with a series' windows: order, from ≤ to, overlaps and gaps. */
function windowIssues(values: readonly ParameterValue[], at: ReadonlyArray<string | number>): Issue[] {
  const issues: Issue[] = [];
  values.forEach((v, i) => {
    if (v.to !== null && v.to < v.from) issues.push({ path: [...at, 'values', i], message: `ends (${v.to}) before it starts (${v.from})` });
    const prev = values[i - 1];
    if (!prev) return;
    if (v.from <= prev.from) {
      issues.push({ path: [...at, 'values', i], message: `values must be in date order (${v.from} after ${prev.from})` });
    } else if (prev.to === null || v.from <= prev.to) {
      issues.push({ path: [...at, 'values', i], message: `overlaps the value from ${prev.from} (to ${prev.to ?? 'open'})` });
    } else if (addDaysIso(prev.to, 1) !== v.from) {
      issues.push({ path: [...at, 'values', i], message: `leaves a gap after ${prev.to} (next value starts ${v.from})` });
    }
  });
  return issues;
}

/** Whether every value of a series is a decimal (then an override must be one too). */
export function isDecimalSeries(series: ParameterSeries): boolean {
  return series.values.every((v) => isDecimalLike(v.value));
}

export type { ParameterFile, ParameterValue };
