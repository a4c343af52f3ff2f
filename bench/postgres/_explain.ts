import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresDriver } from '../../src/drivers/postgres/index.js';
import { reserveSql } from '../../src/drivers/postgres/sql/reserve.js';
import { completeSql } from '../../src/drivers/postgres/sql/complete.js';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `prof_${randomBytes(3).toString('hex')}`;
const d = createPostgresDriver(`${url}?schema=${schema}`);
const now = Date.now();
const data = 'x'.repeat(200);
for (let i = 0; i < 50; i++) await d.enqueue(Array.from({ length: 1000 }, (_, j) => ({ id: `${now.toString(36)}-${String(i * 1000 + j).padStart(6, '0')}`, queue: 'q', payload: JSON.stringify({ v: 1, data }), availableAt: now, priority: 0 })));
const c = new pg.Client(url); await c.connect();
if (process.env.ANALYZE) await c.query(`ANALYZE "${schema}".jobs`);
// warm: reserve+complete a few batches
for (let i = 0; i < 20; i++) { const r = await d.reserve(['q'], 50, 60); await d.complete(r); }
const t = d.tables;
await c.query('BEGIN');
const plan = await c.query({ text: `EXPLAIN (ANALYZE, BUFFERS, WAL, VERBOSE OFF, COSTS OFF) ${reserveSql(t)}`, values: ['q', Date.now(), 50, 60000] });
console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
await c.query('ROLLBACK');
const r = await d.reserve(['q'], 50, 60);
await c.query('BEGIN');
const plan2 = await c.query({ text: `EXPLAIN (ANALYZE, BUFFERS, WAL, COSTS OFF) ${completeSql(t)}`, values: [r.map((x) => x.id), r.map((x) => x.token)] });
console.log(plan2.rows.map((r) => r['QUERY PLAN']).join('\n'));
await c.query('ROLLBACK');
await d.close(); await c.query(`DROP SCHEMA "${schema}" CASCADE`); await c.end();
