/**
 * `src/records`: pure, browser-safe record files: a decision as one canonical record line
 * (hashed in one pass), the hash chain and seal of a record file, its verification and its
 * Ed25519 signatures. The SHA-256 is injectable (Node passes its native one; the same bytes).
 *
 * @module
 */
export { bodyText, compactText, recordText, type RecordText, type RecordTextOptions } from './line';
export { CHAIN_RULE, GENESIS, RecordChain, SEAL_FORMAT, chainHash, sealText, type ChainState, type Seal } from './chain';
export { RecordFileVerifier, verifyRecordFile, type FileProblem, type FileProblemCode, type FileVerification, type LineKind, type VerifyOptions } from './verify';
export { SIGNATURE_FORMAT, publicKeyHex, publicKeyOf, signatureLine, signedMessage, verifySignature, type SignatureLine } from './sign';
