/**
 * `npm run demo` (`npm run demo -- --lang en` in English): runs every bundled jurisdiction's
 * sample data through the engine and prints readable tables, wholly in one language. Each
 * jurisdiction's part is in scripts/demo/<jurisdiction>.ts.
 */
import { createEngine } from '../src';
import { demoGucunPayout } from './demo/gucun';
import { langFromArgs, say, type Lang } from './demo/lang';
import { demoShaoyangEligibility } from './demo/shaoyang';
import { demoShaoyangAudit } from './demo/shaoyang-audit';
import { demoReplay } from './demo/replay';
import { demoTaizhou } from './demo/taizhou';

let lang: Lang;
try {
  lang = langFromArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`demo: ${(e as Error).message}\n`);
  process.exit(2);
}
const t = say(lang);
const engine = createEngine();
console.log(`${t('zhengdi-rules 演示 — 规则集', 'zhengdi-rules demo — rulesets')}: ${engine.rulesets().map((r) => `${r.id} (${r.hash.slice(0, 12)})`).join(t('，', ', '))}`);

demoShaoyangEligibility(engine, lang);
demoShaoyangAudit(engine, lang);
demoTaizhou(engine, lang);
demoGucunPayout(engine, lang);
demoReplay(engine, lang);
