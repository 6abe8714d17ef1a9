/**
 * App secret volumes and `secrets` (SV): the cluster's `secrets` feature, the
 * volume's `secret` naming a key of `secrets`, the ignored `mode`, the entries.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertReports, found, lint, settingsOf } from './helpers';
import { assertFixAcrossFormats } from './formats';
import { fixesFor } from '../server/src/service/codeActions';

type Volume = Record<string, unknown>;

function mesos(volumes: Volume[], secrets?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: '/billing/api',
    cmd: './api --password-file secrets/db',
    ...(secrets ? { secrets } : {}),
    container: { type: 'MESOS', volumes },
    ...extra,
  };
}
const sv = (containerPath: string, secret: string, more: Record<string, unknown> = {}) => ({
  containerPath,
  secret,
  ...more,
});

function errors(input: object, settings?: Record<string, unknown>) {
  return found(lint(input, { settings }))
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.pointer}`);
}

describe('secret-volume-reference (SV-02)', () => {
  test('a volume naming a key of secrets is clean (relative and absolute paths)', () => {
    for (const cp of ['secrets/db', '/run/secrets/db'])
      assert.deepEqual(errors(mesos([sv(cp, 'dbpass')], { dbpass: { source: 'billing/db' } })), []);
  });

  test('an unknown key is an error on the value, fixed to the closest key (preferred, safe)', () => {
    const input = mesos([sv('keys/report.pem', 'report-key')], {
      reportkey: { source: 'billing/report-key' },
    });
    assert.deepEqual(errors(input), ['secret-volume-reference /container/volumes/0/secret']);
    assertFixAcrossFormats(
      input,
      'secret-volume-reference',
      mesos([sv('keys/report.pem', 'reportkey')], { reportkey: { source: 'billing/report-key' } }),
    );
  });

  test('the secret-store path written instead of the key is recognised', () => {
    const input = mesos([sv('k', 'billing/report-key')], { rk: { source: 'billing/report-key' } });
    const [p] = assertReports(input, 'secret-volume-reference', ['/container/volumes/0/secret']);
    assert.match(p.message, /secret-store path of the secret "rk"/);
    const a = lint(input);
    const fixes = fixesFor(
      a,
      a.problems.find((x) => x.rule === 'secret-volume-reference')!,
      settingsOf({}),
      'en',
    );
    assert.equal(fixes[0].safe, true);
    assert.equal(JSON.parse(applyFix(input, 'secret-volume-reference')).container.volumes[0].secret, 'rk');
  });

  test('without secrets: add a secrets entry; a path becomes its key and source', () => {
    assertFixAcrossFormats(mesos([sv('k', '/billing/key')]), 'secret-volume-reference', {
      ...mesos([sv('k', 'key')]),
      secrets: { key: { source: 'billing/key' } },
    });
    assertFixAcrossFormats(
      mesos([sv('k', 'other')], { a: { source: 'x' } }),
      'secret-volume-reference',
      mesos([sv('k', 'other')], { a: { source: 'x' }, other: { source: 'other' } }),
      { title: 'add' },
    );
  });
});

describe('secrets-feature (SV-01, SV-04)', () => {
  const input = mesos([sv('k', 'db')], { db: { source: 'a/b' } });
  test('no error when the cluster has the secrets feature (the default)', () => {
    assertReports(input, 'secrets-feature', []);
  });

  test('without it: errors on the secrets key and on each secret volume', () => {
    const settings = { cluster: { features: ['external_volumes'] } };
    assertReports(input, 'secrets-feature', ['/secrets', '/container/volumes/0/secret'], { settings });
    assertReports(input, 'secrets-feature', [], { settings: { cluster: { features: ['SECRETS'] } } });
  });
});

describe('secret-volume-mode (SV-03)', () => {
  test('a mode on a secret volume is a hint, removed by a safe fix', () => {
    const input = mesos([sv('k', 'db', { mode: 'RW' })], { db: { source: 'a/b' } });
    const [p] = assertReports(input, 'secret-volume-mode', ['/container/volumes/0/mode']);
    assert.equal(p.severity, 'hint');
    assertFixAcrossFormats(input, 'secret-volume-mode', mesos([sv('k', 'db')], { db: { source: 'a/b' } }));
  });
});

describe('secret-definition (SV-04)', () => {
  test('an empty source or an empty name is an error, once', () => {
    assert.deepEqual(errors(mesos([], { apikey: { source: '' } })), [
      'secret-definition /secrets/apikey/source',
    ]);
    assertReports(mesos([], { '': { source: 'a/b' } }), 'secret-definition', ['/secrets/']);
  });

  test("fixes (not safe): a source under the app's group, a name after the source", () => {
    assertFixAcrossFormats(
      mesos([sv('apikey', 'apikey')], { apikey: { source: '' } }),
      'secret-definition',
      mesos([sv('apikey', 'apikey')], { apikey: { source: 'billing/apikey' } }),
    );
    assertFixAcrossFormats(
      mesos([], { '': { source: 'billing/db-password' } }),
      'secret-definition',
      mesos([], { 'db-password': { source: 'billing/db-password' } }),
    );
    const a = lint(mesos([], { db: { source: 'x' }, '': { source: 'a/db' } }));
    const p = a.problems.find((x) => x.rule === 'secret-definition')!;
    assert.deepEqual(fixesFor(a, p, settingsOf({}), 'en'), [], 'the name is taken: nothing to guess');
  });
});
