import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { type IQueueable, JobRegistry, QueueManager, Worker, createConnection } from '../../src/index.js';
import { createPostgresDriver } from '../../src/drivers/postgres/index.js';

const N = Number(process.argv[2] ?? 20000);
const C = Number(process.argv[3] ?? 50);
const delay = Number(process.argv[4] ?? 0);
const url = process.env.URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `prof_${randomBytes(3).toString('hex')}`;
let count = 0;
class NoopJob implements IQueueable { static jobName = 'noop'; shouldQueue() { return true; } handle() { count++; } }
const registry = new JobRegistry(); registry.register('noop', NoopJob);
const driver = createPostgresDriver(`${url}${url.includes("?") ? "&" : "?"}schema=${schema}`);
const log: Array<[string, number, number, number]> = [];
const orig = { reserve: driver.reserve.bind(driver), complete: driver.complete.bind(driver) };
driver.reserve = async (q, max, lease) => { const t = performance.now(); const r = await orig.reserve(q, max, lease); log.push(['R', max, r.length, performance.now() - t]); return r; };
driver.complete = async (rs) => { const t = performance.now(); const r = await orig.complete(rs); log.push(['C', rs.length, r, performance.now() - t]); return r; };
const connection = createConnection(driver, { registry });
const producer = new QueueManager({ registry, connections: { main: `${url}${url.includes("?") ? "&" : "?"}schema=${schema}` } });
const jobs = Array.from({ length: 1000 }, () => new NoopJob());
for (let i = 0; i < N; i += 1000) await producer.bulk(jobs, {});
const worker = new Worker(connection, { concurrency: C, completeBatchDelay: delay });
import { monitorEventLoopDelay, performance as perf2 } from 'node:perf_hooks';
const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
const elu0 = perf2.eventLoopUtilization();
const cpu0 = process.cpuUsage();
import { Session } from 'node:inspector/promises';
const insp = new Session(); insp.connect();
if (process.env.PROF) { await insp.post('Profiler.enable'); await insp.post('Profiler.setSamplingInterval', { interval: 100 }); await insp.post('Profiler.start'); }
const t0 = performance.now();
await worker.start();
while (worker.getProcessedCount() < N) await new Promise((r) => setTimeout(r, 5));
const el = (performance.now() - t0) / 1000;
if (process.env.PROF) { const { profile } = await insp.post('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.PROF, JSON.stringify(profile)); }
const elu = perf2.eventLoopUtilization(elu0); const cpu = process.cpuUsage(cpu0);
console.log(`ELU ${elu.utilization.toFixed(2)} loop delay p50 ${(h.percentile(50)/1e6).toFixed(2)} p99 ${(h.percentile(99)/1e6).toFixed(2)} ms; client CPU/job ${((cpu.user+cpu.system)/N).toFixed(1)} µs`);
await worker.stop();
const R = log.filter((l) => l[0] === 'R'), Cc = log.filter((l) => l[0] === 'C');
const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(`rate ${(N / el).toFixed(0)}/s; reserves ${R.length} avg max ${avg(R.map((r) => r[1])).toFixed(1)} got ${avg(R.map((r) => r[2])).toFixed(1)} ms ${avg(R.map((r) => r[3])).toFixed(2)}; completes ${Cc.length} avg size ${avg(Cc.map((r) => r[1])).toFixed(1)} ms ${avg(Cc.map((r) => r[3])).toFixed(2)}`);
await producer.close(); await connection.close();
const admin = new pg.Client(url); await admin.connect(); await admin.query(`DROP SCHEMA "${schema}" CASCADE`); await admin.end();
