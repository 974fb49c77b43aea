/** The kind interface lives in the engine (which knows no bundled kind); re-exported for the kinds. */
export { defineKind, type KindContract, type KindModule } from '../engine/kind';
