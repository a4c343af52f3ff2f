import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresDriver } from '../../src/drivers/postgres/index.js';
import { reserveSql } from '../../src/drivers/postgres/sql/reserve.js';
import { completeSql } from '../../src/drivers/postgres/sql/complete.js';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `pc_${randomBytes(3).toString('hex')}`;
const d = createPostgresDriver(`${url}?schema=${schema}`);
const now = Date.now();
await d.enqueue(Array.from({ length: 20000 }, (_, j) => ({ id: `${now.toString(36)}-${String(j).padStart(7, '0')}`, queue: 'q', payload: '{"v":1}', availableAt: now, priority: 0 })));
const c = new pg.Client(url); await c.connect();
if (process.env.MODE) await c.query(`SET plan_cache_mode = ${process.env.MODE}`);
const times: number[] = [];
for (let i = 0; i < 60; i++) {
  const t = performance.now();
  const r = await c.query({ name: 'res', text: reserveSql(d.tables, true), values: ['q', Date.now(), 50, 60000] });
  times.push(performance.now() - t);
  await c.query({ name: 'comp', text: completeSql(d.tables), values: [r.rows.map((x) => x.id), r.rows.map((x) => x.token)] });
}
console.log((await c.query(`SELECT name, generic_plans, custom_plans FROM pg_prepared_statements`)).rows);
times.sort((a, b) => a - b); console.log('reserve p50', times[30]!.toFixed(3), 'min', times[0]!.toFixed(3));
await d.close(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end();
