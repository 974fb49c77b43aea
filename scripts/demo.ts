/**
 * `npm run demo`: runs every bundled jurisdiction's sample data through the engine and prints
 * readable tables. Each jurisdiction's part is in scripts/demo/<jurisdiction>.ts.
 */
import { createEngine } from '../src';
import { demoShaoyangEligibility } from './demo/shaoyang';

const engine = createEngine();
console.log(`zhengdi-rules demo — rulesets: ${engine.rulesets().map((r) => `${r.id} (${r.hash.slice(0, 12)})`).join(', ')}`);

demoShaoyangEligibility(engine);

import { demoReplay } from './demo/replay';
demoReplay(engine);
