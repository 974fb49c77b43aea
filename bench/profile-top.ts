/**
 * Prints the functions with the most self time in a V8 `.cpuprofile` (from `node --cpu-prof`),
 * or with `--inclusive` the most time including what they call (each function counted once
 * per stack, so recursion is not counted twice).
 * Usage: `npx tsx bench/profile-top.ts file.cpuprofile [count] [--inclusive]`.
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
const args = process.argv.slice(2);
const inclusive = args.includes('--inclusive');
const [file, countArg] = args.filter((a) => a !== '--inclusive');
if (!file) throw new Error('usage: profile-top.ts file.cpuprofile [count]');
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const selfTime = new Map<number, number>();
prof.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const keyOf = (n: Node) => {
  const where = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|src|bench|dist)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'}  ${where}:${n.callFrame.lineNumber + 1}`;
};
const byFn = new Map<string, number>();
let total = 0;
for (const n of prof.nodes) total += selfTime.get(n.id) ?? 0;
if (inclusive) {
  // Walk from the root; each node's self time counts for every distinct function on its stack.
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const walk = (id: number, onStack: ReadonlySet<string>) => {
    const n = byId.get(id)!;
    const key = keyOf(n);
    const stack = onStack.has(key) ? onStack : new Set([...onStack, key]);
    const t = selfTime.get(id) ?? 0;
    if (t > 0) for (const k of stack) byFn.set(k, (byFn.get(k) ?? 0) + t);
    for (const c of n.children ?? []) walk(c, stack);
  };
  walk(prof.nodes[0]!.id, new Set());
} else {
  for (const n of prof.nodes) byFn.set(keyOf(n), (byFn.get(keyOf(n)) ?? 0) + (selfTime.get(n.id) ?? 0));
}
const top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 30));
for (const [k, t] of top) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
