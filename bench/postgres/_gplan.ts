import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresDriver } from '../../src/drivers/postgres/index.js';
import { reserveSql } from '../../src/drivers/postgres/sql/reserve.js';
const url = 'postgres://postgres@127.0.0.1:5432/test';
const schema = `pc_${randomBytes(3).toString('hex')}`;
const d = createPostgresDriver(`${url}?schema=${schema}`);
const now = Date.now();
await d.enqueue(Array.from({ length: 20000 }, (_, j) => ({ id: `${now.toString(36)}-${String(j).padStart(7, '0')}`, queue: 'q', payload: '{"v":1}', availableAt: now, priority: 0 })));
for (let i = 0; i < 10; i++) await d.complete(await d.reserve(['q'], 50, 60));
const c = new pg.Client(url); await c.connect();
await c.query(`SET plan_cache_mode = force_generic_plan`);
await c.query(`PREPARE res(text, bigint, int, bigint) AS ${reserveSql(d.tables, true)}`);
for (let i = 0; i < 5; i++) {
  await c.query('BEGIN');
  const p = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING ${i === 4 ? 'ON' : 'OFF'}) EXECUTE res('q', ${Date.now()}, 50, 60000)`);
  await c.query('ROLLBACK');
  if (i === 4) console.log(p.rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await d.close(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end();
