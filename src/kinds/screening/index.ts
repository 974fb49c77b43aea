import { toDec } from '../../engine/decimal';
import { defineKind } from '../../engine/kind';
import { screeningInput, type ScreeningOutcome } from './schema';

/**
 * `screening` (Shaoyang, 一、存量甄别): people enrolled under older standards are screened; each
 * rule of scope `enrollee` is a check of 一(一) whose id is the flag raised when it does not hold
 * (`under-16-at-notice`, …). A flag sends the person to review (身份存疑); it removes no one.
 *
 * Per enrollee the mechanism assembles: the notice date (the person's own or the roster's), the
 * per-capita land after expropriation (the ruleset's formula `per-capita-after-mu` on the
 * household's land, else the figure recorded at enrolment) and the historical standard (the
 * person's own or the roster's). The whole roster is one decision; the outcome counts flags.
 */
export const screening = defineKind({
  kind: 'screening',
  contract: { scopes: ['enrollee'], formulas: ['per-capita-after-mu'] },
  asOf: 'selects-rules',
  schema: screeningInput,
  decisiveDate: (input) => input.noticeDate,
  asOfHint:
    'A roster of existing enrollees usually predates the rules it is screened under: pass asOf = the screening date (e.g. engine.screening(roster, { asOf: "2024-03-01" }))',
  decide(ctx, input): ScreeningOutcome {
    const ruleIds = ctx.scopeRules('enrollee').map((r) => r.id);
    const flagCounts: Record<string, number> = {};
    for (const id of ruleIds) flagCounts[id] = 0;
    let clear = 0;
    const enrollees = input.enrollees.map((enrollee) => {
      const noticeDate = enrollee.noticeDate ?? input.noticeDate;
      const perCapita = enrollee.household ? toDec(ctx.formula('per-capita-after-mu', { household: enrollee.household })) : toDec(enrollee.perCapitaAfterMu);
      // The schema guarantees one of the two standards is given.
      const standard = toDec(enrollee.historicalStandardMu ?? input.historicalStandardMu);
      const data = { noticeDate, enrollee, perCapitaAfterMu: perCapita, historicalStandardMu: standard };
      const { failed } = ctx.scope('enrollee', data, enrollee.id);
      for (const f of failed) flagCounts[f] = (flagCounts[f] ?? 0) + 1;
      if (failed.length === 0) clear++;
      return {
        id: enrollee.id,
        status: failed.length === 0 ? ('clear' as const) : ('needs-review' as const),
        flags: failed,
        noticeDate,
        perCapitaAfterMu: perCapita.toFixed(),
        historicalStandardMu: standard.toFixed(),
      };
    });
    return {
      enrollees,
      counts: { total: enrollees.length, clear, needsReview: enrollees.length - clear, flags: flagCounts },
    };
  },
});

export * from './schema';
