/**
 * @module testing/conformance/malformed-tests
 * Drivers store strings: payloads that are not JSON, or are unusual, come back verbatim.
 */
import assert from 'node:assert/strict';
import { makeRecord } from './helpers.js';
import type { Suite } from './suite.js';

const ODD_PAYLOADS = [
  'this is { not JSON',
  '',
  '{"quote":"\\"","nl":"a\\nb","tab":"\t","uni":"é日本😀","nul":"\\u0000"}',
  `{"big":"${'x'.repeat(100_000)}"}`,
  '  {"spaces":true}  \n',
];

/** Registers the malformed-record tests. */
export function registerMalformedTests(suite: Suite): void {
  suite.describe('malformed records', () => {
    suite.test(
      'payloads that are not JSON, or odd, are stored and returned verbatim',
      async ({ driver, queue }) => {
        const q = queue('odd');
        const availableAt = Date.now();
        const records = ODD_PAYLOADS.map((payload) => makeRecord(q, { payload, availableAt }));
        await driver.enqueue(records);
        const got = await driver.reserve([q], 10, 30);
        assert.equal(got.length, ODD_PAYLOADS.length);
        const byId = new Map(got.map((r) => [r.id, r.payload]));
        for (const record of records) assert.equal(byId.get(record.id), record.payload);
      },
    );

    suite.test(
      'a malformed payload can be failed into the failed store verbatim',
      async ({ driver, queue }) => {
        const q = queue('odd-failed');
        const payload = '<<garbage>> \u0001 {';
        await driver.enqueue([makeRecord(q, { payload })]);
        const [r] = await driver.reserve([q], 1, 30);
        assert.ok(r);
        assert.equal(r.payload, payload);
        const error = { name: 'PayloadError', message: 'Unexpected token < in JSON' };
        assert.equal(await driver.fail(r, { connection: 'conformance', error }), true);
        const stored = await driver.failed.get(r.id);
        assert.equal(stored?.payload, payload);
        assert.equal(stored?.error.name, 'PayloadError');
        assert.equal(stored?.error.message, error.message);
        assert.ok(
          stored?.error.stack === undefined || stored.error.stack === null || stored.error.stack === '',
        );
        const listed = await driver.failed.list({ queue: q });
        assert.equal(listed[0]?.payload, payload);
      },
    );
  });
}
