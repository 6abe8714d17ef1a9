/** External volume rules (EV): DVDI and CSI, MESOS and DOCKER containers. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertNoErrors, assertReports, found, lint, problemsOf, settingsOf } from './helpers';
import { assertFixAcrossFormats, strictParse } from './formats';
import { fixAllText, quickFixes } from '../server/src/service/codeActions';
import { toDiagnostics } from '../server/src/service/diagnostics';
import type { Locale } from '../server/src/service/l10n';

type Obj = Record<string, unknown>;

const dvdi = (external: Obj = {}, rest: Obj = {}): Obj => ({
  containerPath: 'data',
  external: { name: 'pgdata', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' }, ...external },
  mode: 'RW',
  ...rest,
});

const csi = (capability: Obj = {}, rest: Obj = {}, external: Obj = {}): Obj => ({
  containerPath: '/data',
  external: {
    name: 'vol-0123',
    provider: 'csi',
    options: {
      pluginName: 'ebs.csi.aws.com',
      capability: { accessType: 'mount', accessMode: 'SINGLE_NODE_WRITER', fsType: 'ext4', ...capability },
    },
    ...external,
  },
  mode: 'RW',
  ...rest,
});

const mesos = (volumes: Obj[], extra: Obj = {}): Obj => ({
  id: '/db',
  cmd: 'run',
  ...extra,
  container: { type: 'MESOS', volumes },
});

const docker = (volumes: Obj[], extra: Obj = {}): Obj => ({
  id: '/db',
  cmd: 'run',
  ...extra,
  container: { type: 'DOCKER', docker: { image: 'postgres:15' }, volumes },
});

const V0 = '/container/volumes/0';

/** The titles of the quick fixes of the first diagnostic of `rule`, as the editor shows them. */
function fixTitles(input: Obj, rule: string, locale: Locale = 'en'): string[] {
  const a = lint(input);
  const d = toDiagnostics(a, locale).find((x) => x.code === rule);
  assert.ok(d, `no ${rule} diagnostic`);
  return quickFixes(a, d.range, [d], settingsOf({}), locale).map((c) => c.title);
}

describe('valid external volumes raise nothing', () => {
  test('a MESOS DVDI app with REX-Ray options, a DOCKER one, and a CSI one', () => {
    assertNoErrors(
      mesos([
        dvdi({
          size: 100,
          options: {
            'dvdi/driver': 'rexray',
            'dvdi/volumetype': 'io1',
            'dvdi/iops': '3000',
            'dvdi/newfstype': 'xfs',
            'dvdi/overwritefs': 'true',
          },
        }),
      ]),
    );
    assertNoErrors(docker([dvdi({}, { containerPath: '/var/lib/postgresql/data', mode: 'RO' })]));
    assertNoErrors(mesos([csi()], { instances: 0 }));
  });
});

describe('external-volumes-feature (EV-01)', () => {
  test('warns on each external volume when the cluster lacks external_volumes', () => {
    const app = mesos([dvdi(), csi({}, {}, { name: 'other' })]);
    const got = assertReports(
      app,
      'external-volumes-feature',
      [`${V0}/external`, '/container/volumes/1/external'],
      {
        settings: { cluster: { features: ['vips', 'secrets'] } },
      },
    );
    assert.equal(got[0].severity, 'warning');
    assert.equal(got[0].text, '"external"');
  });

  test('silent with the default features, and when the feature is listed', () => {
    assertReports(mesos([dvdi()]), 'external-volumes-feature', []);
    assertReports(mesos([dvdi()]), 'external-volumes-feature', [], {
      settings: { cluster: { features: ['external_volumes'] } },
    });
  });
});

describe('external-volume-provider (EV-02..04)', () => {
  test('a missing provider is reported on "external" and added by the fix', () => {
    const app = mesos([
      {
        containerPath: 'data',
        external: { name: 'pgdata', options: { 'dvdi/driver': 'rexray' } },
        mode: 'RW',
      },
    ]);
    assertReports(app, 'external-volume-provider', [`${V0}/external`]);
    assertFixAcrossFormats(app, 'external-volume-provider', mesos([dvdi()]));
  });

  test('an upper-case provider is lower-cased', () => {
    const app = mesos([dvdi({ provider: 'DVDI' })]);
    const [p] = assertReports(app, 'external-volume-provider', [`${V0}/external/provider`]);
    assert.match(p.message, /lower case/);
    assertFixAcrossFormats(app, 'external-volume-provider', mesos([dvdi()]));
  });

  test('a driver name as provider moves into dvdi/driver', () => {
    const app = mesos([
      { containerPath: 'data', external: { name: 'pgdata', provider: 'rexray' }, mode: 'RW' },
    ]);
    assertReports(app, 'external-volume-provider', [`${V0}/external/provider`]);
    assertFixAcrossFormats(
      app,
      'external-volume-provider',
      mesos([
        {
          containerPath: 'data',
          external: { name: 'pgdata', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
          mode: 'RW',
        },
      ]),
    );
    const withOptions = mesos([dvdi({ provider: 'pxd', options: { 'dvdi/size': '5' } })]);
    assertFixAcrossFormats(
      withOptions,
      'external-volume-provider',
      mesos([dvdi({ provider: 'dvdi', options: { 'dvdi/driver': 'pxd', 'dvdi/size': '5' } })]),
    );
  });

  test('an unknown provider is an error, and no DVDI check runs on top of it', () => {
    const app = mesos([{ containerPath: '.', external: { name: '', provider: 'agent' }, mode: 'RO' }]);
    const found = lint(app).problems.map((p) => p.rule);
    assert.deepEqual(
      found.filter((r) => r !== 'schema-type' && r !== 'unknown-property'),
      ['external-volume-provider'],
    );
  });

  test('dvdi and csi are accepted', () => {
    assertReports(mesos([dvdi(), csi()]), 'external-volume-provider', []);
  });

  test('a CSI volume with provider "CSI" is lower-cased instead of the schema message', () => {
    const app = mesos([csi({}, {}, { provider: 'CSI' })]);
    assertReports(app, 'external-volume-provider', [`${V0}/external/provider`]);
    assertReports(app, 'schema-enum', []);
    assertFixAcrossFormats(app, 'external-volume-provider', mesos([csi()]));
  });
});

describe('external-volume-shape (EV-24)', () => {
  test('CSI options with provider dvdi: server error, fixed to csi', () => {
    const app = mesos([csi({}, {}, { provider: 'dvdi' })]);
    assertReports(app, 'external-volume-shape', [`${V0}/external/provider`]);
    assertReports(app, 'schema-enum', []);
    assert.equal(applyFix(app, 'external-volume-shape'), JSON.stringify(mesos([csi()]), null, 2));
  });

  test('DVDI options with provider csi: server error, fixed to dvdi', () => {
    const app = mesos([dvdi({ provider: 'csi' })]);
    const [p] = assertReports(app, 'external-volume-shape', [`${V0}/external/options`]);
    assert.equal(p.text, '"options"');
    // Reported where the schema would list CSI fields as missing, instead of that noise.
    assertReports(app, 'schema-required', []);
    assert.equal(applyFix(app, 'external-volume-shape'), JSON.stringify(mesos([dvdi()]), null, 2));
  });

  test('a CSI volume that only lacks its capability is left to the schema', () => {
    const app = mesos([
      {
        containerPath: '/d',
        external: { name: 'v', provider: 'csi', options: { pluginName: 'x' } },
        mode: 'RW',
      },
    ]);
    assertReports(app, 'external-volume-shape', []);
  });
});

describe('external-volume-name (EV-05)', () => {
  test('missing and empty names', () => {
    assertReports(
      mesos([
        {
          containerPath: 'data',
          external: { provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
          mode: 'RW',
        },
      ]),
      'external-volume-name',
      [`${V0}/external`],
    );
    assertReports(mesos([dvdi({ name: '' })]), 'external-volume-name', [`${V0}/external/name`]);
  });

  test('any non-empty name is accepted, including driver-style option strings', () => {
    assertReports(mesos([dvdi({ name: 'name=x,secure=true,size=5' })]), 'external-volume-name', []);
  });

  test('the fix names the volume after the app and its mount point, unique in the document (not safe)', () => {
    const app = (vols: Obj[]) => mesos(vols, { id: '/db/mysql' });
    assertFixAcrossFormats(
      app([dvdi({ name: '' })]),
      'external-volume-name',
      app([dvdi({ name: 'mysql-data' })]),
    );
    const unnamed = {
      containerPath: 'data',
      external: { provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
      mode: 'RW',
    };
    assertFixAcrossFormats(app([unnamed]), 'external-volume-name', app([dvdi({ name: 'mysql-data' })]));
    assertFixAcrossFormats(
      app([dvdi({ name: 'mysql-data' }, { containerPath: 'logs' }), dvdi({ name: '' })]),
      'external-volume-name',
      app([dvdi({ name: 'mysql-data' }, { containerPath: 'logs' }), dvdi({ name: 'mysql-data-2' })]),
    );
    assert.deepEqual(fixTitles(app([dvdi({ name: '' })]), 'external-volume-name'), [
      'Name it "mysql-data" (a new volume, unless the provider has one of that name)',
    ]);
  });
});

describe('external-volume-option-key (EV-06)', () => {
  test('keys without a namespace get dvdi/, upper-case namespaces are lower-cased', () => {
    const app = mesos([
      dvdi({ options: { 'dvdi/driver': 'rexray', volumetype: 'gp2', 'DVDI/iops': '100', 'dvdi/': 'x' } }),
    ]);
    const got = assertReports(app, 'external-volume-option-key', [
      `${V0}/external/options/volumetype`,
      `${V0}/external/options/DVDI~1iops`,
      `${V0}/external/options/dvdi~1`,
    ]);
    assert.ok(got.every((g) => g.text.startsWith('"')));
    assertFixAcrossFormats(
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', volumetype: 'gp2' } })]),
      'external-volume-option-key',
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/volumetype': 'gp2' } })]),
    );
  });

  test('a missing driver written as "driver" becomes dvdi/driver', () => {
    const app = mesos([dvdi({ options: { driver: 'rexray' } })]);
    assertReports(app, 'external-volume-option-key', [`${V0}/external/options/driver`]);
    assertFixAcrossFormats(app, 'external-volume-option-key', mesos([dvdi()]));
  });

  test('a name that ends or starts with "_", "." or ":" loses it', () => {
    assertFixAcrossFormats(
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/iops_': '100' } })]),
      'external-volume-option-key',
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/iops': '100' } })]),
    );
  });

  test('a key with nothing to rename it to is removed', () => {
    assertFixAcrossFormats(
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/': 'x' } })]),
      'external-volume-option-key',
      mesos([dvdi()]),
    );
  });

  test('other namespaces pass the syntax check', () => {
    assertReports(
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'foo/bar.Baz_1': 'x' } })]),
      'external-volume-option-key',
      [],
    );
  });
});

describe('dvdi-driver (EV-16)', () => {
  test('missing options: on "external"; options without driver: on "options"', () => {
    assertReports(mesos([dvdi({ options: undefined })]), 'dvdi-driver', [`${V0}/external`]);
    assertReports(mesos([dvdi({ options: { 'dvdi/size': '5' } })]), 'dvdi-driver', [
      `${V0}/external/options`,
    ]);
  });

  test('the fix adds "dvdi/driver": "rexray"', () => {
    const noOptions = { containerPath: 'data', external: { name: 'pgdata', provider: 'dvdi' }, mode: 'RW' };
    assertFixAcrossFormats(docker([noOptions]), 'dvdi-driver', docker([dvdi()]));
    assertFixAcrossFormats(
      mesos([dvdi({ options: { 'dvdi/size': '5' } })]),
      'dvdi-driver',
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/size': '5' } })]),
    );
  });

  test('a driver that is not a label', () => {
    for (const bad of ['', 'rexray/ebs', 'RexRay'])
      assertReports(mesos([dvdi({ options: { 'dvdi/driver': bad } })]), 'dvdi-driver', [
        `${V0}/external/options/dvdi~1driver`,
      ]);
    assertFixAcrossFormats(
      mesos([dvdi({ options: { 'dvdi/driver': 'RexRay' } })]),
      'dvdi-driver',
      mesos([dvdi()]),
    );
    assertReports(mesos([dvdi({ options: { 'dvdi/driver': 'pxd' } })]), 'dvdi-driver', []);
  });

  test('an empty driver, or the REX-Ray Docker plugin name, becomes "rexray"', () => {
    for (const bad of ['', 'rexray/ebs', 'rexray/ebs:latest'])
      assertFixAcrossFormats(
        mesos([dvdi({ options: { 'dvdi/driver': bad } })]),
        'dvdi-driver',
        mesos([dvdi()]),
      );
    assert.deepEqual(fixTitles(mesos([dvdi({ options: { 'dvdi/driver': 'Pxd' } })]), 'dvdi-driver'), [
      'Change to "pxd"',
      'Change to "rexray"',
    ]);
  });

  test('not checked when the provider is not dvdi', () => {
    assertReports(mesos([dvdi({ provider: 'agent', options: {} })]), 'dvdi-driver', []);
  });
});

describe('rexray-options (EV-17)', () => {
  const rex = (options: Obj) => mesos([dvdi({ options: { 'dvdi/driver': 'rexray', ...options } })]);
  const O = `${V0}/external/options`;

  test('label, natural number and boolean values', () => {
    assertReports(rex({ 'dvdi/volumetype': 'io1 ', 'dvdi/newfstype': '' }), 'rexray-options', [
      `${O}/dvdi~1volumetype`,
      `${O}/dvdi~1newfstype`,
    ]);
    for (const bad of ['0', '-5', 'b', '1.5', ' 100', '99999999999999999999'])
      assertReports(rex({ 'dvdi/iops': bad }), 'rexray-options', [`${O}/dvdi~1iops`]);
    for (const bad of ['yes', '1', 'b'])
      assertReports(rex({ 'dvdi/overwritefs': bad }), 'rexray-options', [`${O}/dvdi~1overwritefs`]);
  });

  test('accepted values', () => {
    assertReports(
      rex({
        'dvdi/volumetype': 'gp2',
        'dvdi/newfstype': 'ext4',
        'dvdi/iops': '+3000',
        'dvdi/overwritefs': 'TRUE',
      }),
      'rexray-options',
      [],
    );
  });

  test('"false" is refused by Marathon: a warning, and the safe fix removes it', () => {
    const app = rex({ 'dvdi/overwritefs': 'false' });
    const [p] = assertReports(app, 'rexray-options', [`${O}/dvdi~1overwritefs`]);
    assert.equal(p.severity, 'warning');
    assertFixAcrossFormats(app, 'rexray-options', mesos([dvdi()]));
  });

  test('the checks apply to the rexray driver only', () => {
    assertReports(
      mesos([dvdi({ options: { 'dvdi/driver': 'pxd', 'dvdi/iops': '0', 'dvdi/overwritefs': 'no' } })]),
      'rexray-options',
      [],
    );
  });

  test('fixes trim and lower-case label values', () => {
    assertFixAcrossFormats(
      rex({ 'dvdi/volumetype': ' GP2' }),
      'rexray-options',
      rex({ 'dvdi/volumetype': 'gp2' }),
    );
    assertFixAcrossFormats(rex({ 'dvdi/iops': ' 100 ' }), 'rexray-options', rex({ 'dvdi/iops': '100' }));
  });

  test('thousands written as "1k" become the number; any bad option can be left out for the default', () => {
    assertFixAcrossFormats(rex({ 'dvdi/iops': '1k' }), 'rexray-options', rex({ 'dvdi/iops': '1000' }));
    assertFixAcrossFormats(rex({ 'dvdi/iops': '0' }), 'rexray-options', rex({}));
    assertFixAcrossFormats(
      rex({ 'dvdi/newfstype': '', 'dvdi/iops': '10' }),
      'rexray-options',
      rex({ 'dvdi/iops': '10' }),
    );
    assert.deepEqual(fixTitles(rex({ 'dvdi/iops': '1k' }), 'rexray-options'), [
      'Change to "1000"',
      'Remove "dvdi/iops"',
    ]);
  });
});

describe('dvdi-docker-options (EV-13, EV-14)', () => {
  test('DOCKER: every option but dvdi/driver, and size, are errors', () => {
    const app = docker([
      dvdi({ size: 10, options: { 'dvdi/driver': 'rexray', 'dvdi/volumetype': 'gp2', 'foo/bar': 'x' } }),
    ]);
    const got = assertReports(app, 'dvdi-docker-options', [
      `${V0}/external/options/dvdi~1volumetype`,
      `${V0}/external/options/foo~1bar`,
      `${V0}/external/size`,
    ]);
    assert.ok(
      got.every((g) => g.text.startsWith('"')),
      'reported on the keys',
    );
  });

  test('fixes remove the option, all options but the driver, or the size', () => {
    const two = docker([
      dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/volumetype': 'gp2', 'dvdi/iops': '10' } }),
    ]);
    assertFixAcrossFormats(
      two,
      'dvdi-docker-options',
      docker([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/iops': '10' } })]),
    );
    assertFixAcrossFormats(two, 'dvdi-docker-options', docker([dvdi()]), { title: 'removeOptions' });
    assertFixAcrossFormats(docker([dvdi({ size: 10 })]), 'dvdi-docker-options', docker([dvdi()]));
    assert.deepEqual(fixTitles(docker([dvdi({ size: 10 })]), 'dvdi-docker-options'), [
      'Remove "size": Docker\'s volume driver ignores it and Marathon rejects it',
    ]);
    assert.deepEqual(fixTitles(two, 'dvdi-docker-options'), [
      'Remove "dvdi/volumetype": Docker\'s volume driver ignores it and Marathon rejects it',
      'Remove every option but "dvdi/driver": Docker\'s volume driver ignores them and Marathon rejects them',
    ]);
  });

  test('MESOS accepts options and size; DOCKER accepts the driver alone', () => {
    assertReports(
      mesos([dvdi({ size: 10, options: { 'dvdi/driver': 'rexray', 'dvdi/volumetype': 'gp2' } })]),
      'dvdi-docker-options',
      [],
    );
    assertReports(docker([dvdi()]), 'dvdi-docker-options', []);
  });

  test('a container without type is DOCKER', () => {
    const app = {
      id: '/db',
      cmd: 'run',
      container: { docker: { image: 'x' }, volumes: [dvdi({ size: 5 })] },
    };
    assertReports(app, 'dvdi-docker-options', [`${V0}/external/size`]);
  });
});

describe('dvdi-mesos-read-write (EV-11)', () => {
  test('MESOS RO is rejected (any letter case); the fix makes it RW', () => {
    assertReports(mesos([dvdi({}, { mode: 'ro' })]), 'dvdi-mesos-read-write', [`${V0}/mode`]);
    assertFixAcrossFormats(mesos([dvdi({}, { mode: 'RO' })]), 'dvdi-mesos-read-write', mesos([dvdi()]));
  });

  test('DOCKER RO and MESOS rw are fine', () => {
    assertReports(docker([dvdi({}, { mode: 'RO' })]), 'dvdi-mesos-read-write', []);
    assertReports(mesos([dvdi({}, { mode: 'rw' })]), 'dvdi-mesos-read-write', []);
  });
});

describe('external-volume-container-path (EV-12, EV-19)', () => {
  test('"." and ".." are rejected with both container types', () => {
    assertReports(mesos([dvdi({}, { containerPath: '.' })]), 'external-volume-container-path', [
      `${V0}/containerPath`,
    ]);
    assertReports(docker([dvdi({}, { containerPath: '..' })]), 'external-volume-container-path', [
      `${V0}/containerPath`,
    ]);
  });

  test('relative, nested and absolute paths are accepted', () => {
    for (const p of ['data', 'var/child', '/var/lib/data', '..data', './data'])
      assertReports(mesos([dvdi({}, { containerPath: p })]), 'external-volume-container-path', []);
  });

  test('the fix mounts it at a directory no other volume of the app uses', () => {
    assertFixAcrossFormats(
      mesos([dvdi({}, { containerPath: '.' })]),
      'external-volume-container-path',
      mesos([dvdi()]),
    );
    const other = { containerPath: 'data', hostPath: '/srv', mode: 'RW' };
    assertFixAcrossFormats(
      docker([other, dvdi({}, { containerPath: '..' })]),
      'external-volume-container-path',
      docker([other, dvdi({}, { containerPath: 'data-2' })]),
    );
  });
});

describe('external-volume-size (EV-15)', () => {
  test('0 is rejected, 1 accepted', () => {
    assertReports(mesos([dvdi({ size: 0 })]), 'external-volume-size', [`${V0}/external/size`]);
    assertReports(mesos([dvdi({ size: 1 })]), 'external-volume-size', []);
  });

  test("the fix leaves the size out, for the driver's default", () => {
    assertFixAcrossFormats(mesos([dvdi({ size: 0 })]), 'external-volume-size', mesos([dvdi()]));
  });

  test('sizes that look like MiB get a hint, with a fix when they divide evenly', () => {
    const [p] = assertReports(mesos([dvdi({ size: 10240 })]), 'external-volume-size-unit', [
      `${V0}/external/size`,
    ]);
    assert.equal(p.severity, 'hint');
    assert.match(p.message, /GiB/);
    assertFixAcrossFormats(
      mesos([dvdi({ size: 2048 })]),
      'external-volume-size-unit',
      mesos([dvdi({ size: 2 })]),
    );
    assertReports(mesos([dvdi({ size: 1500 })]), 'external-volume-size-unit', [`${V0}/external/size`]);
    assertReports(mesos([dvdi({ size: 500 })]), 'external-volume-size-unit', []);
  });
});

describe('dvdi-ignored-option (EV-21)', () => {
  test('non-dvdi namespaces and dvdi/size beside size are hints on MESOS', () => {
    const app = mesos([
      dvdi({ size: 10, options: { 'dvdi/driver': 'rexray', 'foo/bar': 'x', 'dvdi/size': '5' } }),
    ]);
    const got = assertReports(app, 'dvdi-ignored-option', [
      `${V0}/external/options/foo~1bar`,
      `${V0}/external/options/dvdi~1size`,
    ]);
    assert.ok(got.every((g) => g.severity === 'hint'));
    assertFixAcrossFormats(
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'foo/bar': 'x' } })]),
      'dvdi-ignored-option',
      mesos([dvdi()]),
    );
  });

  test('dvdi/size alone is passed on', () => {
    assertReports(
      mesos([dvdi({ options: { 'dvdi/driver': 'rexray', 'dvdi/size': '5' } })]),
      'dvdi-ignored-option',
      [],
    );
  });
});

describe('external-volume-shared-boolean (EV-20)', () => {
  test('the string "true" replaces the schema message and becomes true', () => {
    const app = mesos([dvdi({ shared: 'true' })]);
    assertReports(app, 'external-volume-shared-boolean', [`${V0}/external/shared`]);
    assertReports(app, 'schema-type', []);
    assertFixAcrossFormats(app, 'external-volume-shared-boolean', mesos([dvdi({ shared: true })]));
    assertFixAcrossFormats(
      mesos([dvdi({ shared: 'False' })]),
      'external-volume-shared-boolean',
      mesos([dvdi({ shared: false })]),
    );
  });

  test('booleans pass; other values are reported, fixed to what they mean (not safe), or to either', () => {
    assertReports(mesos([dvdi({ shared: true })]), 'external-volume-shared-boolean', []);
    assertReports(mesos([dvdi({ shared: 1 })]), 'external-volume-shared-boolean', [`${V0}/external/shared`]);
    assertFixAcrossFormats(
      mesos([dvdi({ shared: 1 })]),
      'external-volume-shared-boolean',
      mesos([dvdi({ shared: true })]),
    );
    assertFixAcrossFormats(
      mesos([dvdi({ shared: 'no' })]),
      'external-volume-shared-boolean',
      mesos([dvdi({ shared: false })]),
    );
    assert.deepEqual(fixTitles(mesos([dvdi({ shared: 'maybe' })]), 'external-volume-shared-boolean'), [
      'Change to true',
      'Change to false',
    ]);
  });
});

describe('dvdi-option-text (P3, GEN-18)', () => {
  const opts = (extra: Obj) => ({ options: { 'dvdi/driver': 'rexray', ...extra } });

  test('a number or a boolean among the options: one error on "options", not one schema error per value', () => {
    const app = mesos([dvdi(opts({ 'dvdi/iops': 3000, 'dvdi/overwritefs': true }))]);
    // Marathon reads the entry as neither DVDI nor CSI and reports the host shape's missing hostPath:
    // the error sits on the map it cannot read, within two levels of the volume.
    const [r] = assertReports(app, 'dvdi-option-text', [`${V0}/external/options`]);
    assert.equal(r.severity, 'error');
    assert.equal(r.text, '"options"');
    assert.match(r.message, /"dvdi\/iops": "3000", "dvdi\/overwritefs": "true"/);
    assertReports(app, 'schema-type', []);
    assertFixAcrossFormats(
      app,
      'dvdi-option-text',
      mesos([dvdi(opts({ 'dvdi/iops': '3000', 'dvdi/overwritefs': 'true' }))]),
    );
    assert.deepEqual(fixTitles(app, 'dvdi-option-text'), ['Write the option values as strings']);
    assert.match(fixAllText(lint(app).doc, settingsOf({}), undefined, 'en').text, /"dvdi\/iops": "3000"/);
  });

  test('in a DOCKER container too, and whatever the provider says', () => {
    assertReports(docker([dvdi({ options: { 'dvdi/driver': 7 } })]), 'dvdi-option-text', [
      `${V0}/external/options`,
    ]);
    assertReports(mesos([dvdi({ provider: 'rexray', ...opts({ 'dvdi/size': 5 }) })]), 'dvdi-option-text', [
      `${V0}/external/options`,
    ]);
  });

  test("string values, CSI options and a missing options map are not this rule's", () => {
    assertReports(mesos([dvdi(opts({ 'dvdi/iops': '3000' }))]), 'dvdi-option-text', []);
    assertNoErrors(mesos([dvdi(opts({ 'dvdi/iops': '3000' }))]));
    assertReports(mesos([csi()]), 'dvdi-option-text', []);
    assertReports(mesos([dvdi({ options: undefined })]), 'dvdi-option-text', []);
  });

  test('an object value has no text to write: reported, with no safe fix', () => {
    const app = mesos([dvdi(opts({ 'dvdi/extra': { a: 1 }, 'dvdi/iops': 10 }))]);
    const [r] = assertReports(app, 'dvdi-option-text', [`${V0}/external/options`]);
    assert.match(r.message, /"dvdi\/extra": "…"/);
    const fixed = applyFix(app, 'dvdi-option-text');
    assert.match(fixed, /"dvdi\/iops": "10"/);
    assert.doesNotMatch(fixAllText(lint(app).doc, settingsOf({}), undefined, 'en').text, /"10"/);
  });
});

describe('external-volume-name-unique-in-app (EV-08, EV-09)', () => {
  const twice = (shared: boolean) =>
    mesos([dvdi({ shared }, { containerPath: 'a' }), dvdi({ shared }, { containerPath: 'b' })], {
      id: '/shop/twice',
    });

  test('two non-shared DVDI volumes: the name clash and the DVDI rule, on the volume and the app', () => {
    const got = assertReports(twice(false), 'external-volume-name-unique-in-app', [
      '/container/volumes/1/external',
      '/id',
    ]);
    assert.match(got.find((g) => g.pointer === '/id')!.message, /declared 2 times in app \/shop\/twice/);
  });

  test('shared volumes still need distinct names in one app', () => {
    assertReports(twice(true), 'external-volume-name-unique-in-app', ['/container/volumes/1/external']);
  });

  test('the fix renames the later volume to a name unused in the document', () => {
    const app = mesos([
      dvdi({}, { containerPath: 'a' }),
      dvdi({}, { containerPath: 'b' }),
      dvdi({ name: 'pgdata-2' }, { containerPath: 'c' }),
    ]);
    assertFixAcrossFormats(
      app,
      'external-volume-name-unique-in-app',
      mesos([
        dvdi({}, { containerPath: 'a' }),
        dvdi({ name: 'pgdata-3' }, { containerPath: 'b' }),
        dvdi({ name: 'pgdata-2' }, { containerPath: 'c' }),
      ]),
    );
  });

  test('different names, or a DVDI and a CSI volume of different names, pass', () => {
    assertReports(
      mesos([dvdi({}, { containerPath: 'a' }), dvdi({ name: 'other' }, { containerPath: 'b' })]),
      'external-volume-name-unique-in-app',
      [],
    );
  });
});

describe('external-volume-instances (EV-07, EV-28)', () => {
  test('DVDI: more than one instance, shared or not', () => {
    assertReports(mesos([dvdi()], { instances: 2 }), 'external-volume-instances', ['/instances']);
    assertReports(mesos([dvdi({ shared: true })], { instances: 3 }), 'external-volume-instances', [
      '/instances',
    ]);
    assertFixAcrossFormats(
      mesos([dvdi()], { instances: 2 }),
      'external-volume-instances',
      mesos([dvdi()], { instances: 1 }),
    );
  });

  test('single-instance apps are left to the residency rules', () => {
    assertReports(
      mesos([dvdi()], { instances: 2, labels: { MARATHON_SINGLE_INSTANCE_APP: 'true' } }),
      'external-volume-instances',
      [],
    );
  });

  test('0 or 1 instance, or no instances at all, pass', () => {
    for (const instances of [0, 1, undefined])
      assertReports(mesos([dvdi()], { instances }), 'external-volume-instances', []);
  });

  test('CSI: non-shareable modes and single-writer volumes mounted RW', () => {
    assertReports(mesos([csi()], { instances: 2 }), 'external-volume-instances', ['/instances']);
    assertReports(
      mesos([csi({ accessMode: 'UNKNOWN' }, { mode: 'RO' })], { instances: 2 }),
      'external-volume-instances',
      ['/instances'],
    );
    assertReports(
      mesos([csi({ accessMode: 'MULTI_NODE_SINGLE_WRITER' })], { instances: 2 }),
      'external-volume-instances',
      ['/instances'],
    );
  });

  test('CSI: shareable modes scale; a read-only single-writer mount scales', () => {
    for (const accessMode of ['MULTI_NODE_MULTI_WRITER', 'MULTI_NODE_READER_ONLY'])
      assertReports(
        mesos([csi({ accessMode }, { mode: 'RO' })], { instances: 5 }),
        'external-volume-instances',
        [],
      );
    assertReports(
      mesos([csi({ accessMode: 'MULTI_NODE_SINGLE_WRITER' }, { mode: 'RO' })], { instances: 5 }),
      'external-volume-instances',
      [],
    );
  });

  test('CSI: a RW single-writer volume beside a shareable one is only a warning', () => {
    const app = mesos(
      [
        csi({ accessMode: 'MULTI_NODE_SINGLE_WRITER' }),
        csi({ accessMode: 'MULTI_NODE_MULTI_WRITER' }, { containerPath: '/b' }, { name: 'b' }),
      ],
      { instances: 2 },
    );
    const [p] = assertReports(app, 'external-volume-instances', ['/instances']);
    assert.equal(p.severity, 'warning');
  });
});

describe('dvdi-upgrade-strategy (EV-18)', () => {
  const strategy = (maximumOverCapacity: number, minimumHealthCapacity = 1) => ({
    upgradeStrategy: { minimumHealthCapacity, maximumOverCapacity },
  });

  test('maximumOverCapacity other than 0 is rejected and set to 0 by the fix', () => {
    assertReports(mesos([dvdi()], strategy(0.5)), 'dvdi-upgrade-strategy', [
      '/upgradeStrategy/maximumOverCapacity',
    ]);
    assertFixAcrossFormats(
      mesos([dvdi()], strategy(1)),
      'dvdi-upgrade-strategy',
      mesos([dvdi()], strategy(0)),
    );
  });

  test('0 with any minimumHealthCapacity, or no upgradeStrategy, passes', () => {
    assertReports(mesos([dvdi()], strategy(0, 1)), 'dvdi-upgrade-strategy', []);
    assertReports(mesos([dvdi()]), 'dvdi-upgrade-strategy', []);
  });

  test('CSI apps have no such rule, and resident apps are left to the residency rules', () => {
    assertReports(mesos([csi()], strategy(1)), 'dvdi-upgrade-strategy', []);
    const resident = mesos(
      [dvdi(), { containerPath: 'pg', persistent: { size: 512 }, mode: 'RW' }],
      strategy(1),
    );
    assertReports(resident, 'dvdi-upgrade-strategy', []);
    assertReports(mesos([dvdi()], { ...strategy(1), residency: {} }), 'dvdi-upgrade-strategy', []);
    const single = { ...strategy(1), labels: { MARATHON_SINGLE_INSTANCE_APP: 'true' } };
    assertReports(mesos([dvdi()], single), 'dvdi-upgrade-strategy', []);
  });

  test('a resident DVDI app gets at most one error on maximumOverCapacity, from the residency rules', () => {
    const resident = mesos(
      [dvdi(), { containerPath: 'pg', persistent: { size: 512 }, mode: 'RW' }],
      strategy(1),
    );
    const onNode = found(lint(resident)).filter(
      (f) => f.pointer === '/upgradeStrategy/maximumOverCapacity' && f.severity === 'error',
    );
    assert.ok(onNode.length <= 1, JSON.stringify(onNode.map((f) => f.rule)));
    assert.ok(onNode.every((f) => f.rule !== 'dvdi-upgrade-strategy'));
  });
});

describe('CSI rules (EV-27, EV-29, EV-30)', () => {
  test('csi-fs-type: mount needs fsType; the fix inserts ext4 after accessType', () => {
    const without = mesos([
      {
        containerPath: '/data',
        external: {
          name: 'v',
          provider: 'csi',
          options: { pluginName: 'p', capability: { accessType: 'mount', accessMode: 'SINGLE_NODE_WRITER' } },
        },
        mode: 'RW',
      },
    ]);
    assertReports(without, 'csi-fs-type', [`${V0}/external/options/capability`]);
    assertFixAcrossFormats(
      without,
      'csi-fs-type',
      mesos([
        {
          containerPath: '/data',
          external: {
            name: 'v',
            provider: 'csi',
            options: {
              pluginName: 'p',
              capability: { accessType: 'mount', fsType: 'ext4', accessMode: 'SINGLE_NODE_WRITER' },
            },
          },
          mode: 'RW',
        },
      ]),
    );
    assertReports(mesos([csi({ accessType: 'block', fsType: undefined })]), 'csi-fs-type', []);
  });

  test('csi-read-only-mode: read-only access modes need RO', () => {
    for (const accessMode of ['SINGLE_NODE_READER_ONLY', 'MULTI_NODE_READER_ONLY', 'UNKNOWN'])
      assertReports(mesos([csi({ accessMode })]), 'csi-read-only-mode', [`${V0}/mode`]);
    assertFixAcrossFormats(
      mesos([csi({ accessMode: 'MULTI_NODE_READER_ONLY' })]),
      'csi-read-only-mode',
      mesos([csi({ accessMode: 'MULTI_NODE_READER_ONLY' }, { mode: 'RO' })]),
    );
    assertReports(
      mesos([csi({ accessMode: 'MULTI_NODE_READER_ONLY' }, { mode: 'ro' })]),
      'csi-read-only-mode',
      [],
    );
    assertReports(
      mesos([csi({ accessMode: 'SINGLE_NODE_WRITER' }, { mode: 'RO' })]),
      'csi-read-only-mode',
      [],
    );
  });

  test('csi-docker-container: a warning with DOCKER only', () => {
    const [p] = assertReports(docker([csi()]), 'csi-docker-container', [`${V0}/external`]);
    assert.equal(p.severity, 'warning');
    assertReports(mesos([csi()]), 'csi-docker-container', []);
  });
});

describe('fix-all applies only the unambiguous fixes', () => {
  test('shared "true", an upper-case provider, a driver key without namespace and maximumOverCapacity', () => {
    const app = mesos([dvdi({ provider: 'DVDI', shared: 'true', options: { driver: 'rexray' } })], {
      instances: 2,
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 },
    });
    const text = JSON.stringify(app, null, 2);
    const doc = lint(text).doc;
    const { text: fixed } = fixAllText(doc, settingsOf({}), undefined, 'en');
    // Lower-casing the provider makes a DVDI volume of it, which limits "instances": that is no
    // safe fix (the user decides between one instance and another volume kind), so the provider waits.
    const left = mesos([dvdi({ provider: 'DVDI', shared: true })], {
      instances: 2,
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 },
    });
    assert.deepEqual(strictParse(fixed), left);
    assert.deepEqual(fixTitles(left, 'external-volume-provider'), [
      'Change to "dvdi", then set "instances" to 1, then set "maximumOverCapacity" to 0',
    ]);
    assert.deepEqual(
      JSON.parse(applyFix(left, 'external-volume-provider')),
      mesos([dvdi({ shared: true })], {
        instances: 1,
        upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
      }),
    );
  });

  test('quick fix titles are translated', () => {
    const [title] = fixTitles(mesos([dvdi()], { instances: 2 }), 'external-volume-instances', 'zh-cn');
    assert.match(title, /[\u4e00-\u9fff]/);
  });
});

describe('robustness', () => {
  test('odd shapes never crash a rule', () => {
    const odd: unknown[] = [
      { containerPath: 'x', external: null, mode: 'RW' },
      { containerPath: 'x', external: [], mode: 'RW' },
      { containerPath: 'x', external: { provider: 7, name: 3, options: 'x', shared: {} }, mode: 5 },
      {
        containerPath: 'x',
        external: { provider: 'dvdi', options: { 'dvdi/driver': 1, capability: 'x' } },
        mode: 'RW',
      },
      {
        containerPath: 'x',
        external: { provider: 'csi', options: { capability: { accessMode: 1 } } },
        mode: 'RW',
      },
    ];
    for (const v of odd) {
      const text = JSON.stringify(
        mesos([v as Obj], { instances: 'x', upgradeStrategy: { maximumOverCapacity: 'x' } }),
      );
      const stderr = console.error;
      const failures: unknown[] = [];
      console.error = (...a: unknown[]) => failures.push(a);
      try {
        lint(text);
        lint(JSON.stringify(docker([v as Obj], { instances: 9 })));
      } finally {
        console.error = stderr;
      }
      assert.deepEqual(failures, [], JSON.stringify(v));
    }
    assert.ok(problemsOf(mesos([dvdi()]), 'external-volume-provider').length === 0);
  });
});
