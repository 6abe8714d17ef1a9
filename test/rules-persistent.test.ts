/**
 * Local persistent volumes in apps (LV): what Marathon rejects is an error at the
 * offending node, the variants it accepts are clean, and every fix gives exactly
 * the expected document (in five layouts) without new errors.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertReports, found, lint, problemsOf, settingsOf } from './helpers';
import { assertFixAcrossFormats, formatLike, STYLES } from './formats';
import { fixesFor } from '../server/src/service/codeActions';
import { javaRegexError, segmentName } from '../server/src/service/rules/appVolumes';
import { unlikeAsLike } from '../server/src/service/rules/persistent';

type Volume = Record<string, unknown>;

/** A resident MESOS app in group /db with role db (so the role rules stay quiet). */
function mesos(volumes: Volume[], extra: Record<string, unknown> = {}) {
  return { id: '/db/app', role: 'db', cmd: 'sleep 3600', container: { type: 'MESOS', volumes }, ...extra };
}
function docker(volumes: Volume[], extra: Record<string, unknown> = {}) {
  return {
    id: '/db/mysql',
    role: 'db',
    container: { type: 'DOCKER', docker: { image: 'mysql:8' }, volumes },
    ...extra,
  };
}
const pv = (containerPath: string, persistent: Record<string, unknown> = { size: 1024 }, mode = 'RW') => ({
  containerPath,
  mode,
  persistent,
});

/** Errors of the volumes (the part of the document these rules are about). */
function volumeErrors(input: object) {
  return found(lint(input))
    .filter((f) => f.severity === 'error' && f.pointer.includes('/volumes'))
    .map((f) => `${f.rule} ${f.pointer}`);
}

function titles(input: object, rule: string): string[] {
  const a = lint(input);
  const p = a.problems.find((x) => x.rule === rule);
  assert.ok(p, `no ${rule}`);
  return fixesFor(a, p, settingsOf({}), 'en').map(
    (f) => `${f.title}${f.isPreferred ? ' *' : ''}${f.safe ? ' safe' : ''}`,
  );
}

describe('persistent-container-path (LV-01..03, LV-20)', () => {
  test('a single relative segment is fine, dots inside a segment too', () => {
    for (const cp of ['data', 'foo..bar', '.hidden', 'pg-data_1'])
      assert.deepEqual(volumeErrors(mesos([pv(cp)])), [], cp);
  });

  test('absolute, nested, dot and empty paths are errors on the value', () => {
    for (const cp of ['/var/lib/mysql', 'state/db', 'data/', './content', '.', '..', '', '/'])
      assertReports(mesos([pv(cp)]), 'persistent-container-path', ['/container/volumes/0/containerPath']);
  });

  test('the message names the workaround and the derived name', () => {
    const [p] = problemsOf(docker([pv('/var/lib/mysql')]), 'persistent-container-path');
    assert.match(p.message, /absolute path "\/var\/lib\/mysql"/);
    assert.match(p.message, /"mysql"/);
    assert.match(p.message, /host volume/);
    assert.equal(p.severity, 'error');
    assert.equal(p.text, '"/var/lib/mysql"');
  });

  test('a missing containerPath is reported on the volume, instead of the schema message', () => {
    const input = mesos([{ mode: 'RW', persistent: { size: 1024 } }]);
    assert.deepEqual(volumeErrors(input), ['persistent-container-path /container/volumes/0']);
    const [p] = problemsOf(input, 'persistent-container-path');
    assert.equal(p.text, '{');
  });

  test('the two-volume fix, in MESOS and DOCKER apps and every layout', () => {
    for (const make of [mesos, docker]) {
      const out = assertFixAcrossFormats(
        make([
          pv('/var/lib/mysql', { size: 2048 }),
          { containerPath: '/etc/ssl', hostPath: '/etc/ssl', mode: 'RO' },
        ]),
        'persistent-container-path',
        make([
          pv('mysql', { size: 2048 }),
          { containerPath: '/var/lib/mysql', hostPath: 'mysql', mode: 'RW' },
          { containerPath: '/etc/ssl', hostPath: '/etc/ssl', mode: 'RO' },
        ]),
      );
      for (const text of Object.values(out)) assert.deepEqual(volumeErrors(JSON.parse(text)), []);
    }
  });

  test('the fix is preferred and safe, the env alternative neither', () => {
    const input = docker([pv('/var/lib/postgresql/data')], { env: { PGDATA: '/var/lib/postgresql/data' } });
    assert.deepEqual(titles(input, 'persistent-container-path'), ['twoVolume * safe', 'pointEnv']);
  });

  test('nested relative paths keep their path through the host volume', () => {
    assertFixAcrossFormats(
      mesos([pv('state/db')]),
      'persistent-container-path',
      mesos([pv('db'), { containerPath: 'state/db', hostPath: 'db', mode: 'RW' }]),
    );
  });

  test('the new name is unique among the volumes, sanitized of "#" and trailing "/"', () => {
    const input = docker([
      pv('mysql'),
      pv('/var/lib/mysql/'),
      { containerPath: '/x', hostPath: 'mysql-2', mode: 'RO' },
    ]);
    const fixed = JSON.parse(applyFix(input, 'persistent-container-path'));
    assert.deepEqual(fixed.container.volumes.slice(1, 3), [
      pv('mysql-3'),
      { containerPath: '/var/lib/mysql/', hostPath: 'mysql-3', mode: 'RW' },
    ]);
    assert.equal(segmentName('/srv/my#db', new Set()), 'my-db');
    assert.equal(segmentName('/./..', new Set(['data'])), 'data-2');
  });

  test('a read-only volume becomes a RW volume behind a read-only host volume; a missing mode is added', () => {
    const ro = JSON.parse(
      applyFix(docker([pv('/var/lib/mysql', { size: 1024 }, 'RO')]), 'persistent-container-path'),
    );
    assert.deepEqual(ro.container.volumes, [
      pv('mysql'),
      { containerPath: '/var/lib/mysql', hostPath: 'mysql', mode: 'RO' },
    ]);
    const none = JSON.parse(
      applyFix(docker([{ containerPath: '/data', persistent: { size: 1024 } }]), 'persistent-container-path'),
    );
    assert.deepEqual(none.container.volumes, [
      { containerPath: 'data', mode: 'RW', persistent: { size: 1024 } },
      { containerPath: '/data', hostPath: 'data', mode: 'RW' },
    ]);
    assert.deepEqual(volumeErrors(none), []);
  });

  test('an existing host volume at the original path is re-linked, not doubled', () => {
    const input = docker([
      pv('/var/lib/mysql'),
      { containerPath: '/var/lib/mysql', hostPath: 'old', mode: 'RW' },
    ]);
    const fixed = JSON.parse(applyFix(input, 'persistent-container-path'));
    assert.deepEqual(fixed.container.volumes, [
      pv('mysql'),
      { containerPath: '/var/lib/mysql', hostPath: 'mysql', mode: 'RW' },
    ]);
  });

  test('the env alternative points the variable (or a path below it) at the relative name', () => {
    const input = docker([pv('/var/lib/postgresql/data')], {
      env: { PGDATA: '/var/lib/postgresql/data/pgdata', OTHER: '/var/lib/postgresql/database' },
    });
    const out = assertFixAcrossFormats(
      input,
      'persistent-container-path',
      docker([pv('data')], { env: { PGDATA: 'data/pgdata', OTHER: '/var/lib/postgresql/database' } }),
      { title: 'pointEnv' },
    );
    assert.equal(Object.keys(out).length, STYLES.length);
  });

  test('./content and data/ are renamed to the same sandbox directory (safe)', () => {
    assertFixAcrossFormats(docker([pv('./content')]), 'persistent-container-path', docker([pv('content')]));
    assert.deepEqual(titles(docker([pv('data/')]), 'persistent-container-path'), ['rename * safe']);
  });

  test('"." and a missing path get a name (not safe)', () => {
    assertFixAcrossFormats(mesos([pv('..')]), 'persistent-container-path', mesos([pv('data')]));
    assertFixAcrossFormats(
      mesos([{ mode: 'RW', persistent: { size: 1024 } }]),
      'persistent-container-path',
      mesos([{ containerPath: 'data', mode: 'RW', persistent: { size: 1024 } }]),
    );
  });

  test('apps in groups and arrays are checked too', () => {
    const group = { id: '/db', apps: [{ ...mesos([pv('/data')]), id: 'app' }] };
    assertReports(group, 'persistent-container-path', ['/apps/0/container/volumes/0/containerPath']);
    assertReports([mesos([pv('data')]), mesos([pv('a/b')])], 'persistent-container-path', [
      '/1/container/volumes/0/containerPath',
    ]);
  });
});

describe('persistent-mode (LV-04, LV-05)', () => {
  test('RW in any letter case is accepted', () => {
    for (const mode of ['RW', 'rw', 'Rw'])
      assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024 }, mode)])), []);
  });

  test('RO is an error on the value, fixed to RW (safe)', () => {
    assertReports(mesos([pv('data', { size: 1024 }, 'ro')]), 'persistent-mode', [
      '/container/volumes/0/mode',
    ]);
    assertFixAcrossFormats(mesos([pv('data', { size: 1024 }, 'RO')]), 'persistent-mode', mesos([pv('data')]));
  });

  test('an unknown mode replaces the schema enum message', () => {
    assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024 }, 'XX')])), [
      'persistent-mode /container/volumes/0/mode',
    ]);
  });

  test('a missing mode is one error on the volume, and the fix inserts "mode": "RW"', () => {
    const input = mesos([{ containerPath: 'data', persistent: { size: 1024 } }]);
    assert.deepEqual(volumeErrors(input), ['persistent-mode /container/volumes/0']);
    assertFixAcrossFormats(input, 'persistent-mode', mesos([pv('data')]));
  });

  test('in the workaround, the alternative keeps the read-only view at the host volume', () => {
    const input = docker([
      { containerPath: '/var/lib/mysql', hostPath: 'perconadata', mode: 'RW' },
      pv('perconadata', { size: 2048 }, 'RO'),
    ]);
    assertReports(input, 'persistent-mode', ['/container/volumes/1/mode']);
    assertFixAcrossFormats(
      input,
      'persistent-mode',
      docker([
        { containerPath: '/var/lib/mysql', hostPath: 'perconadata', mode: 'RO' },
        pv('perconadata', { size: 2048 }),
      ]),
      { title: 'readOnlyHost' },
    );
  });
});

describe('persistent-size (LV-06, LV-07)', () => {
  test('size 0 and negative sizes are errors on the value', () => {
    assertReports(mesos([pv('data', { size: 0 })]), 'persistent-size', [
      '/container/volumes/0/persistent/size',
    ]);
    assert.deepEqual(volumeErrors(mesos([pv('data', { size: -5 })])), [
      'persistent-size /container/volumes/0/persistent/size',
    ]);
  });

  test('a missing size is reported once, on "persistent"', () => {
    const input = mesos([pv('data', { type: 'root' })]);
    assert.deepEqual(volumeErrors(input), ['persistent-size /container/volumes/0/persistent']);
    assertFixAcrossFormats(input, 'persistent-size', mesos([pv('data', { type: 'root', size: 1024 })]));
    // An empty object keeps its one-line layout.
    const empty = JSON.parse(
      applyFix(
        '{"id":"/db/a","role":"db","cmd":"run it","container":{"type":"MESOS","volumes":[{"containerPath":"d","mode":"RW","persistent":{}}]}}',
        'persistent-size',
      ),
    );
    assert.deepEqual(empty.container.volumes[0].persistent, { size: 1024 });
  });

  test('a numeric string becomes a number (safe), a fraction is rounded up', () => {
    assertFixAcrossFormats(
      mesos([pv('data', { size: '2048' })]),
      'persistent-size',
      mesos([pv('data', { size: 2048 })]),
    );
    assertFixAcrossFormats(
      mesos([pv('data', { size: 10.5 })]),
      'persistent-size',
      mesos([pv('data', { size: 11 })]),
    );
    assert.deepEqual(titles(mesos([pv('data', { size: '2048' })]), 'persistent-size'), ['set * safe']);
  });
});

describe('persistent-size-unit', () => {
  test('a root volume of 64 MiB or less is information, with a x1024 fix that is neither preferred nor safe', () => {
    const [p] = assertReports(mesos([pv('data', { size: 10 })]), 'persistent-size-unit', [
      '/container/volumes/0/persistent/size',
    ]);
    assert.equal(p.severity, 'information');
    assert.deepEqual(titles(mesos([pv('data', { size: 10 })]), 'persistent-size-unit'), ['multiply']);
    assertFixAcrossFormats(
      mesos([pv('data', { size: 10 })]),
      'persistent-size-unit',
      mesos([pv('data', { size: 10240 })]),
    );
  });

  test('larger sizes and mount volumes are left alone', () => {
    assertReports(mesos([pv('data', { size: 65 })]), 'persistent-size-unit', []);
    assertReports(mesos([pv('data', { size: 25, type: 'mount' })]), 'persistent-size-unit', []);
    assertReports(mesos([pv('data', { size: 25, profileName: 'fast' })]), 'persistent-size-unit', []);
  });
});

describe('persistent-type (LV-08)', () => {
  test('root, path and mount in any case are fine', () => {
    for (const type of ['root', 'PATH', 'Mount'])
      assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024, type })])), []);
  });

  test('an unknown type is one error on the value with one fix per type, closest first', () => {
    const input = mesos([pv('data', { size: 1024, type: 'mout' })]);
    assert.deepEqual(volumeErrors(input), ['persistent-type /container/volumes/0/persistent/type']);
    assert.deepEqual(titles(input, 'persistent-type'), ['replace * safe', 'replace', 'replace']);
    assertFixAcrossFormats(input, 'persistent-type', mesos([pv('data', { size: 1024, type: 'mount' })]));
    const ssd = lint(mesos([pv('data', { size: 1024, type: 'ssd' })]));
    const p = ssd.problems.find((x) => x.rule === 'persistent-type')!;
    assert.equal(fixesFor(ssd, p, settingsOf({}), 'en').length, 3);
  });
});

describe('persistent-max-size (LV-09, LV-10)', () => {
  test('maxSize with an explicit mount type above size is fine', () => {
    assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024, maxSize: 2048, type: 'mount' })])), []);
    assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024, maxSize: 2048, type: 'MOUNT' })])), []);
  });

  test('maxSize on a path disk is reported on its key; fixes remove it or set mount', () => {
    const input = mesos([pv('spool', { type: 'path', size: 4096, maxSize: 8192 })]);
    assertReports(input, 'persistent-max-size', ['/container/volumes/0/persistent/maxSize']);
    assertFixAcrossFormats(input, 'persistent-max-size', mesos([pv('spool', { type: 'path', size: 4096 })]));
    assertFixAcrossFormats(
      input,
      'persistent-max-size',
      mesos([pv('spool', { type: 'mount', size: 4096, maxSize: 8192 })]),
      {
        title: 'setMount',
      },
    );
  });

  test('profileName without type still needs "type": "mount" (S-01); that fix is safe', () => {
    const input = mesos([pv('data', { size: 1024, maxSize: 2048, profileName: 'fast' })]);
    assertReports(input, 'persistent-max-size', ['/container/volumes/0/persistent/maxSize']);
    assert.deepEqual(titles(input, 'persistent-max-size'), ['setMount * safe', 'remove']);
    assertFixAcrossFormats(
      input,
      'persistent-max-size',
      mesos([pv('data', { type: 'mount', size: 1024, maxSize: 2048, profileName: 'fast' })]),
    );
  });

  test('maxSize not above size: swap, remove or raise', () => {
    const input = mesos([pv('data', { type: 'mount', size: 4096, maxSize: 1024 })]);
    assertReports(input, 'persistent-max-size', ['/container/volumes/0/persistent/maxSize']);
    assertFixAcrossFormats(
      input,
      'persistent-max-size',
      mesos([pv('data', { type: 'mount', size: 1024, maxSize: 4096 })]),
    );
    const equal = mesos([pv('data', { type: 'mount', size: 1024, maxSize: 1024 })]);
    assertReports(equal, 'persistent-max-size', ['/container/volumes/0/persistent/maxSize']);
    assertFixAcrossFormats(equal, 'persistent-max-size', mesos([pv('data', { type: 'mount', size: 1024 })]));
  });
});

describe('persistent-constraints-root (LV-11)', () => {
  const c = [['path', 'LIKE', '/mnt/ssd.*']];
  test('constraints on path and mount volumes, and [] on root volumes, are fine', () => {
    assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024, type: 'path', constraints: c })])), []);
    assert.deepEqual(volumeErrors(mesos([pv('data', { size: 1024, type: 'root', constraints: [] })])), []);
  });

  test('constraints on root, on an omitted type, and with profileName but no type, are errors', () => {
    for (const info of [{ type: 'root' }, {}, { profileName: 'fast' }])
      assertReports(
        mesos([pv('data', { size: 1024, ...info, constraints: c })]),
        'persistent-constraints-root',
        ['/container/volumes/0/persistent/constraints'],
      );
  });

  test('fixes: set mount or path, or remove the constraints', () => {
    const input = mesos([pv('data', { type: 'root', size: 1024, constraints: c })]);
    assert.deepEqual(titles(input, 'persistent-constraints-root'), ['setType', 'setType', 'remove']);
    assertFixAcrossFormats(
      input,
      'persistent-constraints-root',
      mesos([pv('data', { type: 'mount', size: 1024, constraints: c })]),
      {
        index: 0,
      },
    );
    assertFixAcrossFormats(
      input,
      'persistent-constraints-root',
      mesos([pv('data', { type: 'root', size: 1024 })]),
      {
        index: 2,
      },
    );
  });
});

describe('persistent-constraint (LV-12..14)', () => {
  const withConstraints = (constraints: unknown[]) =>
    mesos([pv('data', { type: 'mount', size: 1024, constraints })]);

  test('["path", "LIKE", regex] is fine, Java-only regex syntax too', () => {
    for (const re of [
      '/mnt/ssd-.+',
      '(?i)/MNT/.*',
      '/mnt/(?>a|b)++',
      '\\Q/mnt/a.b\\E',
      '/mnt/\\p{Alnum}+',
      'a{2,3}',
    ])
      assert.deepEqual(volumeErrors(withConstraints([['path', 'LIKE', re]])), [], re);
  });

  test('each wrong shape is reported at its own node, once', () => {
    assert.deepEqual(volumeErrors(withConstraints([[]])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0',
    ]);
    assert.deepEqual(volumeErrors(withConstraints([['disk', 'LIKE', 'x']])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0/0',
    ]);
    assert.deepEqual(volumeErrors(withConstraints([['hostname', 'UNIQUE']])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0/0',
    ]);
    assert.deepEqual(volumeErrors(withConstraints([['path', 'LIKE']])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0',
    ]);
    assert.deepEqual(volumeErrors(withConstraints([['path', 'like', 'x']])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0/1',
    ]);
    assert.deepEqual(volumeErrors(withConstraints([['path', 'CLUSTER', 'x']])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0/1',
    ]);
    assert.deepEqual(volumeErrors(withConstraints([['path', 'LIKE', '/mnt/[ssd']])), [
      'persistent-constraint /container/volumes/0/persistent/constraints/0/2',
    ]);
  });

  test('the messages tell the cases apart', () => {
    const msg = (c: unknown) => problemsOf(withConstraints([c]), 'persistent-constraint')[0].message;
    assert.match(msg(['path', 'like', 'x']), /case-sensitive/);
    assert.match(msg(['path', 'CLUSTER', 'x']), /placement operator/);
    assert.match(msg(['path', 'NEAR', 'x']), /not a volume-constraint operator/);
    assert.match(msg(['hostname', 'UNIQUE']), /app's "constraints"/);
    assert.match(msg(['path', 'LIKE', '/mnt/{ssd}']), /not a valid regular expression/);
  });

  test('extra items are a warning with a safe fix', () => {
    const input = withConstraints([['path', 'LIKE', 'x', 'y', 'z']]);
    const [p] = assertReports(input, 'persistent-constraint', [
      '/container/volumes/0/persistent/constraints/0/3',
    ]);
    assert.equal(p.severity, 'warning');
    assert.match(p.text, /^"y",\s*"z"$/);
    assertFixAcrossFormats(input, 'persistent-constraint', withConstraints([['path', 'LIKE', 'x']]));
  });

  test('fixes: upper-case the operator, LIKE for others, remove empty constraints, move placement ones', () => {
    assertFixAcrossFormats(
      withConstraints([['path', 'like', 'x']]),
      'persistent-constraint',
      withConstraints([['path', 'LIKE', 'x']]),
    );
    assertFixAcrossFormats(
      withConstraints([['path', 'CLUSTER', 'x']]),
      'persistent-constraint',
      withConstraints([['path', 'LIKE', 'x']]),
    );
    assertFixAcrossFormats(
      withConstraints([[], ['path', 'LIKE', 'x']]),
      'persistent-constraint',
      withConstraints([['path', 'LIKE', 'x']]),
    );
    assertFixAcrossFormats(
      withConstraints([['hostname', 'UNIQUE']]),
      'persistent-constraint',
      { ...withConstraints([]), constraints: [['hostname', 'UNIQUE']] },
      { title: 'moveToApp' },
    );
  });

  test('a lower-case unlike is rewritten to the LIKE equivalent directly', () => {
    assertFixAcrossFormats(
      withConstraints([['path', 'unlike', '/mnt/slow.*']]),
      'persistent-constraint',
      withConstraints([['path', 'LIKE', '^(?!/mnt/slow).*']]),
    );
  });
});

describe('persistent-constraint-unlike (LV-15)', () => {
  test('UNLIKE is an error on the operator', () => {
    const input = mesos([
      pv('data', { type: 'mount', size: 1024, constraints: [['path', 'UNLIKE', '/mnt/slow.*']] }),
    ]);
    const [p] = assertReports(input, 'persistent-constraint-unlike', [
      '/container/volumes/0/persistent/constraints/0/1',
    ]);
    assert.match(p.message, /HTTP 500/);
    assertFixAcrossFormats(
      input,
      'persistent-constraint-unlike',
      mesos([pv('data', { type: 'mount', size: 1024, constraints: [['path', 'LIKE', '^(?!/mnt/slow).*']] })]),
    );
  });

  test('the rewrite anchors the whole path, as Marathon matches it', () => {
    assert.equal(unlikeAsLike('/mnt/slow.*'), '^(?!/mnt/slow).*');
    assert.equal(unlikeAsLike('/mnt/a|/mnt/b'), '^(?!(?:/mnt/a|/mnt/b)$).*');
    assert.equal(unlikeAsLike('/mnt/ssd-.+'), '^(?!(?:/mnt/ssd-.+)$).*');
    const like = new RegExp(unlikeAsLike('/mnt/a|/mnt/b'));
    const full = (re: RegExp, s: string) => re.exec(s)?.[0] === s;
    for (const path of ['/mnt/a', '/mnt/b', '/mnt/ab', '/mnt/c', '/x/mnt/a'])
      assert.equal(full(like, path), !full(/^(?:\/mnt\/a|\/mnt\/b)$/, path), path);
  });

  test('an invalid UNLIKE regex is only offered removal', () => {
    const input = mesos([pv('data', { type: 'mount', size: 1024, constraints: [['path', 'UNLIKE', '(x']] })]);
    assert.deepEqual(titles(input, 'persistent-constraint-unlike'), ['remove']);
  });
});

describe('javaRegexError', () => {
  test('valid Java expressions pass, broken ones name the reason', () => {
    for (const ok of ['/mnt/ssd-.+', '^/mnt/(a|b)$', '[a-z&&[^e]]+', 'x*+', '(?s).*', '\\Qa(b\\E', '[]a]'])
      assert.equal(javaRegexError(ok), undefined, ok);
    for (const bad of ['(x', '/mnt/[ssd', 'a{', '*a', 'a{3,1}', '(?q)x', '\\'])
      assert.ok(javaRegexError(bad), bad);
  });
});

describe('persistent-profile-name (LV-16, LV-17)', () => {
  test('a profile with an omitted or mount type is fine', () => {
    assert.deepEqual(
      found(lint(mesos([pv('data', { size: 1024, profileName: 'gp2' })]))).filter((f) =>
        f.rule.startsWith('persistent-profile'),
      ),
      [],
    );
    assertReports(
      mesos([pv('data', { size: 1024, type: 'mount', profileName: 'gp2' })]),
      'persistent-profile-name',
      [],
    );
  });

  test('an empty profile is an error with a safe removal', () => {
    const input = mesos([pv('data', { size: 1024, profileName: '' })]);
    assertReports(input, 'persistent-profile-name', ['/container/volumes/0/persistent/profileName']);
    assertFixAcrossFormats(input, 'persistent-profile-name', mesos([pv('data', { size: 1024 })]));
  });

  test('root or path with a profile is a warning, fixed to mount', () => {
    const input = mesos([pv('data', { type: 'root', size: 1024, profileName: 'gp2' })]);
    const [p] = assertReports(input, 'persistent-profile-name', ['/container/volumes/0/persistent/type']);
    assert.equal(p.severity, 'warning');
    assertFixAcrossFormats(
      input,
      'persistent-profile-name',
      mesos([pv('data', { type: 'mount', size: 1024, profileName: 'gp2' })]),
    );
  });
});

describe('persistent-duplicate-path (LV-21) and persistent-path-hash (LV-22)', () => {
  test('two persistent volumes at one path: a warning on the second', () => {
    const input = mesos([pv('data'), pv('data')]);
    const [p] = assertReports(input, 'persistent-duplicate-path', ['/container/volumes/1/containerPath']);
    assert.equal(p.severity, 'warning');
    assert.equal(p.problem.related.length, 1);
    assertFixAcrossFormats(input, 'persistent-duplicate-path', mesos([pv('data'), pv('data-2')]));
  });

  test('"#" in the path is a warning, fixed to "-"', () => {
    const input = mesos([pv('pg#data')]);
    const [p] = assertReports(input, 'persistent-path-hash', ['/container/volumes/0/containerPath']);
    assert.equal(p.severity, 'warning');
    assertFixAcrossFormats(input, 'persistent-path-hash', mesos([pv('pg-data')]));
  });
});

describe('volume-mixed-kinds (LV-23, SV-07)', () => {
  test('persistent with hostPath, external or secret: a warning on each extra key, nothing else', () => {
    const input = mesos([{ ...pv('data'), hostPath: 'x', secret: 's' }]);
    assertReports(input, 'volume-mixed-kinds', [
      '/container/volumes/0/hostPath',
      '/container/volumes/0/secret',
    ]);
    assert.deepEqual(
      found(lint(input))
        .filter((f) => f.pointer.startsWith('/container/volumes'))
        .map((f) => f.rule),
      ['volume-mixed-kinds', 'volume-mixed-kinds'],
    );
  });

  test('the safe fix removes the dropped key; a relative hostPath can be split into the workaround', () => {
    const input = docker([
      { containerPath: 'data', hostPath: 'mydata', mode: 'RO', persistent: { size: 1024 } },
    ]);
    assertFixAcrossFormats(input, 'volume-mixed-kinds', docker([pv('data', { size: 1024 }, 'RO')]));
    const split = JSON.parse(applyFix(input, 'volume-mixed-kinds', { title: 'split' }));
    assert.deepEqual(split.container.volumes, [
      pv('mydata'),
      { containerPath: 'data', hostPath: 'mydata', mode: 'RO' },
    ]);
    assert.deepEqual(volumeErrors(split), []);
  });

  test('secret with hostPath', () => {
    const input = mesos([{ containerPath: 'k', secret: 's', hostPath: '/x' }], {
      secrets: { s: { source: 'a/b' } },
    });
    assertReports(input, 'volume-mixed-kinds', ['/container/volumes/0/hostPath']);
    assertFixAcrossFormats(
      input,
      'volume-mixed-kinds',
      mesos([{ containerPath: 'k', secret: 's' }], { secrets: { s: { source: 'a/b' } } }),
    );
  });
});

describe('templates', () => {
  test('volumes whose keys are template alternatives are not judged', () => {
    const text = [
      '{',
      '  "id": "/db/mysql", "role": "db",',
      '  "container": { "type": "DOCKER", "docker": { "image": "mysql" }, "volumes": [{',
      '    {{#persist}}',
      '    "containerPath": "data", "persistent": { "size": {{size}} },',
      '    {{/persist}}',
      '    {{^persist}}',
      '    "containerPath": "/var/lib/mysql", "hostPath": "/srv/mysql",',
      '    {{/persist}}',
      '    "mode": "RW"',
      '  }]}',
      '}',
    ].join('\n');
    const got = found(lint(text, { uri: 'file:///work/marathon.json.mustache' }));
    assert.deepEqual(
      got
        .filter((f) => f.severity !== 'information')
        .map((f) => f.rule)
        .filter((r) => !['document', 'duplicate-key'].includes(r)),
      [],
    );
  });
});

describe('layouts', () => {
  test('every style of the two-volume fix is strict JSON with the layout kept', () => {
    for (const style of STYLES) {
      const text = formatLike(docker([pv('/data')]), style);
      const fixed = applyFix(text, 'persistent-container-path');
      assert.ok(fixed.startsWith(text.slice(0, text.indexOf('"volumes"'))), style.name);
    }
  });
});
