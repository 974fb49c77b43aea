import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, createEngine, type EvaluateRequest } from '../../src';
import { fixtureRequests } from '../fixture-requests';

// The core runs unchanged in a browser: the built ESM file (dist/index.js) is bundled for the
// browser by esbuild (platform "browser": any node: import would fail the bundle), loaded into
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser is ever
// downloaded), and every fixture request is decided there. Each decision must be byte-identical
// (canonical JSON) to Node's. New kinds join by adding their samples to test/fixture-requests.ts.

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist/index.js');
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  console.warn(`[browser test] skipped: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` or run scripts/ci-browser.sh.`);
}

/** Requests the page decides: every fixture, plus ones that must fail the same way in both. */
function requests(): unknown[] {
  const fixtures = fixtureRequests();
  const first = fixtures[0]! as EvaluateRequest<'eligibility'>;
  return [
    ...fixtures,
    // Parameter override (reported with overridden: true) and an explicit asOf.
    { ...first, asOf: '2024-01-01', parameters: { 'cn.hunan.shaoyang.max-per-capita-mu': '0.2' } },
    // Errors: the same InputError issues (paths and messages), the same NoRulesetInForceError.
    { ...first, input: { ...first.input, noticeDate: '2023-02-30', unexpected: 1 } },
    { ...first, input: { ...first.input, noticeDate: '2019-12-31' } },
    { kind: 'no-such-kind', input: {} },
  ];
}

/** What both sides return for a request: the canonical JSON of the decision, or the error's name, message and issues. */
type Result = { decision: string } | { error: string; message: string; issues?: unknown };

function decideAll(evaluate: (r: unknown) => unknown, canonical: (v: unknown) => string, reqs: unknown[]): Result[] {
  return reqs.map((r) => {
    try {
      return { decision: canonical(evaluate(r)) };
    } catch (e) {
      const err = e as { name: string; message: string; issues?: unknown };
      return { error: err.name, message: err.message, issues: err.issues };
    }
  });
}

describe.skipIf(!haveChromium)('the core in headless Chromium', () => {
  let browser: BrowserContext;
  let userDataDir: string;
  let bundle: string;

  beforeAll(async () => {
    if (!existsSync(DIST)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    const out = await build({
      entryPoints: [DIST],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'ZhengdiRules',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    bundle = out.outputFiles[0]!.text;
    userDataDir = mkdtempSync(join(tmpdir(), 'zhengdi-chromium-'));
    // A fresh profile (--user-data-dir) each run, through the persistent-context API that owns it.
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('the bundle has no Node built-ins and no process', () => {
    expect(bundle).not.toMatch(/\brequire\(["']node:/);
    expect(bundle).not.toMatch(/\bprocess\.(env|versions|cwd)\b/);
  });

  it('every fixture request gives byte-identical decisions (and identical errors) in Chromium and Node', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setContent('<!doctype html><meta charset="utf-8"><title>zhengdi-rules</title><body></body>');
    await page.addScriptTag({ content: bundle });
    const reqs = requests();

    const inBrowser = await page.evaluate((rs) => {
      const lib = (globalThis as unknown as { ZhengdiRules: typeof import('../../src') }).ZhengdiRules;
      const engine = lib.createEngine();
      return {
        env: { hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined', userAgent: (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent },
        results: rs.map((r) => {
          try {
            return { decision: lib.canonicalJson(engine.evaluate(r as never)) };
          } catch (e) {
            const err = e as { name: string; message: string; issues?: unknown };
            return { error: err.name, message: err.message, issues: err.issues };
          }
        }),
      };
    }, reqs);
    await page.close();

    expect(pageErrors).toEqual([]);
    expect(inBrowser.env.hasProcess).toBe(false);
    expect(inBrowser.env.userAgent).toMatch(/HeadlessChrome|Chrome/);

    // Node, from the same built file and from the sources.
    const dist = (await import(pathToFileURL(DIST).href)) as typeof import('../../src');
    const fromDist = decideAll((r) => dist.createEngine().evaluate(r as never), dist.canonicalJson, reqs);
    const src = createEngine();
    const fromSrc = decideAll((r) => src.evaluate(r as EvaluateRequest), canonicalJson, reqs);

    expect(inBrowser.results).toHaveLength(reqs.length);
    // Sanity: the fixtures are decisions and the deliberately bad requests are the expected errors.
    const fixtures = fixtureRequests().length;
    expect(inBrowser.results.slice(0, fixtures + 1).every((r) => 'decision' in r)).toBe(true);
    expect(inBrowser.results.slice(fixtures + 1).map((r) => ('error' in r ? r.error : 'decision'))).toEqual(['InputError', 'NoRulesetInForceError', 'InputError']);
    inBrowser.results.forEach((r, i) => {
      expect(r, `request ${i} (browser vs Node dist)`).toEqual(fromDist[i]);
      expect(r, `request ${i} (browser vs Node src)`).toEqual(fromSrc[i]);
    });
  }, 120_000);
});
