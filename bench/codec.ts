/**
 * @module bench/codec
 * Micro-benchmark of the payload codec's hot path (not a test). Run: `npx tsx bench/codec.ts`.
 * Each case runs a warm-up, then reports the median of several timed rounds as ops/s.
 */
import type { IQueueable } from '../src/contracts/queueable.js';
import { JobRegistry } from '../src/core/job-registry.js';
import { generateKey } from '../src/core/payload/generate-key.js';
import type { PayloadMeta } from '../src/core/payload/payload.js';
import { jobProps, PayloadCodec } from '../src/core/payload/payload-codec.js';
import { decodeValue, encodeValue } from '../src/core/payload/value-codec.js';
import { reviveJob } from '../src/core/revive-job.js';

const ROUNDS = 7;
const MIN_ROUND_MS = 200;

class SendEmailJob implements IQueueable {
  constructor(
    readonly email: string,
    readonly subject: string,
    readonly body: string,
  ) {}
  shouldQueue(): boolean {
    return true;
  }
  handle(): void {}
}

const smallData = { userId: 'user-123', timestamp: 1700000000000 };
const typedData = { userId: 'user-123', at: new Date(1700000000000), amount: 1999n };
const job = new SendEmailJob('a@b.c', 'Welcome to our platform', 'Thank you for signing up!');
const meta: PayloadMeta = {
  id: '01HZX3J5Q8K9M2N4P6R7S8T9V0',
  name: 'send-email',
  queue: 'emails',
  connection: 'main',
  createdAt: 1700000000000,
  availableAt: 1700000000000,
  priority: 0,
  tags: [],
  maxTries: 3,
  maxExceptions: null,
  backoff: [60],
  timeout: null,
  retryUntil: null,
  failOnTimeout: false,
  middleware: [],
};

let sink: unknown;

/** Times `fn` in rounds of at least MIN_ROUND_MS and returns the median ops/s. */
function measure(fn: () => void): number {
  const batch = calibrate(fn);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(batch / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

function calibrate(fn: () => void): number {
  let batch = 1000;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= MIN_ROUND_MS) return batch;
    batch *= 2;
  }
}

const plain = new PayloadCodec();
const signed = new PayloadCodec({ signing: { key: 'bench-signing-key' } });
const sealed = new PayloadCodec({ encryption: { key: generateKey() } });
const registry = new JobRegistry();
registry.register('send-email', SendEmailJob);

const cases: Array<[string, () => void]> = [
  [
    'encodeValue+decodeValue, small data (fast path, no JSON text)',
    () => {
      sink = decodeValue(encodeValue(smallData, 'data'));
    },
  ],
  [
    'encodeValue+decodeValue, small data, through JSON text',
    () => {
      sink = decodeValue(JSON.parse(JSON.stringify(encodeValue(smallData, 'data'))));
    },
  ],
  [
    'encodeValue+decodeValue, Date+BigInt data (superjson), through JSON text',
    () => {
      sink = decodeValue(JSON.parse(JSON.stringify(encodeValue(typedData, 'data'))));
    },
  ],
  [
    'PayloadCodec serialize+deserialize (job props + small data)',
    () => {
      sink = plain.deserialize(plain.serialize(meta, jobProps(job), smallData, false));
    },
  ],
  [
    'PayloadCodec serialize+deserialize+reviveJob',
    () => {
      const { payload, props } = plain.deserialize(plain.serialize(meta, jobProps(job), smallData, false));
      sink = reviveJob(registry, payload.name, props);
    },
  ],
  [
    'PayloadCodec serialize+deserialize, signed (HMAC-SHA256)',
    () => {
      sink = signed.deserialize(signed.serialize(meta, jobProps(job), smallData, false));
    },
  ],
  [
    'PayloadCodec serialize+deserialize, encrypted (AES-256-GCM x2)',
    () => {
      sink = sealed.deserialize(sealed.serialize(meta, jobProps(job), smallData, true));
    },
  ],
];

console.log(`node ${process.version}, median of ${ROUNDS} rounds of >= ${MIN_ROUND_MS} ms`);
for (const [name, fn] of cases) {
  const rate = measure(fn);
  console.log(`${name.padEnd(72)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} ops/s`);
}
if (sink === undefined) console.log('');
