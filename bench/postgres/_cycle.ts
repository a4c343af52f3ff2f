// Driver-only cycles mimicking the worker: reserve(50); then complete(prev) concurrently with next reserve.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createPostgresDriver } from '../../src/drivers/postgres/index.js';
const url = process.env.URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = 20000;
const schema = `cyc_${randomBytes(3).toString('hex')}`;
const d = createPostgresDriver(`${url}${url.includes('?') ? '&' : '?'}schema=${schema}`);
const data = 'x'.repeat(200);
async function fill() { const now = Date.now(); for (let i = 0; i < N; i += 5000) await d.enqueue(Array.from({ length: 5000 }, (_, j) => ({ id: `${now.toString(36)}-${String(i + j).padStart(7, '0')}`, queue: 'q', payload: JSON.stringify({ v: 1, data }), availableAt: now, priority: 0 }))); }
for (const mode of ['serial', 'overlap', 'serial', 'overlap']) {
  await fill();
  const lat: number[] = []; let prev: Promise<unknown> = Promise.resolve();
  const t0 = performance.now(); let n = 0;
  for (;;) {
    const t = performance.now();
    const r = await d.reserve(['q'], 50, 60);
    lat.push(performance.now() - t);
    if (r.length === 0) break;
    n += r.length;
    if (mode === 'serial') await d.complete(r); else { await prev; prev = d.complete(r); }
  }
  await prev;
  lat.sort((a, b) => a - b);
  console.log(mode.padEnd(8), `${(n / (performance.now() - t0) * 1000).toFixed(0)} jobs/s, reserve p50 ${lat[lat.length >> 1]!.toFixed(2)} ms`);
}
await d.close(); const c = new pg.Client(url); await c.connect(); await c.query(`DROP SCHEMA ${schema} CASCADE`); await c.end();
