/**
 * zhengdi-rules: versioned, cited rules for the social security of farmers whose collective land
 * was expropriated (被征地农民社会保障), as pure and auditable decisions.
 *
 * @packageDocumentation
 */
export { createEngine } from './create-engine';
export type { Decision, Engine, EngineCore, EngineOptions, EvaluateOptions, EvaluateRequest, KindMethods, ParameterOverrides } from './create-engine';
export { createEngineCore } from './engine/engine';
export type {
  DecisionFor,
  EngineCore as EngineCoreFor,
  EngineCoreOptions,
  EvaluateUnderOptions,
  JurisdictionSummary,
  KindMethodsFor,
  RequestFor,
} from './engine/engine';
export { defineKind } from './engine/kind';
export type { AsOfPolicy, InputOf, KindContract, KindMap, KindModule, OutcomeOf, ParameterLookup } from './engine/kind';
export type { TableContract } from './engine/contract';
export { tableRow } from './engine/tables';
export type { DecisionContext, ScopeResult } from './engine/context';
export type { JurisdictionFile, JurisdictionPromises } from './engine/jurisdiction-file';
export type { DecisionOf, DecisionRequest, JsonValue, ParameterRead, Reason, RulesetRef, Warning } from './engine/types';
export type { Citation, RulesetSource, RulesetSummary } from './engine/ruleset';
export type { DerivedInput, ParameterSeries } from './engine/parameters';
export type { Evidence, ParameterFile, ParameterSource, ParameterValue, ParameterValueInput, RulesetFile, RuleFile } from './engine/ruleset-file';
export { EVIDENCE_KINDS } from './engine/ruleset-file';
export type { Localized } from './engine/schemas';
export {
  InputError,
  MissingParameterError,
  NoRulesetInForceError,
  RuleEvaluationError,
  RulesetError,
  RulesetNotApplicableError,
  ZhengdiError,
  formatPath,
  type Issue,
} from './engine/errors';
export { ALLOWED_OPERATORS, STANDARD_OPERATORS } from './engine/logic/compile';
export { CUSTOM_OPERATORS } from './engine/logic/custom-operators';
export { canonicalJson, contentHash } from './engine/canonical-json';
export { rulesetHash } from './engine/ruleset';
export { ageOn } from './engine/dates';
export type { BundledKinds, Kind, KindInput, KindOutcome } from './kinds';
export { BUNDLED_KINDS } from './kinds';
export type { EligibilityInput, EligibilityOutcome } from './kinds/eligibility';
export { EDUCATION_TYPES, MEMBERSHIP_BASES, SERVICE_RANKS } from './kinds/eligibility';
export type { PayoutInput, PayoutItem, PayoutOutcome, PayoutPayer } from './kinds/payout';
export { PENSION_STATUSES } from './kinds/payout';
export type { LaterSubsidyInput, LaterSubsidyOutcome } from './kinds/later-subsidy';
export type { FundingPart, ItemOutcome, ItemTotals } from './engine/items';
export type { ScreeningInput, ScreeningOutcome, ScreeningEnrollee, ScreeningFlag } from './kinds/screening';
export { SCREENING_FLAGS } from './kinds/screening';
export type { ProcedureInput, ProcedureOutcome, ProcedureViolation, ProcedureEvent, ProcedureEventType } from './kinds/procedure';
export { APPLICATION_DOCUMENTS, FIRST_NOTICE_VENUES, JOINT_REVIEW_DEPARTMENTS, SECOND_NOTICE_VENUES, TOWNSHIP_REVIEW_DEPARTMENTS, PROCEDURE_STEPS } from './kinds/procedure';
export type { QuotaInput, QuotaOutcome, ExcludedLand, LandType } from './kinds/quota';
export { LAND_TYPES, OTHER_AGRICULTURAL_SUBCLASSES } from './kinds/quota';
export type { AllocationInput, AllocationOutcome, HamiltonClaim, HamiltonResult, HamiltonShare, HamiltonRound } from './kinds/allocation';
export { hamilton } from './kinds/allocation';
export type { EnrollmentInput, EnrollmentOutcome, EnrollmentStatus } from './kinds/enrollment';
export type { ReallocationInput, ReallocationOutcome } from './kinds/reallocation';
export { ENGINE_VERSION } from './version';
export { toRecord, parseRecord, sealRecord, verifyRecordHash, recordHashOf, RECORD_FORMAT } from './audit/record';
export type { DecisionRecord, RecordChainLink, RecordedRequest, RequestLike, Sha256Hex, ToRecordOptions } from './audit/record';
export { compactText, recordText, type RecordText, type RecordTextOptions } from './records/line';
export { COMPACT_FORMAT, COMPACT_FORMAT_V1, compactParameters, compactRecordOf, compactRulesetHash, expandRecord, isCompact, parseCompactRecord, rederive, toCompactRecord, type AnyCompactRecord, type CompactItem, type CompactReason, type CompactReasonGroup, type CompactRecord, type CompactRecordV1, type ExpandHost, type Rederived } from './audit/compact';
export { CHAIN_RULE, GENESIS, RecordChain, SEAL_FORMAT, chainHash, sealText, type ChainState, type Seal } from './records/chain';
export { RecordFileVerifier, verifyRecordFile, type FileProblem, type FileProblemCode, type FileVerification, type LineKind, type VerifyOptions } from './records/verify';
export { SIGNATURE_FORMAT, publicKeyOf, signatureLine, signedMessage, verifySignature, type SignatureLine } from './records/sign';
export type { ReplayReport, ReplayMismatch, ReplayFailure, ReplayError, ReplayResult, ReplayOptions } from './audit/replay';
export { diffDecisions, diffValues, type Diff } from './audit/diff';
export { explainRecord, type Lang } from './audit/explain';
export { pseudonymiseRecord, pseudonymOf, personIdsOf, PERSON_FIELDS } from './audit/pseudonymise';
export * from './batch';
export * from './analysis';
export type { ErrorCode, ItemCode, Payer, RuleId, RuleKind, WarningCode } from './ids';
