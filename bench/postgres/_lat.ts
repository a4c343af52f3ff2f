import pg from 'pg';
import { performance } from 'node:perf_hooks';
const c = new pg.Client('postgres://postgres@127.0.0.1:5432/test'); await c.connect();
await c.query('CREATE TEMP TABLE t (x int)'); await c.query('CREATE TABLE IF NOT EXISTS public._lat_probe (x int)');
for (const [name, sql] of [['select 1', 'SELECT 1'], ['insert commit (logged)', 'INSERT INTO public._lat_probe VALUES (1)'], ['insert temp', 'INSERT INTO t VALUES (1)']] as const) {
  const times: number[] = [];
  for (let i = 0; i < 300; i++) { const t = performance.now(); await c.query({ text: sql, name: name.replace(/\W/g, '') }); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name, 'p50', times[150]!.toFixed(3), 'p90', times[270]!.toFixed(3), 'ms');
}
await c.query('DROP TABLE public._lat_probe'); await c.end();
