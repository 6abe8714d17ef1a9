import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertNoErrors, assertReports, found, lint, problemsOf } from './helpers';
import { assertFixAcrossFormats } from './formats';
import { fixesFor } from '../server/src/service/codeActions';
import { t } from '../server/src/service/l10n';
import { ruleById } from '../server/src/service/rules/registry';
import { resolveSettings } from '../server/src/service/settings';

type Obj = Record<string, unknown>;

const container = (name: string, mounts: Obj[] = []): Obj => ({
  name,
  resources: { cpus: 0.5, mem: 512 },
  exec: { command: { shell: './run' } },
  ...(mounts.length ? { volumeMounts: mounts } : {}),
});

/** A resident pod whose single container mounts each volume at its own name. */
function pod(volumes: Obj[], extra: Obj = {}): Obj {
  const names = [...new Set(volumes.map((v) => v.name).filter((n) => typeof n === 'string'))] as string[];
  return {
    id: '/db/pod',
    role: 'db',
    containers: [
      container(
        'server',
        names.map((n) => ({ name: n, mountPath: n })),
      ),
    ],
    volumes,
    ...extra,
  };
}

const persistent = (name = 'data', p: Obj = { type: 'root', size: 1024 }): Obj => ({ name, persistent: p });

function fixTitles(input: object, rule: string): { title: string; safe: boolean; preferred: boolean }[] {
  const a = lint(input);
  const problem = a.problems.find((p) => p.rule === rule);
  assert.ok(problem, `no ${rule} problem`);
  const fixes = ruleById(rule)!.meta.fixes ?? {};
  return fixesFor(a, problem, resolveSettings({}), 'en').map((f) => ({
    title: t('en', fixes[f.title] ?? f.title, f.args),
    safe: f.safe === true,
    preferred: f.isPreferred === true,
  }));
}

describe('pod-volume-fallback (PV-07, PV-08)', () => {
  test('a persistent volume without size is reported on "persistent", explaining the ephemeral fallback', () => {
    const input = pod([persistent('data', { type: 'root' })]);
    const [r] = assertReports(input, 'pod-volume-fallback', ['/volumes/0/persistent']);
    // Marathon accepts the pod: a warning that names the consequence, and no error at all.
    assert.equal(r.severity, 'warning');
    assert.deepEqual(
      found(lint(input)).filter((f) => f.severity === 'error'),
      [],
    );
    assert.equal(r.text, '"persistent"');
    assert.match(r.message, /no "size"/);
    assert.match(r.message, /ephemeral scratch volume/);
    assert.match(r.message, /lost when an instance restarts/);
    // The generic "missing required property" is replaced, not repeated.
    assert.deepEqual(problemsOf(input, 'schema-required'), []);
  });

  test('bad persistent parts are reported at the value that does not parse', () => {
    const cases: [Obj, string][] = [
      [{ size: -1 }, '/volumes/0/persistent/size'],
      [{ size: 10.5 }, '/volumes/0/persistent/size'],
      [{ size: '1024' }, '/volumes/0/persistent/size'],
      [{ size: 1024, type: 'ssd' }, '/volumes/0/persistent/type'],
      [{ size: 1024, maxSize: 'big' }, '/volumes/0/persistent/maxSize'],
      [{ size: 1024, profileName: 3 }, '/volumes/0/persistent/profileName'],
      [{ size: 1024, constraints: [['path', 'LIKE', 5]] }, '/volumes/0/persistent/constraints/0/2'],
      [{ size: 1024, constraints: 'path' }, '/volumes/0/persistent/constraints'],
    ];
    for (const [p, pointer] of cases) {
      const input = pod([persistent('data', p)]);
      assertReports(input, 'pod-volume-fallback', [pointer]);
      const schema = found(lint(input)).filter((f) => f.rule.startsWith('schema-') && f.pointer === pointer);
      assert.deepEqual(schema, [], `schema repeats ${pointer}`);
    }
    assert.deepEqual(
      problemsOf(pod([{ name: 'data', persistent: true }]), 'pod-volume-fallback').map((f) => f.pointer),
      ['/volumes/0/persistent'],
    );
  });

  test('secret and host parts that do not parse fall back too', () => {
    const secret = assertReports(
      pod([{ name: 'cert', secret: '' }], { secrets: { cert: { source: 'tls' } } }),
      'pod-volume-fallback',
      ['/volumes/0/secret'],
    );
    assert.match(secret[0].message, /secret is not mounted/);
    const host = assertReports(pod([{ name: 'logs', host: 5 }]), 'pod-volume-fallback', ['/volumes/0/host']);
    assert.match(host[0].message, /ephemeral scratch volume: the host path is not mounted/);
  });

  test('a broken persistent part with a host part falls back to the host volume, and says so', () => {
    const [r] = assertReports(pod([{ name: 'data', persistent: {}, host: '/mnt' }]), 'pod-volume-fallback', [
      '/volumes/0/persistent',
    ]);
    assert.match(r.message, /reads "data" as a host volume/);
  });

  test('a misspelled persistent key is an error with a rename fix, instead of the unknown-property warning', () => {
    const input = pod([{ name: 'data', persistant: { size: 1024 } }]);
    const [r] = assertReports(input, 'pod-volume-fallback', ['/volumes/0/persistant']);
    assert.match(r.message, /did you mean "persistent"/);
    assert.deepEqual(problemsOf(input, 'unknown-property'), []);
    assertFixAcrossFormats(input, 'pod-volume-fallback', pod([{ name: 'data', persistent: { size: 1024 } }]));
    assert.deepEqual(fixTitles(input, 'pod-volume-fallback'), [
      { title: 'Rename to "persistent"', safe: true, preferred: true },
    ]);
    for (const key of ['persistentVolume', 'persistence', 'hostPath', 'secrets'])
      assertReports(pod([{ name: 'data', [key]: 'x' }]), 'pod-volume-fallback', [`/volumes/0/${key}`]);
  });

  test('an external volume in a pod is an error that names the fallback', () => {
    const input = pod([
      { name: 'ebs', external: { name: 'vol', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } } },
    ]);
    const [r] = assertReports(input, 'pod-volume-fallback', ['/volumes/0/external']);
    assert.match(r.message, /Pods have no external volumes/);
    assert.match(r.message, /ephemeral scratch volume/);
    assert.deepEqual(problemsOf(input, 'unknown-property'), []);
  });

  test('fixes: a numeric string becomes a number (safe), a bad type one of the three types', () => {
    assertFixAcrossFormats(
      pod([persistent('data', { size: '1024' })]),
      'pod-volume-fallback',
      pod([persistent('data', { size: 1024 })]),
    );
    assert.deepEqual(fixTitles(pod([persistent('data', { size: '1024' })]), 'pod-volume-fallback'), [
      { title: 'Change to 1024', safe: true, preferred: true },
    ]);
    assert.deepEqual(
      fixTitles(pod([persistent('data', { size: 1, type: 'mout' })]), 'pod-volume-fallback').map(
        (f) => f.title,
      ),
      ['Change to "mount"'],
    );
    assert.deepEqual(
      fixTitles(pod([persistent('data', { size: 1, type: 'ssd' })]), 'pod-volume-fallback').map(
        (f) => f.title,
      ),
      ['Change to "root"', 'Change to "path"', 'Change to "mount"'],
    );
  });

  test('accepts every kind that parses, enum values in any case, and unknown volume fields', () => {
    const input = pod(
      [
        persistent('data', {
          type: 'MOUNT',
          size: 1024,
          maxSize: 4096,
          profileName: 'ssd',
          constraints: [['path', 'LIKE', '/mnt/.*']],
        }),
        { name: 'cert', secret: 'tls' },
        { name: 'logs', host: '/var/log' },
        { name: 'sandbox', host: 'logs' },
        { name: 'scratch' },
      ],
      { secrets: { tls: { source: 'ssl/cert' } } },
    );
    assert.deepEqual(problemsOf(input, 'pod-volume-fallback'), []);
    assertNoErrors(input);
  });

  test('an entry whose name Marathon cannot read either is rejected, not a fallback', () => {
    const input = pod([{ name: 'Data_1', host: 5 }]);
    assert.deepEqual(problemsOf(input, 'pod-volume-fallback'), []);
    assert.ok(found(lint(input)).some((f) => f.severity === 'error' && f.pointer === '/volumes/0/name'));
  });
});

describe('pod-volume-one-kind (PV-12)', () => {
  test('a second kind key is a warning on that key (Marathon accepts the first kind); removing it keeps the meaning', () => {
    const input = pod([{ name: 'data', persistent: { size: 1024 }, host: '/mnt/data' }]);
    const [r] = assertReports(input, 'pod-volume-one-kind', ['/volumes/0/host']);
    assert.equal(r.severity, 'warning');
    assertNoErrors(input);
    assert.match(r.message, /both "persistent" and "host"/);
    assert.match(r.message, /reads it as a persistent volume/);
    assert.deepEqual(problemsOf(input, 'unknown-property'), []);
    assertFixAcrossFormats(input, 'pod-volume-one-kind', pod([{ name: 'data', persistent: { size: 1024 } }]));
    assert.deepEqual(fixTitles(input, 'pod-volume-one-kind'), [
      { title: 'Remove "host"', safe: true, preferred: true },
    ]);
  });

  test('three kinds: the two after the first are reported', () => {
    assertReports(
      pod([{ name: 'x', persistent: { size: 1 }, secret: 's', host: '/h' }], {
        secrets: { s: { source: 's' } },
      }),
      'pod-volume-one-kind',
      ['/volumes/0/secret', '/volumes/0/host'],
    );
  });

  test('when the first kind does not parse, removing the second is not marked safe', () => {
    const input = pod([{ name: 'data', persistent: {}, host: '/mnt' }]);
    assert.deepEqual(fixTitles(input, 'pod-volume-one-kind'), [
      { title: 'Remove "host"', safe: false, preferred: false },
    ]);
  });
});

describe('pod-volume-name (PV-06, PV-04)', () => {
  test('a persistent volume name no mount can refer to: error, and a rename of the volume and its mounts', () => {
    const input = {
      id: '/db/pod',
      role: 'db',
      containers: [container('server', [{ name: 'Data_1', mountPath: 'data' }])],
      volumes: [persistent('Data_1')],
    };
    const [r] = assertReports(input, 'pod-volume-name', ['/volumes/0/name']);
    assert.match(r.message, /no volume mount can refer to it/);
    assert.match(r.message, /"data-1"/);
    const expected = {
      ...input,
      containers: [container('server', [{ name: 'data-1', mountPath: 'data' }])],
      volumes: [persistent('data-1')],
    };
    assertFixAcrossFormats(input, 'pod-volume-name', expected);
    assertNoErrors(expected);
  });

  test('a host volume name with spaces is rejected; the fix gives the name the mount already uses', () => {
    const input = {
      id: '/ops/shipper',
      containers: [container('shipper', [{ name: 'host-logs', mountPath: 'logs' }])],
      volumes: [{ name: 'Host Logs', host: '/var/log' }],
    };
    const [r] = assertReports(input, 'pod-volume-name', ['/volumes/0/name']);
    assert.match(r.message, /not a valid volume name/);
    // One error for one mistake: the mount is not also reported as naming no volume.
    assert.deepEqual(problemsOf(input, 'pod-volume-mount-unknown'), []);
    assert.deepEqual(problemsOf(input, 'schema-range'), []);
    const expected = { ...input, volumes: [{ name: 'host-logs', host: '/var/log' }] };
    assertFixAcrossFormats(input, 'pod-volume-name', expected);
    assertNoErrors(expected);
  });

  test('a secret volume name no mount can use: Marathon also rejects the mount of the valid name', () => {
    // "Creds_1" parses (secret names need only be non-empty), so validation goes on and rejects the
    // mount "creds-1" (PV-03) as well as the unmounted volume (PV-02 through pod-volume-name).
    const input = {
      id: '/web/pod',
      secrets: { tls: { source: 'web/tls' } },
      containers: [container('web', [{ name: 'creds-1', mountPath: '/etc/tls' }])],
      volumes: [{ name: 'Creds_1', secret: 'tls' }],
    };
    assertReports(input, 'pod-volume-name', ['/volumes/0/name']);
    const [m] = assertReports(input, 'pod-volume-mount-unknown', ['/containers/0/volumeMounts/0/name']);
    assert.equal(m.severity, 'error');
    assert.match(m.message, /its volume "Creds_1" has a name no mount can use/);
    // The volume is what to rename, from either diagnostic: the mount's fix renames the volume to it.
    const fixed = applyFix(input, 'pod-volume-name');
    assertNoErrors(fixed);
    assert.deepEqual(fixTitles(input, 'pod-volume-mount-unknown'), [
      { title: 'Rename the volume "Creds_1" to "creds-1"', safe: true, preferred: true },
    ]);
    assertFixAcrossFormats(input, 'pod-volume-mount-unknown', {
      ...input,
      volumes: [{ name: 'creds-1', secret: 'tls' }],
    });
  });

  test('an invalid name is renamed to the one mount name that names no volume, if there is one', () => {
    const input = {
      id: '/web/pod',
      containers: [container('web', [{ name: 'scratch', mountPath: '/scratch' }])],
      volumes: [{ name: 'Scratch Space' }],
    };
    assertReports(input, 'pod-volume-name', ['/volumes/0/name']);
    const expected = { ...input, volumes: [{ name: 'scratch' }] };
    assertFixAcrossFormats(input, 'pod-volume-name', expected);
    assertNoErrors(expected);
    // Two such mounts: nothing tells which one; the name is derived from the volume's own.
    const two = {
      ...input,
      containers: [
        container('web', [
          { name: 'scratch', mountPath: '/scratch' },
          { name: 'tmp', mountPath: '/tmp' },
        ]),
      ],
    };
    assert.match(applyFix(two, 'pod-volume-name'), /"name": "scratch-space"/);
  });

  test('renamed, a volume that nothing mounts gets its mount; the one left-over mount name is only a guess', () => {
    const two = {
      id: '/web/pod',
      containers: [
        container('web', [
          { name: 'logs', mountPath: '/logs' },
          { name: 'tmp', mountPath: '/tmp' },
        ]),
      ],
      volumes: [{ name: 'Scratch Space' }],
    };
    assert.deepEqual(fixTitles(two, 'pod-volume-name'), [
      {
        title: 'Rename to "scratch-space", then mount it in container "web" at "scratch-space"',
        safe: false,
        preferred: true,
      },
    ]);
    assertFixAcrossFormats(two, 'pod-volume-name', {
      ...two,
      containers: [
        container('web', [
          { name: 'logs', mountPath: '/logs' },
          { name: 'tmp', mountPath: '/tmp' },
          { name: 'scratch-space', mountPath: 'scratch-space' },
        ]),
      ],
      volumes: [{ name: 'scratch-space' }],
    });
    const long = {
      id: '/web/pod',
      containers: [container('web', [{ name: 'cache', mountPath: '/cache' }])],
      volumes: [{ name: 'c'.repeat(64) }],
    };
    assert.deepEqual(fixTitles(long, 'pod-volume-name'), [
      { title: 'Rename to "cache", the name its volume mount uses', safe: false, preferred: true },
    ]);
  });

  test('valid names, up to 63 characters, are fine; 64 are not', () => {
    assert.deepEqual(
      problemsOf(pod([persistent('a'), persistent('data-1'), persistent('x'.repeat(63))]), 'pod-volume-name'),
      [],
    );
    assertReports(pod([{ name: 'x'.repeat(64) }]), 'pod-volume-name', ['/volumes/0/name']);
  });
});

describe('pod-volume-name-unique (PV-01)', () => {
  test('the second volume of a name is an error; an exact duplicate is removed (safe)', () => {
    const input = pod([persistent('data'), persistent('data')]);
    const [r] = assertReports(input, 'pod-volume-name-unique', ['/volumes/1/name']);
    assert.match(r.message, /volume names must be unique/);
    assert.equal(r.problem.related.length, 1);
    assertFixAcrossFormats(input, 'pod-volume-name-unique', pod([persistent('data')]));
    assert.deepEqual(fixTitles(input, 'pod-volume-name-unique')[0], {
      title: 'Remove this duplicate volume',
      safe: true,
      preferred: true,
    });
  });

  test('two different volumes of one name: the second is renamed and mounted, leaving no error', () => {
    const input = pod([persistent('data'), { name: 'data' }]);
    const fixed = applyFix(input, 'pod-volume-name-unique');
    const value = JSON.parse(fixed);
    assert.deepEqual(value.volumes, [persistent('data'), { name: 'data-2' }]);
    assert.deepEqual(value.containers[0].volumeMounts, [
      { name: 'data', mountPath: 'data' },
      { name: 'data-2', mountPath: 'data-2' },
    ]);
    assertNoErrors(fixed);
    assert.deepEqual(fixTitles(input, 'pod-volume-name-unique'), [
      { title: 'Rename to "data-2" and mount it in container "server"', safe: false, preferred: true },
    ]);
  });
});

describe('pod-volume-unmounted (PV-02, PV-14)', () => {
  const input = {
    id: '/db/pod',
    role: 'db',
    containers: [container('server', [{ name: 'data', mountPath: 'data' }]), container('backup')],
    volumes: [persistent('data'), { name: 'cache' }],
  };

  test('a volume no container mounts is an error on its name', () => {
    const [r] = assertReports(input, 'pod-volume-unmounted', ['/volumes/1/name']);
    assert.match(r.message, /volume must be referenced by at least one container/);
  });

  test('no "remove" when a mount names a close, undeclared volume: that mount was meant for this one', () => {
    const typo = {
      id: '/web/pod',
      containers: [container('web', [{ name: 'Cache', mountPath: '/cache' }])],
      volumes: [{ name: 'cache' }],
    };
    assertReports(typo, 'pod-volume-unmounted', ['/volumes/0/name']);
    assert.deepEqual(fixTitles(typo, 'pod-volume-unmounted'), [
      { title: 'Change the volume mount "Cache" to "cache"', safe: true, preferred: true },
      { title: 'Mount it in container "web" at "cache"', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(typo, 'pod-volume-unmounted', {
      ...typo,
      containers: [container('web', [{ name: 'cache', mountPath: '/cache' }])],
    });
  });

  test('fixes: mount it in a container (the first preferred), or remove it', () => {
    assert.deepEqual(fixTitles(input, 'pod-volume-unmounted'), [
      { title: 'Mount it in container "server" at "cache"', safe: false, preferred: true },
      { title: 'Mount it in container "backup" at "cache"', safe: false, preferred: false },
      { title: 'Remove the volume "cache"', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(input, 'pod-volume-unmounted', {
      ...input,
      containers: [
        container('server', [
          { name: 'data', mountPath: 'data' },
          { name: 'cache', mountPath: 'cache' },
        ]),
        container('backup'),
      ],
    });
    // A container without volumeMounts gets the property.
    assertFixAcrossFormats(
      input,
      'pod-volume-unmounted',
      {
        ...input,
        containers: [input.containers[0], container('backup', [{ name: 'cache', mountPath: 'cache' }])],
      },
      { index: 1 },
    );
    assertFixAcrossFormats(
      input,
      'pod-volume-unmounted',
      { ...input, volumes: [persistent('data')] },
      {
        title: 'remove',
      },
    );
  });

  test('a mountPath already taken in the container gets a suffix', () => {
    const taken = {
      ...input,
      containers: [container('server', [{ name: 'data', mountPath: 'cache' }])],
    };
    assert.equal(
      fixTitles(taken, 'pod-volume-unmounted')[0].title,
      'Mount it in container "server" at "cache-2"',
    );
  });

  test('one volume mounted by several containers is fine', () => {
    const shared = {
      id: '/db/pod',
      role: 'db',
      containers: [
        container('a', [{ name: 'pst', mountPath: 'pst1' }]),
        container('b', [{ name: 'pst', mountPath: 'pst2', readOnly: true }]),
      ],
      volumes: [persistent('pst')],
    };
    assert.deepEqual(problemsOf(shared, 'pod-volume-unmounted'), []);
    assertNoErrors(shared);
  });
});

describe('pod-volume-mount-unknown (PV-03)', () => {
  test('a mount of a volume the pod does not declare; the fix declares an ephemeral volume', () => {
    const input = {
      id: '/web/pod',
      containers: [container('app', [{ name: 'scratch', mountPath: 'scratch' }])],
    };
    const [r] = assertReports(input, 'pod-volume-mount-unknown', ['/containers/0/volumeMounts/0/name']);
    assert.match(r.message, /Referenced Volume in VolumeMount should exist/);
    const expected = { ...input, volumes: [{ name: 'scratch' }] };
    assertFixAcrossFormats(input, 'pod-volume-mount-unknown', expected);
    assertNoErrors(expected);
  });

  test('a typo of an unmounted volume: renaming the mount is preferred and safe', () => {
    const input = {
      id: '/db/pod',
      role: 'db',
      containers: [container('server', [{ name: 'dta', mountPath: 'data' }])],
      volumes: [persistent('data')],
    };
    const [r] = assertReports(input, 'pod-volume-mount-unknown', ['/containers/0/volumeMounts/0/name']);
    assert.match(r.message, /did you mean "data"/);
    assert.deepEqual(fixTitles(input, 'pod-volume-mount-unknown'), [
      { title: 'Change to "data"', safe: true, preferred: true },
      { title: 'Declare an ephemeral volume "dta"', safe: false, preferred: false },
    ]);
    const expected = { ...input, containers: [container('server', [{ name: 'data', mountPath: 'data' }])] };
    assertFixAcrossFormats(input, 'pod-volume-mount-unknown', expected);
    assertNoErrors(expected);
  });

  test('an unmounted volume that is not close is offered, but not preferred', () => {
    const input = {
      id: '/db/pod',
      containers: [container('server', [{ name: 'scratch', mountPath: 's' }])],
      volumes: [{ name: 'work' }],
    };
    assert.deepEqual(fixTitles(input, 'pod-volume-mount-unknown'), [
      { title: 'Change to "work"', safe: false, preferred: false },
      { title: 'Declare an ephemeral volume "scratch"', safe: false, preferred: false },
    ]);
  });

  test('mounts of declared volumes of every kind are fine', () => {
    const input = pod([persistent('data'), { name: 'scratch' }, { name: 'logs', host: '/var/log' }]);
    assert.deepEqual(problemsOf(input, 'pod-volume-mount-unknown'), []);
  });
});

describe('pod-volume-mount-duplicate (PV-15)', () => {
  test('two volumes at one mountPath of a container: a warning', () => {
    const input = {
      id: '/web/pod',
      containers: [
        container('app', [
          { name: 'a', mountPath: 'work' },
          { name: 'b', mountPath: 'work/' },
        ]),
      ],
      volumes: [{ name: 'a' }, { name: 'b' }],
    };
    const [r] = assertReports(input, 'pod-volume-mount-duplicate', [
      '/containers/0/volumeMounts/1/mountPath',
    ]);
    assert.equal(r.severity, 'warning');
    assert.deepEqual(fixTitles(input, 'pod-volume-mount-duplicate'), []);
  });

  test('the same volume twice: a warning; an identical entry is removed', () => {
    const twice = {
      id: '/web/pod',
      containers: [
        container('app', [
          { name: 'a', mountPath: 'x' },
          { name: 'a', mountPath: 'y' },
        ]),
      ],
      volumes: [{ name: 'a' }],
    };
    assertReports(twice, 'pod-volume-mount-duplicate', ['/containers/0/volumeMounts/1/name']);
    const identical = {
      ...twice,
      containers: [
        container('app', [
          { name: 'a', mountPath: 'x' },
          { name: 'a', mountPath: 'x' },
        ]),
      ],
    };
    assertFixAcrossFormats(identical, 'pod-volume-mount-duplicate', {
      ...twice,
      containers: [container('app', [{ name: 'a', mountPath: 'x' }])],
    });
  });

  test('the same mountPath in two containers is fine', () => {
    const input = {
      id: '/web/pod',
      containers: [
        container('a', [{ name: 'v', mountPath: 'data' }]),
        container('b', [{ name: 'v', mountPath: 'data' }]),
      ],
      volumes: [{ name: 'v' }],
    };
    assert.deepEqual(problemsOf(input, 'pod-volume-mount-duplicate'), []);
  });
});

describe('pod-persistent-volume (PV-09)', () => {
  test('size 0 is a warning (Marathon accepts the pod, which can never launch)', () => {
    const [r] = assertReports(pod([persistent('data', { size: 0 })]), 'pod-persistent-volume', [
      '/volumes/0/persistent/size',
    ]);
    assert.equal(r.severity, 'warning');
  });

  test('maxSize on a root or path volume is a warning; the fix makes it a mount volume', () => {
    const input = pod([persistent('data', { type: 'path', size: 1024, maxSize: 4096 })]);
    const [r] = assertReports(input, 'pod-persistent-volume', ['/volumes/0/persistent/maxSize']);
    assert.equal(r.severity, 'warning');
    assert.match(r.message, /path volume/);
    assertFixAcrossFormats(
      input,
      'pod-persistent-volume',
      pod([persistent('data', { type: 'mount', size: 1024, maxSize: 4096 })]),
    );
    assertFixAcrossFormats(
      input,
      'pod-persistent-volume',
      pod([persistent('data', { type: 'path', size: 1024 })]),
      {
        title: 'removeMaxSize',
      },
    );
    assertReports(pod([persistent('data', { size: 1024, maxSize: 4096 })]), 'pod-persistent-volume', [
      '/volumes/0/persistent/maxSize',
    ]);
  });

  test('maxSize with a profile and no type is fine for pods (the type becomes mount)', () => {
    assert.deepEqual(
      problemsOf(
        pod([persistent('data', { size: 1024, maxSize: 4096, profileName: 'ssd' })]),
        'pod-persistent-volume',
      ),
      [],
    );
  });

  test('maxSize not larger than size', () => {
    const [equal] = assertReports(
      pod([persistent('data', { type: 'mount', size: 1024, maxSize: 1024 })]),
      'pod-persistent-volume',
      ['/volumes/0/persistent/maxSize'],
    );
    assert.match(equal.message, /exactly 1024 MiB/);
    const [smaller] = assertReports(
      pod([persistent('data', { type: 'mount', size: 4096, maxSize: 1024 })]),
      'pod-persistent-volume',
      ['/volumes/0/persistent/maxSize'],
    );
    assert.match(smaller.message, /never launches/);
  });

  test('constraints on a root volume, invalid regular expressions, empty profile names', () => {
    const input = pod([persistent('data', { size: 1024, constraints: [['path', 'LIKE', '/mnt/.*']] })]);
    assertReports(input, 'pod-persistent-volume', ['/volumes/0/persistent/constraints']);
    assertFixAcrossFormats(
      input,
      'pod-persistent-volume',
      pod([persistent('data', { size: 1024, constraints: [['path', 'LIKE', '/mnt/.*']], type: 'path' })]),
    );
    assertReports(
      pod([persistent('data', { type: 'path', size: 1024, constraints: [['path', 'LIKE', '(bad']] })]),
      'pod-persistent-volume',
      ['/volumes/0/persistent/constraints/0/2'],
    );
    assertReports(
      pod([persistent('data', { type: 'mount', size: 1024, profileName: '' })]),
      'pod-persistent-volume',
      ['/volumes/0/persistent/profileName'],
    );
  });

  test('a profile with an explicit root or path type: a warning; the fix makes it a mount volume (LV-17)', () => {
    const input = pod([persistent('data', { type: 'path', size: 1024, profileName: 'fast' })]);
    const [r] = assertReports(input, 'pod-persistent-volume', ['/volumes/0/persistent/type']);
    assert.equal(r.severity, 'warning');
    assertFixAcrossFormats(
      input,
      'pod-persistent-volume',
      pod([persistent('data', { type: 'mount', size: 1024, profileName: 'fast' })]),
    );
    assertFixAcrossFormats(
      input,
      'pod-persistent-volume',
      pod([persistent('data', { size: 1024, profileName: 'fast' })]),
      {
        title: 'removeType',
      },
    );
    assert.deepEqual(
      problemsOf(pod([persistent('data', { size: 1024, profileName: 'fast' })]), 'pod-persistent-volume'),
      [],
    );
  });

  test('the seed-style pod volumes are fine', () => {
    const input = pod([
      persistent('data', { type: 'root', size: 1024, constraints: [] }),
      persistent('pg', {
        type: 'mount',
        size: 1024,
        maxSize: 4096,
        constraints: [['path', 'LIKE', '/mnt/ssd-.+']],
      }),
    ]);
    assert.deepEqual(problemsOf(input, 'pod-persistent-volume'), []);
    assertNoErrors(input);
  });
});

describe('pod-volume-constraint (PV-11)', () => {
  const withConstraint = (c: unknown[]) =>
    pod([persistent('data', { type: 'mount', size: 1024, constraints: [c] })]);

  test('UNLIKE: a server error; the fix rewrites it as LIKE with a negative look-ahead', () => {
    const input = withConstraint(['path', 'UNLIKE', '/mnt/slow']);
    const [r] = assertReports(input, 'pod-volume-constraint', ['/volumes/0/persistent/constraints/0/1']);
    assert.match(r.message, /illegal volume constraint/);
    assertFixAcrossFormats(
      input,
      'pod-volume-constraint',
      withConstraint(['path', 'LIKE', '^(?!(?:/mnt/slow)$).*']),
    );
  });

  test('a lower-case like: the fix upper-cases it (safe)', () => {
    const input = withConstraint(['path', 'like', '/mnt/.*']);
    assertReports(input, 'pod-volume-constraint', ['/volumes/0/persistent/constraints/0/1']);
    assertFixAcrossFormats(input, 'pod-volume-constraint', withConstraint(['path', 'LIKE', '/mnt/.*']));
    assert.deepEqual(fixTitles(input, 'pod-volume-constraint'), [
      { title: 'Change to "LIKE"', safe: true, preferred: true },
    ]);
  });

  test('another operator, another field, or another length', () => {
    const cluster = withConstraint(['path', 'CLUSTER', 'x']);
    assertReports(cluster, 'pod-volume-constraint', ['/volumes/0/persistent/constraints/0/1']);
    assert.deepEqual(problemsOf(cluster, 'schema-enum'), []);
    assertReports(withConstraint(['disk', 'LIKE', 'x']), 'pod-volume-constraint', [
      '/volumes/0/persistent/constraints/0/0',
    ]);
    assertReports(withConstraint(['path', 'LIKE']), 'pod-volume-constraint', [
      '/volumes/0/persistent/constraints/0',
    ]);
    assertReports(withConstraint(['path', 'LIKE', 'a', 'b']), 'pod-volume-constraint', [
      '/volumes/0/persistent/constraints/0',
    ]);
  });

  test('fixes: another operator becomes LIKE (not safe), or the constraint goes; so does one of another length', () => {
    const none = pod([persistent('data', { type: 'mount', size: 1024, constraints: [] })]);
    const cluster = withConstraint(['path', 'CLUSTER', '/mnt/ssd-1']);
    assert.deepEqual(fixTitles(cluster, 'pod-volume-constraint'), [
      {
        title: 'Change to "LIKE" (the value then matches as a regular expression)',
        safe: false,
        preferred: false,
      },
      { title: 'Remove this volume constraint', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(cluster, 'pod-volume-constraint', withConstraint(['path', 'LIKE', '/mnt/ssd-1']));
    assertFixAcrossFormats(withConstraint(['path', 'LIKE']), 'pod-volume-constraint', none);
  });

  test('["path", "LIKE", regex] is fine', () => {
    assert.deepEqual(
      problemsOf(withConstraint(['path', 'LIKE', '/mnt/ssd-.+']), 'pod-volume-constraint'),
      [],
    );
  });
});

describe('pod-host-volume-path (PV-13)', () => {
  test('an empty host path is a warning; absolute and sandbox-relative paths are fine', () => {
    const [r] = assertReports(pod([{ name: 'logs', host: '' }]), 'pod-host-volume-path', ['/volumes/0/host']);
    assert.equal(r.severity, 'warning');
    assert.deepEqual(
      problemsOf(
        pod([
          { name: 'a', host: '/var/log' },
          { name: 'b', host: 'logs' },
        ]),
        'pod-host-volume-path',
      ),
      [],
    );
  });
});

describe('pod secret volumes (SV-05, SV-06)', () => {
  const secretPod = (secret: string, secrets: Obj | null = { tls: { source: 'ssl/cert' } }) =>
    pod([{ name: 'cert', secret }], secrets ? { secrets } : {});

  test('the secrets feature must be enabled in the cluster settings', () => {
    const settings = { cluster: { features: ['external_volumes'] } };
    const [r] = assertReports(secretPod('tls'), 'pod-secret-volume-feature', ['/volumes/0/secret'], {
      settings,
    });
    assert.match(r.message, /Feature secrets is not enabled/);
    assert.deepEqual(problemsOf(secretPod('tls'), 'pod-secret-volume-feature'), []);
  });

  test('a secret volume names a key of the pod secrets', () => {
    assert.deepEqual(problemsOf(secretPod('tls'), 'pod-secret-volume-reference'), []);
    const [r] = assertReports(secretPod('tsl'), 'pod-secret-volume-reference', ['/volumes/0/secret']);
    assert.match(r.message, /volume.secret must refer to an existing secret/);
    assert.deepEqual(fixTitles(secretPod('tsl'), 'pod-secret-volume-reference'), [
      { title: 'Change to "tls"', safe: true, preferred: true },
      { title: 'Declare the secret "tsl" with source "tsl"', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(secretPod('tsl'), 'pod-secret-volume-reference', secretPod('tls'));
  });

  test('the secret-store path instead of the key: the fix writes the key', () => {
    const [r] = assertReports(secretPod('ssl/cert'), 'pod-secret-volume-reference', ['/volumes/0/secret']);
    assert.match(r.message, /source of the pod's secret "tls"/);
    assertFixAcrossFormats(secretPod('ssl/cert'), 'pod-secret-volume-reference', secretPod('tls'));
  });

  test('without any secrets, the fix declares one', () => {
    const input = secretPod('db-password', null);
    assertReports(input, 'pod-secret-volume-reference', ['/volumes/0/secret']);
    assertFixAcrossFormats(input, 'pod-secret-volume-reference', {
      ...input,
      secrets: { 'db-password': { source: 'db-password' } },
    });
  });
});

describe('pod volumes: what Marathon accepts', () => {
  test('absolute and nested mountPaths of persistent volumes are fine (no two-volume workaround in pods)', () => {
    const input = {
      id: '/db/pod-mysql',
      role: 'db',
      containers: [
        {
          ...container('mysql', [
            { name: 'mysql-data', mountPath: '/var/lib/mysql' },
            { name: 'logs', mountPath: 'var/log/mysql', readOnly: true },
          ]),
          image: { kind: 'DOCKER', id: 'mysql:8.0' },
        },
      ],
      volumes: [persistent('mysql-data', { size: 4096 }), persistent('logs', { size: 512 })],
      scheduling: { unreachableStrategy: 'disabled' },
    };
    assert.deepEqual(
      found(lint(input)).map((f) => `${f.rule} ${f.pointer}`),
      [],
    );
  });

  test('mountPath length is checked by the schema (PV-05)', () => {
    const input = (mountPath: string) => ({
      id: '/web/pod',
      containers: [container('app', [{ name: 'work', mountPath }])],
      volumes: [{ name: 'work' }],
    });
    assertReports(input(''), 'schema-range', ['/containers/0/volumeMounts/0/mountPath']);
    assertReports(input('a'.repeat(1025)), 'schema-range', ['/containers/0/volumeMounts/0/mountPath']);
    assert.deepEqual(problemsOf(input('a'.repeat(1024)), 'schema-range'), []);
  });

  test('an empty mountPath becomes where another container mounts the volume, or the volume name', () => {
    const input = (mountPath: string) => ({
      id: '/web/pod',
      containers: [container('app', [{ name: 'work', mountPath }])],
      volumes: [{ name: 'work' }],
    });
    assertFixAcrossFormats(input(''), 'schema-range', input('work'));
    assert.deepEqual(fixTitles(input(''), 'schema-range'), [
      { title: 'Change to "work"', safe: false, preferred: true },
    ]);
    const shared = (mountPath: string) => ({
      id: '/web/pod',
      containers: [
        container('app', [{ name: 'work', mountPath: '/srv/work' }]),
        container('sidecar', [{ name: 'work', mountPath }]),
      ],
      volumes: [{ name: 'work' }],
    });
    assertFixAcrossFormats(shared(''), 'schema-range', shared('/srv/work'));
    assert.deepEqual(
      fixTitles(shared(''), 'schema-range').map((f) => f.title),
      ['Change to "/srv/work"', 'Change to "work"'],
    );
  });

  test('a pod without containers gets one named after the pod, with the resources Marathon defaults to', () => {
    assertReports({ id: '/web/pod-empty', containers: [] }, 'schema-range', ['/containers']);
    assertFixAcrossFormats({ id: '/web/pod-empty', containers: [] }, 'schema-range', {
      id: '/web/pod-empty',
      containers: [{ name: 'pod-empty', resources: { cpus: 1, mem: 128 } }],
    });
    assert.deepEqual(fixTitles({ id: '/web/db.v2', containers: [] }, 'schema-range'), [
      {
        title: 'Add {"name":"db-v2","resources":{"cpus":1,"mem":128}}',
        safe: false,
        preferred: true,
      },
    ]);
  });

  test('malformed pods do not crash the rules', () => {
    for (const bad of [
      { id: '/p', containers: [], volumes: 'x' },
      { id: '/p', containers: [{ name: 'a', volumeMounts: 'x' }], volumes: [1, null, [], {}] },
      {
        id: '/p',
        containers: [{ name: 'a', volumeMounts: [1, { name: 2 }, {}] }],
        volumes: [{ name: 3, persistent: [] }],
      },
      {
        id: '/p',
        containers: 'x',
        volumes: [{ name: 'a', persistent: { size: 1, constraints: [[], 'x', [1]] } }],
      },
    ])
      assert.doesNotThrow(() => found(lint(bad)));
  });
});
