// Where a page's CPU goes under load, from Linux's /proc: the server (its primary and web
// workers), PostgreSQL's processes (none on PGlite, which runs inside the server) and this
// process, which generates the load on the same two cores. Summed user and system time, so a
// measurement can say how many CPU milliseconds one request costs each of them: on a 2-core
// machine their sum per request bounds the requests a second any server could answer.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // Linux's USER_HZ

function stat(pid: number): { comm: string; ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return { comm: text.slice(text.indexOf('(') + 1, close), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone, or not Linux
  }
}

export interface CpuSnapshot { serverMs: number; postgresMs: number; loadMs: number }

/** CPU used so far by the server's process tree, every postgres process, and this process. */
export function cpuSnapshot(serverPid: number): CpuSnapshot {
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).flatMap((pid) => {
    const s = stat(pid);
    return s ? [{ pid, ...s }] : [];
  });
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  const server = all.filter((p) => p.pid === serverPid || p.ppid === serverPid).reduce((a, p) => a + p.ticks, 0);
  const postgres = all.filter((p) => p.comm === 'postgres').reduce((a, p) => a + p.ticks, 0);
  const own = process.cpuUsage();
  return { serverMs: ms(server), postgresMs: ms(postgres), loadMs: (own.user + own.system) / 1000 };
}

export interface CpuPerRequest { server: number; postgres: number; loadGenerator: number; total: number }

/** CPU milliseconds per request between two snapshots (postgres counts every backend on the machine: run nothing else). */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuPerRequest {
  const per = (a: number, b: number) => (requests ? Math.round(((b - a) / requests) * 100) / 100 : 0);
  const server = per(before.serverMs, after.serverMs);
  const postgres = per(before.postgresMs, after.postgresMs);
  const loadGenerator = per(before.loadMs, after.loadMs);
  return { server, postgres, loadGenerator, total: Math.round((server + postgres + loadGenerator) * 100) / 100 };
}
