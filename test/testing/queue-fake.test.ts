/**
 * QueueFake: Laravel's assertions, usable from any runner (they throw AssertionError).
 */
import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import type { IQueueable } from '../../src/index.js';
import { QueueFake } from '../../src/testing/index.js';

class Mail implements IQueueable {
  static jobName = 'mail';
  constructor(readonly to: string) {}
  shouldQueue() {
    return true;
  }
  queue() {
    return 'emails';
  }
  handle() {}
}

class Report implements IQueueable {
  shouldQueue() {
    return true;
  }
  handle() {}
}

describe('QueueFake', () => {
  it('records pushes and passes the matching assertions', async () => {
    const fake = new QueueFake();
    fake.assertNothingPushed();
    await fake.push(new Mail('a@b.c'), { n: 1 });
    await fake.later(30, new Mail('d@e.f'), { n: 2 });
    await fake.dispatch(new Report(), {}, { queue: 'reports' });
    fake.assertPushed(Mail);
    fake.assertPushed('mail', (job) => (job as Mail).to === 'd@e.f');
    fake.assertPushed(Mail, 2);
    fake.assertPushedOn('emails', Mail);
    fake.assertPushedOn('reports', Report);
    fake.assertPushedTimes(Report, 1);
    fake.assertNotPushed(Mail, (_job, data) => (data as { n: number }).n === 3);
    fake.assertCount(3);
    expect(fake.pushed(Mail).map((p) => p.delay)).toEqual([0, 30]);
  });

  it('fails each assertion with a clear message when it does not hold', async () => {
    const fake = new QueueFake();
    await fake.push(new Mail('a@b.c'), {});
    expect(() => fake.assertPushed(Report)).toThrow(AssertionError);
    expect(() => fake.assertPushed(Report)).toThrow('The expected [Report] job was not pushed.');
    expect(() => fake.assertPushedOn('other', Mail)).toThrow('not pushed on queue [other]');
    expect(() => fake.assertPushedTimes(Mail, 2)).toThrow('pushed 1 times instead of 2 times');
    expect(() => fake.assertNotPushed(Mail)).toThrow('The unexpected [Mail] job was pushed.');
    expect(() => fake.assertNothingPushed()).toThrow('Jobs were pushed unexpectedly: Mail.');
    expect(() => fake.assertCount(0)).toThrow('Expected 0 jobs to be pushed, but found 1.');
  });

  it('stands in for IQueueManager and can fake only some jobs', async () => {
    const real = new QueueFake();
    const fake = new QueueFake({ only: [Mail], manager: real });
    await fake.push(new Mail('x@y.z'), {});
    await fake.push(new Report(), {});
    fake.assertPushed(Mail);
    fake.assertNotPushed(Report);
    real.assertPushed(Report);
    await fake.bulk([new Mail('1'), new Mail('2')], {});
    fake.assertPushedTimes(Mail, 3);
    fake.reset();
    fake.assertNothingPushed();
  });
});
