/**
 * Regressions found by the fuzzer (test/fuzz.test.ts, `npm run fuzz`), each with the
 * smallest input that showed it. Every test asserts what the user sees once fixed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MarathonService } from '../server/src/service/service';
import { diagnosticKeys, freshDiagnostics } from './fuzzing';

/** Diagnostics of `after` in a service that analysed `before` first (unit cache warm). */
function afterEdit(uri: string, before: string, after: string) {
  const service = new MarathonService();
  service.diagnostics(service.document(uri, 1, before));
  return service.diagnostics(service.document(uri, 2, after));
}

describe('regressions found by fuzzing', () => {
  test('unit results are not reused when a syntax error elsewhere changes what the unit checks see', () => {
    // v1: one schema error in the app. v2: the same app text, but a comma and the final
    // brace are missing before and after it, so the parser's tree around the app is a
    // guess and its schema problems are dropped; a warm cache kept showing them.
    const uri = 'file:///w/group.json';
    const v1 = '{"id": "/g", "apps": [{"id": "a", "cmd": "sleep 1", "instances": "2"}]}';
    const v2 = '{"id": "/g" "apps": [{"id": "a", "cmd": "sleep 1", "instances": "2"}]';
    const first = new MarathonService();
    assert.ok(
      first.diagnostics(first.document(uri, 1, v1)).some((d) => d.code === 'schema-type'),
      'v1 has its schema error',
    );
    const got = afterEdit(uri, v1, v2);
    assert.deepEqual(diagnosticKeys(got), diagnosticKeys(freshDiagnostics(uri, v2)));
    assert.deepEqual(
      got.map((d) => d.code),
      ['document', 'document'],
    );
  });
});
