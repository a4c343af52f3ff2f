/**
 * @module core/isolation/thread-entry
 * Runs inside a job thread: loads the user's registry module once, then runs one job per
 * message. The worker terminates the thread when a job times out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobContext } from '../../contracts/job-context.js';
import { JobRegistry } from '../job-registry.js';
import { type CodecOptions, PayloadCodec } from '../payload/index.js';
import { reviveJob } from '../revive-job.js';
import { toError, toErrorInfo } from '../to-error.js';
import type { RunMessage, ThreadData, ThreadMessage } from './thread-protocol.js';

const { jobsModule, codecOptions } = workerData as ThreadData;
const port = parentPort!;
const send = (message: ThreadMessage) => port.postMessage(message);

/** Finds the registry in the module: default export, `registry`, `jobs`, or a config's `jobs`. */
function registryFrom(mod: Record<string, unknown>): JobRegistry {
  let candidate: unknown = mod.registry ?? mod.jobs ?? mod.default;
  if (
    candidate &&
    typeof candidate === 'object' &&
    'jobs' in candidate &&
    !(candidate instanceof JobRegistry)
  ) {
    candidate = (candidate as { jobs: unknown }).jobs;
  }
  if (candidate instanceof JobRegistry) return candidate;
  const registry = new JobRegistry();
  if (candidate && typeof candidate === 'object') {
    for (const [name, jobClass] of Object.entries(candidate)) {
      if (typeof jobClass === 'function') registry.register(name, jobClass as never);
    }
  }
  return registry;
}

const registry = registryFrom((await import(jobsModule)) as Record<string, unknown>);
const codec = new PayloadCodec(codecOptions as CodecOptions);
const controller = new AbortController();

port.on('message', async (message: RunMessage) => {
  try {
    const { payload, props, data } = codec.deserialize(message.payload);
    const job = reviveJob(registry, payload.name, props);
    const context: JobContext = {
      id: message.id,
      attempts: message.attempts,
      queue: message.queue,
      connection: message.connection,
      signal: controller.signal,
      progress: (value) => send({ type: 'progress', value }),
      release: (delay = 0) => send({ type: 'release', delay }),
      fail: (error) => send({ type: 'fail', error: error instanceof Error ? toErrorInfo(error) : error }),
    };
    await job.handle(data, context);
    send({ type: 'done' });
  } catch (thrown) {
    send({ type: 'error', error: toErrorInfo(toError(thrown)) });
  }
});
send({ type: 'ready' });
