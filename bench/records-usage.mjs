// Preloaded into the `zhengdi` CLI by bench/records.ts (`node --import`): when the process exits,
// writes its CPU time and peak RSS (all threads: the workers included) to BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
});
