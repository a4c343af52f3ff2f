import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { createMysqlDriver } from '../src/drivers/mysql/index.js';
import { buildStatements } from '../src/drivers/mysql/statements.js';
const url = 'mysql://root@127.0.0.1:3306/test';
const tablePrefix = `prof_${randomBytes(3).toString('hex')}_`;
const driver = createMysqlDriver({ uri: url, tablePrefix });
await driver.connect();
const now = Date.now();
const recs = Array.from({ length: 20000 }, (_, i) => ({ id: `j${i}`, queue: 'q', payload: JSON.stringify({ i, b: 'x'.repeat(200) }), availableAt: now, priority: 0 }));
await driver.enqueue(recs);
const sql = buildStatements(tablePrefix);
const c = await mysql.createConnection(url);
await c.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
const T: Record<string, number> = {};
const tick = (k: string, t: number) => { T[k] = (T[k] ?? 0) + performance.now() - t; };
let cycles = 0;
for (;;) {
  let t = performance.now();
  await c.query(sql.reserve.PROMOTE_DUE, [['q'], Date.now()]); tick('promote', t);
  t = performance.now(); await c.beginTransaction(); tick('begin', t);
  t = performance.now(); const [rows] = await c.query(sql.reserve.SELECT_READY, ['q', Date.now(), 50]) as any; tick('select', t);
  if (rows.length === 0) { await c.commit(); break; }
  t = performance.now(); await c.query(sql.reserve.LEASE_JOBS, ['tok.', Date.now() + 60000, rows.map((r: any) => r.seq)]); tick('lease', t);
  t = performance.now(); await c.commit(); tick('commit', t);
  t = performance.now(); await c.query(sql.ack.COMPLETE_JOBS, [rows.map((r: any) => r.id), rows.map((r: any) => `tok.${r.seq}`)]); tick('complete', t);
  cycles++;
  if (cycles % 100 === 0) { console.log(cycles, Object.fromEntries(Object.entries(T).map(([k, v]) => [k, (v / 100).toFixed(3)]))); for (const k in T) T[k] = 0; }
}
await driver.close();
await c.query(`DROP TABLE ${['jobs','failed_jobs','counters','locks','migrations'].map(t=>'`'+tablePrefix+t+'`').join(',')}`);
await c.end();
