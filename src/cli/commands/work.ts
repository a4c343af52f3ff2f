/**
 * @module cli/commands/work
 * `conveyor work`: runs a worker on the selected connection until stopped. Flags win over
 * the config's `worker` defaults. SIGTERM/SIGINT stop gracefully (running jobs finish within
 * the grace period, the rest are released); a second signal forces.
 */
import { pathToFileURL } from 'node:url';
import { type Command, Option } from 'commander';
import { isTypeScript } from '../../config/load-config.js';
import { Worker, type WorkerOptions } from '../../core/worker.js';
import type { Act } from '../action.js';
import type { CliContext } from '../context.js';
import { CliExit, ExitCode } from '../exit-codes.js';
import { reportJobs } from '../job-reporter.js';
import { colors } from '../output.js';
import { backoffList, integer, nameList, seconds } from '../parse-options.js';

/** `work`'s own flags, as commander parses them. */
interface WorkFlags {
  queue?: string[];
  concurrency?: number;
  prefetch?: number;
  tries?: number;
  timeout?: number;
  sleep?: number;
  backoff?: number | number[];
  lease?: number;
  grace?: number;
  maxJobs?: number;
  maxTime?: number;
  stopWhenEmpty?: boolean;
  once?: boolean;
  isolation?: 'none' | 'thread';
}

/** Registers `work`. */
export function registerWorkCommand(program: Command, act: Act): void {
  program
    .command('work')
    .description('process jobs until stopped (SIGTERM/SIGINT drain gracefully; a second signal forces)')
    .option('-q, --queue <names>', 'queues in strict priority order, comma-separated', nameList)
    .option('-c, --concurrency <n>', 'jobs run at once (default 1)', integer(1))
    .option('--prefetch <n>', 'jobs reserved ahead into a local buffer (default 0)', integer(0))
    .option('--tries <n>', 'attempt limit for jobs that set none (default 1; 0 = unlimited)', integer(0))
    .option(
      '--timeout <seconds>',
      'seconds per attempt for jobs that set none (default 60; 0 = none)',
      seconds(),
    )
    .option('--sleep <seconds>', 'idle wait when the driver cannot wake the worker (default 3)', seconds())
    .option(
      '--backoff <seconds>',
      'retry delay: one number, or one per attempt like 1,5,30 (default 0)',
      backoffList,
    )
    .option(
      '--lease <seconds>',
      'how long a reserved job stays ours without a heartbeat (default 30)',
      seconds(true),
    )
    .option(
      '--grace <seconds>',
      'on stop, how long running jobs may finish before release (default 30)',
      seconds(),
    )
    .option('--max-jobs <n>', 'stop after this many jobs', integer(1))
    .option('--max-time <seconds>', 'stop after this many seconds', seconds(true))
    .option('--stop-when-empty', 'stop once the queues hold no ready job')
    .option('--once', 'process at most one job, then exit (exit 3 when there was none)')
    .addOption(
      new Option('--isolation <mode>', 'run handlers in worker threads (default none)').choices([
        'none',
        'thread',
      ]),
    )
    .action(act(async (context, flags: WorkFlags) => work(context, flags)));
}

async function work(context: CliContext, flags: WorkFlags): Promise<number> {
  const { out } = context;
  const options = await workerOptions(context, flags);
  await context.connection(options.connection);
  const manager = await context.manager();
  const worker = new Worker(manager, options);
  const stopReporting = reportJobs(worker, out);
  try {
    if (flags.once) {
      const ran = await worker.processNext();
      if (!ran) out.note(colors.dim('No job was ready.'));
      return ran ? ExitCode.ok : ExitCode.nothing;
    }
    return await runUntilStopped(context, worker, options);
  } finally {
    stopReporting();
  }
}

async function runUntilStopped(context: CliContext, worker: Worker, options: WorkerOptions): Promise<number> {
  const { out } = context;
  const stopped = new Promise<void>((resolve) => worker.on('stopped', resolve));
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      out.note(colors.yellow(`${signal}: finishing running jobs… (send it again to force)`));
      out.data({ event: 'stopping', signal, at: new Date().toISOString() });
      void worker.stop();
    } else {
      out.note(colors.red(`${signal}: forcing stop, releasing running jobs`));
      void worker.stop({ force: true });
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const connection = await context.connection(options.connection);
    const queues = options.queues ?? [connection.getDefaultQueue()];
    const concurrency = options.concurrency ?? 1;
    out.data({
      event: 'starting',
      worker: worker.getId(),
      connection: connection.getName(),
      queues,
      concurrency,
    });
    out.note(
      colors.dim(
        `worker ${worker.getId()} on '${connection.getName()}', queues ${queues.join(', ')}, concurrency ${concurrency}`,
      ),
    );
    await worker.start();
    await stopped;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
  const processed = worker.getProcessedCount();
  const failed = worker.getFailedCount();
  out.data({ event: 'stopped', worker: worker.getId(), processed, failed, at: new Date().toISOString() });
  out.note(colors.dim(`stopped: ${processed} processed, ${failed} failed`));
  return ExitCode.ok;
}

/** Config `worker` defaults, then flags; `connection` from the global `--connection`. */
async function workerOptions(context: CliContext, flags: WorkFlags): Promise<WorkerOptions> {
  const { config, path } = await context.config();
  const options: WorkerOptions = { ...config.worker };
  const set = <K extends keyof WorkerOptions>(key: K, value: WorkerOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set('connection', context.globals.connection);
  set('queues', flags.queue);
  set('concurrency', flags.concurrency);
  set('prefetch', flags.prefetch);
  set('maxAttempts', flags.tries);
  set('timeout', flags.timeout);
  set('sleep', flags.sleep);
  set('backoff', flags.backoff);
  set('lease', flags.lease);
  set('gracePeriod', flags.grace);
  set('maxJobs', flags.maxJobs);
  set('maxTime', flags.maxTime);
  set('stopWhenEmpty', flags.stopWhenEmpty);
  set('isolation', flags.isolation);
  if (options.isolation === 'thread') {
    if (path === undefined) {
      throw CliExit.usage(
        '--isolation thread loads your jobs in each thread: it needs a conveyor.config file',
      );
    }
    if (isTypeScript(path) && !hasTypeScriptLoader()) {
      throw CliExit.usage(
        `--isolation thread cannot load ${path} in job threads: use a conveyor.config.mjs, or run the CLI under \`node --import tsx\``,
      );
    }
    options.jobsModule = pathToFileURL(path).href;
  }
  return options;
}

/** Job threads inherit `--import tsx`; without it they cannot import a TypeScript config. */
function hasTypeScriptLoader(): boolean {
  return import.meta.url.endsWith('.ts') || process.execArgv.some((arg) => arg.includes('tsx'));
}
