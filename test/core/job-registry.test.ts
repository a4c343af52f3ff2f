import { describe, expect, it } from 'vitest';
import type { IQueueable } from '../../src/contracts/queueable.js';
import { ForbiddenKeyError } from '../../src/core/errors/forbidden-key-error.js';
import { JobRegistrationError } from '../../src/core/errors/job-registration-error.js';
import { UnknownJobError } from '../../src/core/errors/unknown-job-error.js';
import { JobRegistry } from '../../src/core/job-registry.js';
import { jobProps, PayloadCodec } from '../../src/core/payload/payload-codec.js';
import { reviveJob } from '../../src/core/revive-job.js';

let constructed = 0;

class SendEmailJob implements IQueueable {
  constructor(
    readonly email: string,
    readonly subject: string,
  ) {
    constructed++;
  }
  shouldQueue(): boolean {
    return true;
  }
  handle(): void {}
  greeting(): string {
    return `Hi ${this.email}: ${this.subject}`;
  }
}

class ReportJob implements IQueueable {
  static jobName = 'generate-report';
  shouldQueue(): boolean {
    return true;
  }
  handle(): void {}
}

class DailyReportJob extends ReportJob {}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('JobRegistry', () => {
  it('registers, resolves, lists and makes jobs', () => {
    const registry = new JobRegistry();
    registry.register('send-email', SendEmailJob);
    expect(registry.has('send-email')).toBe(true);
    expect(registry.get('send-email')).toBe(SendEmailJob);
    const job = registry.make('send-email', 'a@b.c', 'Hello') as SendEmailJob;
    expect(job).toBeInstanceOf(SendEmailJob);
    expect(job.greeting()).toBe('Hi a@b.c: Hello');
    const all = registry.all();
    expect([...all]).toEqual([['send-email', SendEmailJob]]);
    all.clear();
    expect(registry.has('send-email')).toBe(true);
  });

  it('registers many at once', () => {
    const registry = new JobRegistry();
    registry.registerMany(
      new Map<string, new (...args: any[]) => IQueueable>([
        ['send-email', SendEmailJob],
        ['report', ReportJob],
      ]),
    );
    expect([...registry.all().keys()]).toEqual(['send-email', 'report']);
  });

  it('registerClass uses the static jobName, else the class name', () => {
    const registry = new JobRegistry();
    registry.registerClass(ReportJob);
    registry.registerClass(SendEmailJob);
    expect(registry.get('generate-report')).toBe(ReportJob);
    expect(registry.get('SendEmailJob')).toBe(SendEmailJob);
  });

  it('does not let a subclass inherit its parent static jobName', () => {
    const registry = new JobRegistry();
    registry.registerClass(DailyReportJob);
    expect(registry.has('DailyReportJob')).toBe(true);
    expect(registry.has('generate-report')).toBe(false);
  });

  it('unregisters', () => {
    const registry = new JobRegistry();
    registry.register('send-email', SendEmailJob);
    registry.unregister('send-email');
    expect(registry.has('send-email')).toBe(false);
    expect(() => registry.get('send-email')).toThrow(UnknownJobError);
    registry.unregister('never-registered');
  });

  it('says how to register an unknown name', () => {
    const registry = new JobRegistry();
    const error = thrown(() => registry.get('send-email')) as UnknownJobError;
    expect(error).toBeInstanceOf(UnknownJobError);
    expect(error.code).toBe('ERR_UNKNOWN_JOB');
    expect(error.jobName).toBe('send-email');
    expect(error.message).toBe(
      "Job 'send-email' is not registered: call registry.register('send-email', SendEmailJob) in the worker process",
    );
    expect(() => registry.make('nope')).toThrow(UnknownJobError);
    expect(UnknownJobError.forName('x').message).toContain("registry.register('x', XJob)");
  });

  it('refuses empty names and non-classes', () => {
    const registry = new JobRegistry();
    expect(() => registry.register('', SendEmailJob)).toThrow(JobRegistrationError);
    expect(() => registry.register('x', 'nope' as unknown as typeof SendEmailJob)).toThrow(
      JobRegistrationError,
    );
  });

  it('nameOf finds the registered name, the latest one when a class has several', () => {
    const registry = new JobRegistry();
    registry.register('send-email', SendEmailJob);
    const job = new SendEmailJob('a@b.c', 's');
    expect(registry.nameOf(job)).toBe('send-email');
    registry.register('send-email-v2', SendEmailJob);
    expect(registry.nameOf(job)).toBe('send-email-v2');
    registry.unregister('send-email-v2');
    expect(registry.nameOf(job)).toBe('send-email');
  });

  it('nameOf registers an unknown class under its jobName or class name', () => {
    const registry = new JobRegistry();
    expect(registry.nameOf(new ReportJob())).toBe('generate-report');
    expect(registry.get('generate-report')).toBe(ReportJob);
    expect(registry.nameOf(new SendEmailJob('a', 'b'))).toBe('SendEmailJob');
  });

  it('nameOf refuses to take a name another class holds', () => {
    const registry = new JobRegistry();
    registry.register('SendEmailJob', ReportJob);
    expect(() => registry.nameOf(new SendEmailJob('a', 'b'))).toThrow(
      /already registered to class ReportJob/,
    );
    expect(registry.get('SendEmailJob')).toBe(ReportJob);
  });

  it('re-registering a name to another class moves nameOf of the old class', () => {
    const registry = new JobRegistry();
    registry.register('job', SendEmailJob);
    registry.register('job', ReportJob);
    expect(registry.nameOf(new ReportJob())).toBe('job');
    expect(registry.nameOf(new SendEmailJob('a', 'b'))).toBe('SendEmailJob');
  });
});

describe('reviveJob', () => {
  const registry = new JobRegistry();
  registry.register('send-email', SendEmailJob);

  it('does not run the constructor and keeps prototype methods', () => {
    const before = constructed;
    const job = reviveJob(registry, 'send-email', { email: 'a@b.c', subject: 'Hi' }) as SendEmailJob;
    expect(constructed).toBe(before);
    expect(job).toBeInstanceOf(SendEmailJob);
    expect(job.greeting()).toBe('Hi a@b.c: Hi');
    expect(Object.keys(job)).toEqual(['email', 'subject']);
  });

  it('round-trips a job through the codec', () => {
    const codec = new PayloadCodec();
    const original = new SendEmailJob('x@y.z', 'Welcome');
    const raw = codec.serialize(
      {
        id: 'id-1',
        name: registry.nameOf(original),
        queue: 'emails',
        connection: 'main',
        createdAt: 0,
        availableAt: 0,
        priority: 0,
        tags: [],
        maxTries: null,
        maxExceptions: null,
        backoff: [],
        timeout: null,
        retryUntil: null,
        failOnTimeout: false,
        middleware: [],
      },
      jobProps(original),
      null,
      false,
    );
    const { payload, props } = codec.deserialize(raw);
    const job = reviveJob(registry, payload.name, props) as SendEmailJob;
    expect(job.greeting()).toBe('Hi x@y.z: Welcome');
  });

  it('refuses __proto__, constructor and prototype keys', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const props = JSON.parse(`{"email":"a","${key}":{"polluted":true}}`) as Record<string, unknown>;
      const error = thrown(() => reviveJob(registry, 'send-email', props));
      expect(error).toBeInstanceOf(ForbiddenKeyError);
      expect((error as ForbiddenKeyError).code).toBe('ERR_FORBIDDEN_KEY');
      expect((error as ForbiddenKeyError).key).toBe(key);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('defines own properties without running setters on the prototype', () => {
    let setterRan = false;
    class GuardedJob implements IQueueable {
      shouldQueue(): boolean {
        return true;
      }
      handle(): void {}
      set secret(_value: string) {
        setterRan = true;
      }
    }
    const local = new JobRegistry();
    local.register('guarded', GuardedJob);
    const job = reviveJob(local, 'guarded', { secret: 's' }) as unknown as { secret: string };
    expect(setterRan).toBe(false);
    expect(Object.getOwnPropertyDescriptor(job, 'secret')?.value).toBe('s');
  });

  it('throws UnknownJobError for an unregistered name', () => {
    expect(() => reviveJob(registry, 'missing', {})).toThrow(UnknownJobError);
  });
});
