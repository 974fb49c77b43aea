/**
 * zhengdi-rules: versioned, cited rules for the social security of farmers whose collective land
 * was expropriated (被征地农民社会保障), as pure and auditable decisions.
 *
 * @packageDocumentation
 */
export { createEngine } from './engine/engine';
export type {
  Decision,
  Engine,
  EngineCore,
  EngineOptions,
  EvaluateOptions,
  EvaluateRequest,
  KindMethods,
  ParameterOverrides,
} from './engine/engine';
export type { DecisionOf, JsonValue, ParameterRead, Reason, RulesetRef, Warning } from './engine/types';
export type { Citation, RulesetSource, RulesetSummary } from './engine/ruleset';
export type { ParameterSeries } from './engine/parameters';
export type { ParameterFile, ParameterValue, RulesetFile, RuleFile } from './engine/ruleset-file';
export type { Localized } from './engine/schemas';
export {
  InputError,
  MissingParameterError,
  NoRulesetInForceError,
  RuleEvaluationError,
  RulesetError,
  ZhengdiError,
  formatPath,
  type Issue,
} from './engine/errors';
export { ALLOWED_OPERATORS, STANDARD_OPERATORS } from './engine/logic/compile';
export { CUSTOM_OPERATORS } from './engine/logic/custom-operators';
export { canonicalJson, contentHash } from './engine/canonical-json';
export { rulesetHash } from './engine/ruleset';
export { ageOn } from './engine/dates';
export type { Kind, KindInput, KindOutcome } from './kinds';
export type { EligibilityInput, EligibilityOutcome } from './kinds/eligibility';
export { MEMBERSHIP_BASES } from './kinds/eligibility';
export { ENGINE_VERSION } from './version';
export * from './batch';
export * from './analysis';
