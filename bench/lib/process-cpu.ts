/**
 * @module bench/lib/process-cpu
 * CPU seconds used so far by every process of a given name on this machine, read from /proc:
 * a database server's share of a job's cost, steadier than wall time when other work steals
 * the cores. 0 when no such process is local (or /proc is missing). Children's time once they
 * ended (`cutime`, `cstime`) counts too: a PostgreSQL backend that exits mid-measurement hands
 * its time to the postmaster instead of taking it out of the sum.
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Total user + system CPU seconds of the processes whose command name is one of `names` (e.g.
 * `mariadbd`, `mysqld`), with that of their children that ended.
 */
export function processCpuSeconds(...names: string[]): number {
  let ticks = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      if (!names.includes(stat.slice(open + 1, close))) continue;
      const fields = stat.slice(close + 2).split(' ');
      // utime, stime, cutime, cstime (fields 14–17 of stat)
      for (const field of fields.slice(11, 15)) ticks += Number(field);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}
