import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import village from '../../rulesets/cn.hunan.shaoyang/samples/village-eligibility.json';
import { editAndRehash, rechain } from '../records/sealed-file';
import { zhengdi } from './run';

// `zhengdi verify`, `sign`, `keygen` and `replay` on a file written by `zhengdi evaluate` (the
// built binary, as a user runs it). Exit codes (docs/cli.md): 0 intact, 1 not intact, 2 usage.

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-verify-'));
const input = join(tmp, 'village.jsonl');
writeFileSync(input, village.households.map((h) => JSON.stringify({ id: h.id, input: h.input })).join('\n') + '\n');
const records = join(tmp, 'records.jsonl');
const lines = () => readFileSync(records, 'utf8').trim().split('\n');
const write = (name: string, l: string[]) => {
  const f = join(tmp, name);
  writeFileSync(f, l.join('\n') + '\n');
  return f;
};

describe('zhengdi verify / sign / keygen', () => {
  it('a file from evaluate verifies (exit 0); replay says it is sealed and intact', async () => {
    expect((await zhengdi(['evaluate', '--record-format', 'full', '-k', 'eligibility', input, '--out', records])).code).toBe(0);
    const v = await zhengdi(['verify', records]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(`sealed and intact: ${village.households.length} records (${village.households[0]!.id} … ${village.households.at(-1)!.id})`);
    const r = await zhengdi(['replay', records]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sealed and intact');
  });

  it('explain reads a sealed file: its records, not its seal or signatures', async () => {
    const e = await zhengdi(['explain', '--lang', 'en', records]);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout.match(/^Decision record /gm)).toHaveLength(village.households.length);
  });

  it('a deleted record: verify and replay exit 1 and name the line; --json gives the problems', async () => {
    const l = lines();
    const file = write('deleted.jsonl', [...l.slice(0, 2), ...l.slice(3)]);
    const v = await zhengdi(['verify', file]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/^3\s+DELETED\s+record 3 is missing: it came before line 3$/m);
    const json = JSON.parse((await zhengdi(['verify', '--json', file])).stdout) as { status: string; problems: Array<{ line: number; code: string }> };
    expect(json).toMatchObject({ status: 'broken', problems: [{ line: 3, code: 'DELETED' }] });
    const r = await zhengdi(['replay', file]);
    expect(r.code).toBe(1); // every record still matches: the file does not
    expect(r.stdout).toContain('All records match, but the FILE is NOT intact');
  });

  it('an unsealed file (the fixtures, made before sealed files): verify exit 1 "unsealed", replay exit 0', async () => {
    const v = await zhengdi(['verify', 'fixtures/decisions/cn.hunan.shaoyang.jsonl']);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('unsealed (a record file from before sealed files)');
    expect((await zhengdi(['replay', 'fixtures/decisions/cn.hunan.shaoyang.jsonl'])).code).toBe(0);
  });

  it('keygen, sign, verify --public-key; a forged file (edited, re-hashed, re-chained, re-sealed) fails the signature; keys are never printed', async () => {
    const name = join(tmp, 'office');
    const k = await zhengdi(['keygen', '--out', name]);
    expect(k.code).toBe(0);
    const publicHex = /public key ([0-9a-f]{64})/.exec(k.stdout)![1]!;
    const privatePem = readFileSync(`${name}.key`, 'utf8');
    expect(privatePem).toContain('BEGIN PRIVATE KEY');
    expect((await zhengdi(['keygen', '--out', name])).code).toBe(2); // never overwrites
    const s = await zhengdi(['sign', '--key', `${name}.key`, records]);
    expect(s.code).toBe(0);
    expect(s.stdout + s.stderr).not.toContain(privatePem.split('\n')[1]!);
    expect(readFileSync(records, 'utf8')).not.toContain(privatePem.split('\n')[1]!);
    expect((await zhengdi(['verify', records, '--public-key', `${name}.pub`])).code).toBe(0);
    expect((await zhengdi(['verify', records, '--public-key', publicHex])).code).toBe(0);

    const l = lines();
    const edited = [...l];
    edited[1] = editAndRehash(l[1]!, (r) => ((r.decision as { outcome: { eligibleCount: number } }).outcome.eligibleCount = 4));
    const forged = write('forged.jsonl', [...rechain(edited), l.at(-1)!]); // keeps the old signature line
    expect((await zhengdi(['verify', forged])).stdout).toMatch(/SIGNATURE_INVALID/);
    const withKey = await zhengdi(['verify', forged, '--public-key', publicHex]);
    expect(withKey.code).toBe(1);
    expect(withKey.stdout).toMatch(/SIGNATURE_MISSING\s+no valid signature by the public key/);
    const stripped = write('stripped.jsonl', rechain(edited)); // the signature removed: only a key catches it
    expect((await zhengdi(['verify', stripped])).code).toBe(0);
    expect((await zhengdi(['verify', stripped, '--public-key', publicHex])).code).toBe(1);
  });

  it('sign refuses a broken file (exit 1); bad keys are usage errors (exit 2) that do not echo the key file', async () => {
    const l = lines().filter((x) => !x.includes('zhengdi-signature'));
    const broken = write('broken-sign.jsonl', [l[1]!, l[0]!, ...l.slice(2)]);
    const name = join(tmp, 'k2');
    await zhengdi(['keygen', '--out', name]);
    const r = await zhengdi(['sign', '--key', `${name}.key`, broken]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('only a sealed, intact file is signed');
    const secret = join(tmp, 'not-a-key.txt');
    writeFileSync(secret, 'my secret passphrase');
    const bad = await zhengdi(['sign', '--key', secret, records]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not an Ed25519 private key');
    expect(bad.stderr).not.toContain('passphrase');
    expect((await zhengdi(['verify', records, '--public-key', 'abc'])).code).toBe(2);
  });
});
