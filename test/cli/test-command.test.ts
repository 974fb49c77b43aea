/**
 * `zhengdi test [PATH…]` (API.md "CLI"): the bundled cases pass (exit 0); a case edited to a wrong
 * amount fails with exit 1 and shows expected vs got at its path; a path or file that cannot be
 * read is a usage error (exit 2) before any case runs.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, zhengdi } from './run';

const tmp = mkdtempSync(join(tmpdir(), 'zhengdi-test-cmd-'));

describe.skipIf(!readFileSync(`${ROOT}package.json`, 'utf8').includes('"bin"'))('zhengdi test (the built binary)', () => {
  it('runs the bundled cases: all pass, exit 0, the closing count line', async () => {
    const r = await zhengdi(['test']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed\n$/m);
    expect(Number(/(\d+) passed/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(15);
  });

  it('a case edited to a wrong amount fails with exit 1 and says expected vs got at its path', async () => {
    const text = readFileSync(`${ROOT}rulesets/cn.shanghai.baoshan.gucun/cases/payout.yaml`, 'utf8');
    // 宝顾府〔2022〕13号: the hand-worked total is 377,500.00; write 377,600.00 instead.
    const wrong = text.replace('amount: "377500.00"', 'amount: "377600.00"');
    expect(wrong).not.toBe(text);
    const dir = join(tmp, 'cases');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'payout.yaml'), wrong);
    const r = await zhengdi(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ ');
    expect(r.stdout).toContain('a man of 40 at expropriation, employment stage, who cooperated (宝顾府〔2022〕13号 三(一)、五、六、七)');
    expect(r.stdout).toContain('    outcome.totals.amount: expected "377600.00", got "377500.00"');
    expect(r.stdout).toMatch(/^38 passed, 1 failed$/m); // the 39 cases of payout.yaml, one edited
  });

  it('exit 2 for a path that does not exist, a folder without cases, or a file that is not a case file', async () => {
    const missing = await zhengdi(['test', join(tmp, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    const none = await zhengdi(['test', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no case files under');
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, '- name: x\n  request: {}\n');
    const invalid = await zhengdi(['test', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('not a case file');
    expect(invalid.stderr).toContain('clause');
    expect(invalid.stdout).toBe('');
  });
});
