/**
 * Prints the functions with the most self time in a V8 `.cpuprofile` (from `node --cpu-prof`).
 * Usage: `npx tsx bench/profile-top.ts file.cpuprofile [count]`.
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
const [file, countArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts file.cpuprofile [count]');
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const selfTime = new Map<number, number>();
prof.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const byFn = new Map<string, number>();
let total = 0;
for (const n of prof.nodes) {
  const t = selfTime.get(n.id) ?? 0;
  total += t;
  const where = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src|bench|dist)\//, '$1/');
  const key = `${n.callFrame.functionName || '(anonymous)'}  ${where}:${n.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
}
const top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 30));
for (const [k, t] of top) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
