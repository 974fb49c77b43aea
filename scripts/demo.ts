/**
 * `npm run demo`: runs every bundled jurisdiction's sample data through the engine and prints
 * readable tables. Each jurisdiction's part is in scripts/demo/<jurisdiction>.ts.
 */
import { createEngine } from '../src';
import { demoGucunPayout } from './demo/gucun';
import { demoShaoyangEligibility } from './demo/shaoyang';
import { demoShaoyangAudit } from './demo/shaoyang-audit';
import { demoReplay } from './demo/replay';
import { demoTaizhou } from './demo/taizhou';

const engine = createEngine();
console.log(`zhengdi-rules demo — rulesets: ${engine.rulesets().map((r) => `${r.id} (${r.hash.slice(0, 12)})`).join(', ')}`);

demoShaoyangEligibility(engine);
demoShaoyangAudit(engine);
demoTaizhou(engine);
demoGucunPayout(engine);
demoReplay(engine);
