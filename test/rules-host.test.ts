/**
 * Host volumes and the two-volume workaround (HV): the real cause of an entry that
 * fell through to the host kind, the link between a host volume and its persistent
 * volume, sandbox directories mistaken for volumes, and imageless MESOS containers.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertReports, found, lint, problemsOf, settingsOf } from './helpers';
import { assertFixAcrossFormats } from './formats';
import { fixesFor } from '../server/src/service/codeActions';

type Volume = Record<string, unknown>;

function docker(volumes: Volume[], extra: Record<string, unknown> = {}) {
  return {
    id: '/db/mysql',
    role: 'db',
    container: { type: 'DOCKER', docker: { image: 'mysql:8' }, volumes },
    ...extra,
  };
}
function mesos(volumes: Volume[], extra: Record<string, unknown> = {}, image?: string) {
  return {
    id: '/db/app',
    role: 'db',
    cmd: 'sleep 3600',
    container: { type: 'MESOS', ...(image ? { docker: { image } } : {}), volumes },
    ...extra,
  };
}
const pv = (containerPath: string, size = 1024) => ({ containerPath, mode: 'RW', persistent: { size } });
const hv = (containerPath: string, hostPath: string, mode = 'RW') => ({ containerPath, hostPath, mode });

function volumeProblems(input: object, severities = ['error', 'warning']) {
  return found(lint(input))
    .filter((f) => severities.includes(f.severity) && f.pointer.includes('/volumes'))
    .map((f) => `${f.rule} ${f.pointer}`);
}

function titles(input: object, rule: string, message?: string): string[] {
  const a = lint(input);
  const p = a.problems.find((x) => x.rule === rule && (!message || x.message === message));
  assert.ok(p, `no ${rule}`);
  return fixesFor(a, p, settingsOf({}), 'en').map(
    (f) => `${f.title}${f.isPreferred ? ' *' : ''}${f.safe ? ' safe' : ''}`,
  );
}

describe('host-volume-fields (HV-01, LV-24, GEN-18)', () => {
  test('complete host volumes are fine, with RO or RW in any case', () => {
    for (const mode of ['RW', 'RO', 'ro', 'rw'])
      assert.deepEqual(volumeProblems(docker([hv('/etc/ssl/certs', '/etc/ssl/certs', mode)])), [], mode);
  });

  test('no hostPath and no kind key: one error on the volume brace, not the schema message', () => {
    const input = docker([{ containerPath: '/cache', mode: 'RW' }]);
    assert.deepEqual(volumeProblems(input), ['host-volume-fields /container/volumes/0']);
    const [p] = problemsOf(input, 'host-volume-fields');
    assert.equal(p.text, '{');
    assert.match(p.message, /none of the volume kinds/);
  });

  test('a misspelled "persistent" is named as the cause, with a safe rename', () => {
    const input = docker([{ containerPath: 'data', mode: 'RW', persistant: { size: 1024 } }]);
    const [p] = assertReports(input, 'host-volume-fields', ['/container/volumes/0']);
    assert.match(p.message, /"persistant".*"persistent"/);
    assert.equal(found(lint(input)).filter((f) => f.severity === 'error').length, 1);
    assertFixAcrossFormats(input, 'host-volume-fields', docker([pv('data')]));
    for (const key of ['persistentVolume', 'persistent_volume', 'Persistent', 'secrett', 'hostpath'])
      assert.match(
        problemsOf(docker([{ containerPath: 'data', mode: 'RW', [key]: 'x' }]), 'host-volume-fields')[0]
          .message,
        /Did you mean/,
        key,
      );
  });

  test('fixes for a volume of no kind: a persistent volume for a one-segment path, the same agent path for an absolute one', () => {
    assertFixAcrossFormats(
      docker([{ containerPath: 'data', mode: 'RW' }]),
      'host-volume-fields',
      docker([pv('data')]),
      {
        title: 'persistent',
      },
    );
    assertFixAcrossFormats(
      docker([{ containerPath: '/cache', mode: 'RO' }]),
      'host-volume-fields',
      docker([hv('/cache', '/cache', 'RO')]),
      {
        title: 'sameHostPath',
      },
    );
  });

  test('an absolute path of no kind can keep its data on a persistent volume (the workaround)', () => {
    const input = docker([{ containerPath: '/cache', mode: 'RW' }]);
    assert.deepEqual(titles(input, 'host-volume-fields'), ['sameHostPath', 'persistentAt']);
    const fixed = JSON.parse(applyFix(input, 'host-volume-fields', { title: 'persistentAt' }));
    assert.deepEqual(fixed.container.volumes, [pv('cache'), hv('/cache', 'cache')]);
    assert.deepEqual(volumeProblems(fixed), []);
  });

  test('the rename is safe only when it leaves a complete volume', () => {
    assert.deepEqual(
      titles(
        docker([{ containerPath: 'data', mode: 'RW', persistant: { size: 1024 } }]),
        'host-volume-fields',
      ),
      ['rename * safe'],
    );
    assert.deepEqual(
      titles(docker([{ containerPath: 'data', mode: 'RW', persistant: {} }]), 'host-volume-fields'),
      ['rename *'],
    );
    assert.deepEqual(
      titles(
        docker([{ containerPath: '/data', mode: 'RW', persistant: { size: 1024 } }]),
        'host-volume-fields',
      ),
      ['rename *'],
    );
  });

  test('a missing mode: one error, fixes RW (preferred) and RO', () => {
    const input = docker([{ containerPath: '/certs', hostPath: '/etc/ssl/certs' }]);
    assert.deepEqual(volumeProblems(input), ['host-volume-fields /container/volumes/0']);
    assert.deepEqual(titles(input, 'host-volume-fields'), ['addMode *', 'addMode']);
    assertFixAcrossFormats(input, 'host-volume-fields', docker([hv('/certs', '/etc/ssl/certs')]));
  });

  test('a missing containerPath: mounted at the same absolute path', () => {
    const input = docker([{ hostPath: '/etc/ssl/certs', mode: 'RO' }]);
    assert.deepEqual(volumeProblems(input), ['host-volume-fields /container/volumes/0']);
    assertFixAcrossFormats(
      input,
      'host-volume-fields',
      docker([hv('/etc/ssl/certs', '/etc/ssl/certs', 'RO')]),
    );
  });

  test('an empty path is named with the other one, and becomes it when absolute, or a persistent volume it links', () => {
    const noHost = mesos([hv('/etc/ssl', '', 'RO')]);
    const [p] = assertReports(noHost, 'host-volume-fields', ['/container/volumes/0/hostPath']);
    assert.match(p.message, /mount at "\/etc\/ssl"/);
    assert.deepEqual(problemsOf(noHost, 'schema-range'), [], 'said once');
    assertFixAcrossFormats(noHost, 'host-volume-fields', mesos([hv('/etc/ssl', '/etc/ssl', 'RO')]));
    assertFixAcrossFormats(
      docker([hv('', '/var/log')]),
      'host-volume-fields',
      docker([hv('/var/log', '/var/log')]),
    );
    const link = mesos([pv('data'), hv('/var/lib/mysql', '')]);
    assert.deepEqual(titles(link, 'host-volume-fields', 'emptyHostPath'), [
      'linkPersistent *',
      'sameHostPath',
    ]);
    assertFixAcrossFormats(link, 'host-volume-fields', mesos([pv('data'), hv('/var/lib/mysql', 'data')]));
    assert.deepEqual(titles(mesos([hv('logs', '')]), 'host-volume-fields', 'emptyHostPath'), []);
  });
});

describe('workaround-link (HV-04, LV-20, HV-06)', () => {
  test('the workaround is clean in either order, in DOCKER and MESOS apps', () => {
    const pair = [pv('mysqldata'), hv('/var/lib/mysql', 'mysqldata')];
    for (const volumes of [pair, [...pair].reverse()]) {
      assert.deepEqual(volumeProblems(docker(volumes), ['error', 'warning', 'information']), []);
      assert.deepEqual(
        volumeProblems(mesos(volumes, {}, 'mysql:8'), ['error', 'warning', 'information']),
        [],
      );
    }
  });

  test('"./name" links like "name"; an external volume at a relative path can be re-mounted too', () => {
    assert.deepEqual(volumeProblems(docker([pv('data'), hv('/var/lib/data', './data')])), []);
    const external = {
      containerPath: 'jenkins',
      mode: 'RW',
      external: { name: 'jenkins', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
    };
    assert.deepEqual(
      volumeProblems(mesos([external, hv('/var/jenkins_home', 'jenkins')], {}, 'jenkins'), [
        'warning',
      ]).filter((p) => /workaround|host-path/.test(p)),
      [],
    );
  });

  test('(a) a relative hostPath that names no persistent volume: warning with the likely name', () => {
    const input = docker([pv('mysql-data'), hv('/var/lib/mysql', 'mysqldata')]);
    const [p] = assertReports(input, 'workaround-link', ['/container/volumes/1/hostPath']);
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /did you mean "mysql-data"/);
    assertFixAcrossFormats(
      input,
      'workaround-link',
      docker([pv('mysql-data'), hv('/var/lib/mysql', 'mysql-data')]),
    );
  });

  test('(a) the only unlinked persistent volume is suggested even when the names differ', () => {
    const input = docker([pv('store'), hv('/var/lib/mysql', 'dbfiles')]);
    assert.deepEqual(titles(input, 'workaround-link'), ['link *']);
  });

  test('(a) not without persistent volumes, not for fetched files, not for absolute host paths', () => {
    assertReports(docker([hv('/var/lib/mysql', 'mysqldata')]), 'workaround-link', []);
    assertReports(
      docker([pv('data'), hv('/opt/pinger.py', 'pinger.py', 'RO')], {
        fetch: [{ uri: 'http://x/pinger.py' }],
      }),
      'workaround-link',
      [],
    );
    assertReports(docker([pv('data'), hv('/etc/ssl', '/etc/ssl', 'RO')]), 'workaround-link', []);
  });

  test('(b) re-mounting at a relative path is information, with a merge fix', () => {
    const input = docker([pv('data'), hv('other', 'data')]);
    const [p] = assertReports(input, 'workaround-link', ['/container/volumes/1/containerPath']);
    assert.equal(p.severity, 'information');
    assertFixAcrossFormats(input, 'workaround-link', docker([pv('other')]));
  });

  test('(b) a nested relative mount path needs the workaround: no diagnostic', () => {
    assertReports(docker([pv('db'), hv('state/db', 'db')]), 'workaround-link', []);
  });

  test('(c) a host volume mounted where the persistent volume is: warning', () => {
    const input = docker([pv('data'), hv('data', '/srv/data')]);
    const [p] = assertReports(input, 'workaround-link', ['/container/volumes/1/containerPath']);
    assert.equal(p.severity, 'warning');
    const redundant = docker([pv('data'), hv('./data', 'data')]);
    assertFixAcrossFormats(redundant, 'workaround-link', docker([pv('data')]));
  });
});

describe('host-path-sandbox (HV-05)', () => {
  test('a bare word RW hostPath in a DOCKER app without persistent volumes: warning', () => {
    const input = docker([hv('/var/lib/postgresql/data', 'pgdata')]);
    const [p] = assertReports(input, 'host-path-sandbox', ['/container/volumes/0/hostPath']);
    assert.equal(p.severity, 'warning');
    assert.match(p.message, /lost when the task is replaced/);
    const fixed = JSON.parse(applyFix(input, 'host-path-sandbox'));
    assert.deepEqual(fixed.container.volumes, [pv('pgdata'), hv('/var/lib/postgresql/data', 'pgdata')]);
  });

  test('not for RO, paths with "/", fetched files, MESOS apps, or apps with persistent volumes', () => {
    assertReports(docker([hv('/etc/conf', 'conf', 'RO')]), 'host-path-sandbox', []);
    assertReports(docker([hv('/data', 'a/b')]), 'host-path-sandbox', []);
    assertReports(
      docker([hv('/data', 'app.tgz')], { fetch: [{ uri: 'https://x/app.tgz' }] }),
      'host-path-sandbox',
      [],
    );
    assertReports(mesos([hv('/data', 'pgdata')], {}, 'postgres'), 'host-path-sandbox', []);
    assertReports(docker([pv('x'), hv('/data', 'pgdata')]), 'host-path-sandbox', []);
  });

  test('the name of an external volume used as hostPath', () => {
    const external = {
      containerPath: 'vol',
      mode: 'RW',
      external: { name: 'pgvol', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } },
    };
    const input = mesos([external, hv('/var/lib/pg', 'pgvol')], {}, 'postgres');
    assertReports(input, 'host-path-sandbox', ['/container/volumes/1/hostPath']);
    const fixed = JSON.parse(applyFix(input, 'host-path-sandbox'));
    assert.equal(fixed.container.volumes[1].hostPath, 'vol');
  });
});

describe('mesos-absolute-path-no-image (HV-07)', () => {
  test('absolute host paths in an imageless MESOS container are information', () => {
    const [p] = assertReports(mesos([hv('/etc/ssl', '/etc/ssl', 'RO')]), 'mesos-absolute-path-no-image', [
      '/container/volumes/0/containerPath',
    ]);
    assert.equal(p.severity, 'information');
  });

  test('not with an image, not for relative paths, not for DOCKER', () => {
    assertReports(
      mesos([hv('/etc/ssl', '/etc/ssl', 'RO')], {}, 'alpine'),
      'mesos-absolute-path-no-image',
      [],
    );
    assertReports(mesos([hv('certs', '/etc/ssl', 'RO')]), 'mesos-absolute-path-no-image', []);
    assertReports(docker([hv('/etc/ssl', '/etc/ssl', 'RO')]), 'mesos-absolute-path-no-image', []);
  });
});
