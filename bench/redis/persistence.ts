/**
 * What Redis persistence costs the Conveyor Redis driver: the same run on throwaway servers with
 * no persistence, AOF `appendfsync everysec` and AOF `appendfsync always`: bulk enqueue, processing
 * (a Worker at concurrency 50) and push→start latency p50 of single pushes. The AOF lives in the
 * server's temp dir, so `always` pays this machine's fsync. A script, not a test:
 *
 *   npx tsx bench/redis/persistence.ts [jobs=50000] [rounds=3]
 */
import { type Figure, percentile, printTable, seconds } from '../lib/measure.js';
import { ConveyorContender } from './conveyor.js';
import { ThrowawayServer } from './throwaway-server.js';

const total = Number(process.argv[2] ?? 50_000);
const rounds = Number(process.argv[3] ?? 3);
const MODES: Record<string, string[]> = {
  none: ['--appendonly', 'no'],
  'aof everysec': ['--appendonly', 'yes', '--appendfsync', 'everysec'],
  'aof always': ['--appendonly', 'yes', '--appendfsync', 'always'],
};
const figures: Figure[] = [];

async function run(mode: string): Promise<void> {
  const server = await ThrowawayServer.start(MODES[mode]);
  const contender = new ConveyorContender({}, mode, { host: '127.0.0.1', port: server.port, db: 0 });
  try {
    await contender.enqueue('warm', 1000);
    await contender.process('warm', 1000, 10);
    const enqueue = await seconds(() => contender.enqueue('bulk', total));
    const work = await contender.process('bulk', total, 50);
    const waits = await contender.latency('lat', 300, 50, 3);
    const setting = `${(total / 1000).toFixed(0)}k jobs, c=50`;
    figures.push(
      { library: mode, setting, metric: 'bulk enqueue', value: total / enqueue, unit: 'jobs/s' },
      { library: mode, setting, metric: 'processing', value: total / work, unit: 'jobs/s' },
      { library: mode, setting, metric: 'latency p50', value: percentile(waits, 50), unit: 'ms' },
    );
    console.error(
      `${mode}: enqueue ${Math.round(total / enqueue)}/s, processing ${Math.round(total / work)}/s, ` +
        `latency p50 ${percentile(waits, 50).toFixed(2)} ms`,
    );
  } finally {
    await contender.close();
    await server.stop();
  }
}

console.log(
  `Conveyor on throwaway redis-servers by persistence mode, median of ${rounds}, Node ${process.version}`,
);
for (let round = 0; round < rounds; round++) for (const mode of Object.keys(MODES)) await run(mode);
const medians = new Map<string, Figure[]>();
for (const f of figures) {
  const key = `${f.metric}\n${f.library}`;
  medians.set(key, [...(medians.get(key) ?? []), f]);
}
printTable(
  [...medians.values()].map((group) => ({
    ...group[0]!,
    value: percentile(
      group.map((f) => f.value),
      50,
    ),
  })),
  'none',
);
