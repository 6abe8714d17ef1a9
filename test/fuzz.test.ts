/**
 * Fuzzing with a fixed seed (bounded for CI; `npm run fuzz` runs longer): random edits
 * of the fixtures and of generated definitions, through the pure service and through
 * the real server over stdio, with requests in between. Asserted after every edit:
 * no exception (nor a rule crash caught by its guard), every answer within 2 s,
 * diagnostics equal to a fresh analysis of the same text (no stale cache, no wrong
 * incremental parse), and every offered fix applying to text that parses at least as
 * well as before; at the end, diagnostics for the latest version of every document.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureDocuments, fuzzServer, fuzzService, summary, type Stats } from './fuzzing';
import { TestClient } from './lsp';

const SEED = 20_240_601;
const documents = fixtureDocuments();

function assertClean(stats: Stats): void {
  const shown = stats.findings
    .slice(0, 5)
    .map(
      (f) => `${f.kind} in ${f.where}: ${f.detail}\n  text: ${JSON.stringify(f.text ?? '').slice(0, 400)}`,
    );
  assert.deepEqual(shown, [], summary(stats));
}

describe('fuzzing', () => {
  test('random edits through the service', () => {
    const stats = fuzzService({ seed: SEED, edits: 4000, documents, perDocument: 30 });
    assert.equal(stats.edits, 4000);
    assert.ok(stats.requests > 1000 && stats.fixesChecked > 50, summary(stats));
    assertClean(stats);
  });

  describe('over stdio', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start();
    });
    after(() => client.stop());

    test('random edits, protocol misuse and requests against the server', async () => {
      const stats = await fuzzServer(client, {
        seed: SEED,
        edits: 2000,
        documents,
        perDocument: 25,
        open: 3,
      });
      assert.ok(stats.edits >= 2000);
      assert.ok(stats.requests > 100, summary(stats));
      assertClean(stats);
    });
  });
});
