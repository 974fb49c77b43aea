/** Helpers for the sealed-file tests: a real fixture file sealed, and the tamperings an attacker or an accident makes. */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { RecordChain, chainHash, sealText, type Seal } from '../../src/records';
import { bodyText } from '../../src/records/line';

export const FIXTURE = 'fixtures/decisions/cn.shanghai.baoshan.gucun.jsonl';
export const nodeSha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

/** The fixture's record lines (unsealed, as the fixture script wrote them). */
export function fixtureLines(file = FIXTURE): string[] {
  return readFileSync(file, 'utf8').trim().split('\n');
}

/** Seals record lines (canonical JSON records) as `zhengdi evaluate` does: one chained line each, then the seal. */
export function sealLines(lines: readonly string[]): string[] {
  const chain = new RecordChain();
  const out = lines.map((l) => {
    const r = JSON.parse(l) as { recordHash: string; id?: string };
    return chain.link(l, r.recordHash, r.id ?? null).slice(0, -1);
  });
  return [...out, chain.seal().slice(0, -1)];
}

/** The file text of lines. */
export const text = (lines: readonly string[]) => lines.join('\n') + '\n';

type Rec = Record<string, unknown> & { chain?: { hash: string; n: number }; recordHash: string; id?: string };
export const parse = (l: string) => JSON.parse(l) as Rec;

/** A record edited by someone who recomputes its own hash (not the chain). */
export function editAndRehash(line: string, edit: (r: Rec) => void): string {
  const { chain, ...r } = parse(line);
  edit(r as Rec);
  const { text: body } = bodyText(r);
  return chain ? `{"chain":${JSON.stringify({ hash: chain.hash, n: chain.n })},${body.slice(1)}` : body;
}

/** A whole file re-chained and re-sealed after an edit (what a forger with the tools but not the key does). */
export function rechain(lines: readonly string[]): string[] {
  const records = lines.filter((l) => !l.startsWith('{"count"') && !l.includes('"format":"zhengdi-signature/1"'));
  return sealLines(records.map((l) => {
    const { chain: _c, ...r } = parse(l);
    return bodyText(r).text;
  }));
}

export { chainHash, sealText, type Seal };
