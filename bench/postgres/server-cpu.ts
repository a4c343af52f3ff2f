/**
 * @module bench/postgres/server-cpu
 * CPU seconds used so far by every PostgreSQL server process on this machine (backends, WAL
 * writer, checkpointer…), read from /proc: the server's share of a job's cost, which stays
 * meaningful when other work steals the cores. 0 when the server is not local.
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/** Total user + system CPU seconds of processes named `postgres`. */
export function serverCpuSeconds(): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (stat.slice(open + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}
