// A running server's memory, from Linux's /proc: the process `mercia serve` started as and, with
// web workers (node:cluster), each of its children. VmRSS is resident memory now; VmHWM is the
// most it has been resident ("peak"). In MB (10^6 bytes), summed and per process.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory { pid: number; role: 'server' | 'primary' | 'worker'; rssMB: number; peakMB: number }
export interface ServerMemory { rssMB: number; peakMB: number; processes: ProcessMemory[] }

function status(pid: number): { rssKb: number; hwmKb: number; ppid: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM'), ppid: field('PPid') };
  } catch {
    return null; // gone, or not Linux
  }
}

/** The children of a process (its web workers), by their parent id. */
function childrenOf(pid: number): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  return pids.filter((p) => status(p)?.ppid === pid);
}

export function serverMemory(pid: number): ServerMemory {
  const mb = (kb: number) => Math.round(kb / 100) / 10;
  const workers = childrenOf(pid);
  const processes: ProcessMemory[] = [];
  for (const [p, role] of [[pid, workers.length ? 'primary' : 'server'] as const, ...workers.map((w) => [w, 'worker'] as const)]) {
    const s = status(p);
    if (s) processes.push({ pid: p, role, rssMB: mb(s.rssKb * 1.024), peakMB: mb(s.hwmKb * 1.024) });
  }
  const sum = (k: 'rssMB' | 'peakMB') => Math.round(processes.reduce((a, p) => a + p[k], 0) * 10) / 10;
  return { rssMB: sum('rssMB'), peakMB: sum('peakMB'), processes };
}
