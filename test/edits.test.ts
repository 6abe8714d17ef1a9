import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFixAcrossFormats, formatLike, STYLES } from './formats';
import { parseDocument } from '../server/src/service/document';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { applyEdits, EditBuilder } from '../server/src/service/edits';
import { fixesFor } from '../server/src/service/codeActions';
import { composeEdits } from '../server/src/service/fixVerify';
import { prop } from '../server/src/service/json';
import { lint } from './helpers';

function builder(text: string) {
  const doc = parseDocument('file:///x.json', 1, text, DEFAULT_SETTINGS.limits);
  return { doc, edit: new EditBuilder(doc), root: doc.tree! };
}

describe('EditBuilder keeps the layout of every style', () => {
  const before = { id: '/a', container: { type: 'MESOS', volumes: [{ containerPath: 'x', mode: 'RO' }] } };
  for (const style of STYLES) {
    test(`set, insert and remove in ${style.name}`, () => {
      const { doc, edit, root } = builder(formatLike(before, style));
      const volume = prop(prop(root, 'container'), 'volumes')!.children![0];
      const text = applyEdits(doc.text, [
        edit.setProperty(volume, 'mode', 'RW'),
        edit.setProperty(volume, 'persistent', { type: 'root', size: 1024, constraints: [] }),
        edit.removeProperty(root, 'id')!,
      ]);
      assert.equal(
        text,
        formatLike(
          {
            container: {
              type: 'MESOS',
              volumes: [
                { containerPath: 'x', mode: 'RW', persistent: { type: 'root', size: 1024, constraints: [] } },
              ],
            },
          },
          style,
        ),
      );
    });
    test(`array items in ${style.name}`, () => {
      const { doc, edit, root } = builder(formatLike(before, style));
      const volumes = prop(prop(root, 'container'), 'volumes')!;
      const text = applyEdits(doc.text, [
        edit.insertArrayItem(volumes, { containerPath: '/y', hostPath: 'x', mode: 'RW' }),
      ]);
      assert.equal(
        text,
        formatLike(
          {
            ...before,
            container: {
              ...before.container,
              volumes: [...before.container.volumes, { containerPath: '/y', hostPath: 'x', mode: 'RW' }],
            },
          },
          style,
        ),
      );
    });
  }

  for (const style of STYLES)
    test(`filling an empty object or array follows the layout around it (${style.name})`, () => {
      const empty = { id: '/a', labels: {}, volumes: [], acceptedResourceRoles: [] };
      const { doc, edit, root } = builder(formatLike(empty, style));
      const text = applyEdits(doc.text, [
        edit.setProperty(prop(root, 'labels')!, 'team', 'db'),
        edit.insertArrayItem(prop(root, 'volumes')!, { containerPath: 'data', mode: 'RW' }),
        edit.insertArrayItem(prop(root, 'acceptedResourceRoles')!, '*'),
      ]);
      assert.equal(
        text,
        formatLike(
          {
            id: '/a',
            labels: { team: 'db' },
            volumes: [{ containerPath: 'data', mode: 'RW' }],
            acceptedResourceRoles: ['*'],
          },
          style,
        ),
      );
    });

  test('removing the only member empties the container', () => {
    const { doc, edit, root } = builder('{\n  "a": 1\n}\n');
    assert.equal(applyEdits(doc.text, [edit.removeProperty(root, 'a')!]), '{}\n');
  });
});

describe('fixes across formats', () => {
  test('a lone misplaced minimumHealthCapacity becomes a complete upgradeStrategy (Marathon rejects half of one)', () => {
    assertFixAcrossFormats({ id: '/a', cmd: 'run', minimumHealthCapacity: 0.9 }, 'unknown-property', {
      id: '/a',
      cmd: 'run',
      upgradeStrategy: { minimumHealthCapacity: 0.9, maximumOverCapacity: 1 },
    });
  });

  test('both misplaced upgrade fields move together, into one upgradeStrategy where the first one was', () => {
    assertFixAcrossFormats(
      { id: '/a', cmd: 'run', maximumOverCapacity: 0, env: {}, minimumHealthCapacity: 0.5 },
      'unknown-property',
      {
        id: '/a',
        cmd: 'run',
        upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
        env: {},
      },
    );
  });

  test('the misplaced-key fix moves a top-level minimumHealthCapacity into upgradeStrategy', () => {
    assertFixAcrossFormats(
      { id: '/a', cmd: 'run', upgradeStrategy: { maximumOverCapacity: 0 }, minimumHealthCapacity: 0.5 },
      'unknown-property',
      { id: '/a', cmd: 'run', upgradeStrategy: { maximumOverCapacity: 0, minimumHealthCapacity: 0.5 } },
    );
  });
});

describe('applyEdits', () => {
  test('insertions at one offset keep their order, as in an editor', () => {
    const edits = [
      { offset: 1, length: 0, content: 'A,' },
      { offset: 1, length: 0, content: 'B,' },
    ];
    assert.equal(applyEdits('[1]', edits), '[A,B,1]');
  });

  test('an insertion before a replacement at the same offset', () => {
    assert.equal(
      applyEdits('[1]', [
        { offset: 1, length: 0, content: '0,' },
        { offset: 1, length: 1, content: '2' },
      ]),
      '[0,2]',
    );
  });

  test('overlapping edits are refused', () => {
    assert.throws(() =>
      applyEdits('[1, 2]', [
        { offset: 1, length: 3, content: '' },
        { offset: 2, length: 2, content: '' },
      ]),
    );
  });
});

describe('composeEdits: a fix and the fix of what it brings, as edits on the original text', () => {
  const text = '{"a": 1, "b": 2}';
  test('an edit between the first ones moves back by what they added before it', () => {
    const first = [{ offset: 6, length: 1, content: '100' }];
    const second = [{ offset: 16, length: 1, content: '3' }]; // "b": 2 → 3 in '{"a": 100, "b": 2}'
    const composed = composeEdits(text, first, second)!;
    assert.equal(applyEdits(text, composed), '{"a": 100, "b": 3}');
    assert.deepEqual(composed, [first[0], { offset: 14, length: 1, content: '3' }]);
  });
  test('an edit inside what the first one wrote changes that edit', () => {
    const first = [{ offset: 15, length: 0, content: ', "c": [1]' }];
    const second = [{ offset: 23, length: 1, content: '2' }];
    assert.deepEqual(composeEdits(text, first, second), [{ offset: 15, length: 0, content: ', "c": [2]' }]);
  });
  test('an edit that straddles one of the first gives nothing', () => {
    const first = [{ offset: 6, length: 1, content: '100' }];
    assert.equal(composeEdits(text, first, [{ offset: 5, length: 3, content: '' }]), undefined);
  });
  test('an edit that is kept can be refined or added to, not undone', () => {
    const first = [{ offset: 6, length: 1, content: '[1, 2]' }];
    const keep = () => true;
    assert.equal(composeEdits(text, first, [{ offset: 6, length: 6, content: '1' }], keep), undefined);
    assert.equal(
      applyEdits(text, composeEdits(text, first, [{ offset: 7, length: 1, content: '0' }], keep)!),
      '{"a": [0, 2], "b": 2}',
    );
    assert.equal(
      applyEdits(text, composeEdits(text, first, [{ offset: 12, length: 0, content: ', "z": 0' }], keep)!),
      '{"a": [1, 2], "z": 0, "b": 2}',
    );
  });
});

describe('schema fixes that the rest of the definition accepts', () => {
  const ucr = { id: '/tools/ucr', cmd: './run', cpus: 0.1, mem: 64, container: { type: 'UCR' } };
  test('an unknown container type becomes MESOS (preferred), or DOCKER with the docker object it then needs', () => {
    assertFixAcrossFormats(ucr, 'schema-enum', { ...ucr, container: { type: 'MESOS' } });
    assertFixAcrossFormats(
      ucr,
      'schema-enum',
      { ...ucr, container: { type: 'DOCKER', docker: { image: '<image>' } } },
      { title: 'replaceThen' },
    );
    const a = lint(ucr);
    const p = a.problems.find((x) => x.rule === 'schema-enum')!;
    assert.deepEqual(
      fixesFor(a, p, DEFAULT_SETTINGS, 'en').map((f) => [f.title, f.args?.value, f.isPreferred, f.safe]),
      [
        ['replace', 'MESOS', true, false],
        ['replaceThen', 'DOCKER', undefined, false],
      ],
    );
  });

  test('a value of the wrong type is written as the expected type when nothing is lost', () => {
    const base = { id: '/a', cmd: 'run', cpus: 0.1, mem: 64 };
    assertFixAcrossFormats({ ...base, instances: '2' }, 'schema-type', { ...base, instances: 2 });
    const vol = (containerPath: unknown) => ({
      ...base,
      container: { type: 'MESOS', volumes: [{ containerPath, hostPath: '/var/data', mode: 'RW' }] },
    });
    assertFixAcrossFormats(vol(5432), 'schema-type', vol('5432'));
    assertFixAcrossFormats({ ...base, gpus: 0.5 }, 'schema-type', { ...base, gpus: 0 }, { index: 0 });
    assertFixAcrossFormats({ ...base, gpus: 0.5 }, 'schema-type', { ...base, gpus: 1 }, { index: 1 });
    // Nothing sensible: an object where a string is expected, a word where a number is.
    for (const bad of [
      { ...base, cmd: { run: true } },
      { ...base, instances: 'two' },
    ]) {
      const a = lint(bad);
      const p = a.problems.find((x) => x.rule === 'schema-type')!;
      assert.deepEqual(fixesFor(a, p, DEFAULT_SETTINGS, 'en'), []);
    }
  });

  test('a misspelled key renamed to a list property puts its one item in a list', () => {
    const base = { id: '/web', cmd: 'run', cpus: 0.1, mem: 64 };
    assertFixAcrossFormats({ ...base, healthcheck: { path: '/' } }, 'unknown-property', {
      ...base,
      healthChecks: [{ path: '/' }],
    });
  });

  test('a pod upgradeStrategy moved into a resident pod gets the maximumOverCapacity 0 it needs there (RS-18)', () => {
    const pod = (extra: object) => ({
      id: '/db/pod',
      containers: [
        {
          name: 'server',
          resources: { cpus: 0.5, mem: 512 },
          exec: { command: { shell: './server' } },
          volumeMounts: [{ name: 'data', mountPath: 'data' }],
        },
      ],
      volumes: [{ name: 'data', persistent: { type: 'root', size: 1024 } }],
      ...extra,
    });
    assertFixAcrossFormats(
      pod({ upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 } }),
      'unknown-property',
      pod({ scheduling: { upgrade: { minimumHealthCapacity: 1, maximumOverCapacity: 0 } } }),
      { title: 'moveThen' },
    );
  });
});

describe('schema-range fixes: the nearest valid value, when the rest of the definition takes it', () => {
  const base = { id: '/a', cmd: 'run', cpus: 0.1, mem: 64 };
  const only = (input: object) => {
    const a = lint(input);
    const p = a.problems.find((x) => x.rule === 'schema-range')!;
    assert.ok(p, 'no schema-range problem');
    return fixesFor(a, p, DEFAULT_SETTINGS, 'en').map((f) => [f.title, f.args?.value ?? f.args?.field]);
  };

  test('a number out of range becomes its bound (integer bounds for integers)', () => {
    assertFixAcrossFormats({ ...base, instances: -1 }, 'schema-range', { ...base, instances: 0 });
    assertFixAcrossFormats({ ...base, cpus: 0 }, 'schema-range', { ...base, cpus: 0.001 });
    assertFixAcrossFormats({ ...base, backoffFactor: 0.5 }, 'schema-range', { ...base, backoffFactor: 1 });
    assertFixAcrossFormats({ ...base, maxLaunchDelaySeconds: -1 }, 'schema-range', {
      ...base,
      maxLaunchDelaySeconds: 0,
    });
  });

  test('a bound that is not valid either (an external volume of 0 GiB) leaves the field out instead', () => {
    const app = (external: object) => ({
      ...base,
      container: {
        type: 'MESOS',
        volumes: [
          { containerPath: 'data', mode: 'RW', external: { name: 'v', provider: 'dvdi', ...external } },
        ],
      },
    });
    assertFixAcrossFormats(
      app({ options: { 'dvdi/driver': 'rexray' }, size: -5 }),
      'schema-range',
      app({ options: { 'dvdi/driver': 'rexray' } }),
    );
  });

  test('an id or name out of its pattern becomes its lower-case, sanitized form', () => {
    assertFixAcrossFormats({ ...base, id: '/Web-Frontend' }, 'schema-range', {
      ...base,
      id: '/web-frontend',
    });
    assertFixAcrossFormats({ ...base, id: '/tools/my_app' }, 'schema-range', {
      ...base,
      id: '/tools/my-app',
    });
    assertFixAcrossFormats({ ...base, id: '/tools/-web' }, 'schema-range', { ...base, id: '/tools/web' });
    const pod = (name: string) => ({
      id: '/p',
      containers: [{ name, resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: 'run' } } }],
    });
    assertFixAcrossFormats(pod('_app'), 'schema-range', pod('app'));
  });

  test('a mount name out of its pattern is renamed with the volume it names', () => {
    const pod = (name: string) => ({
      id: '/db/p',
      containers: [
        {
          name: 'server',
          resources: { cpus: 0.5, mem: 512 },
          exec: { command: { shell: './server' } },
          volumeMounts: [{ name, mountPath: 'data' }],
        },
      ],
      volumes: [{ name, persistent: { type: 'root', size: 1024 } }],
    });
    assertFixAcrossFormats(pod('data_1'), 'schema-range', pod('data-1'));
    assertFixAcrossFormats(pod('d'.repeat(64)), 'schema-range', pod('d'.repeat(63)));
  });

  test('an empty value is left out when nothing needs it; a repeated item is removed (safe)', () => {
    const docker = (extra: object) => ({
      ...base,
      container: { type: 'DOCKER', docker: { image: 'nginx' } },
      ...extra,
    });
    assertFixAcrossFormats(docker({ cmd: '' }), 'schema-range', (({ cmd: _, ...rest }) => rest)(docker({})));
    assertFixAcrossFormats({ ...base, acceptedResourceRoles: ['*', 'db', '*'] }, 'schema-range', {
      ...base,
      acceptedResourceRoles: ['*', 'db'],
    });
  });

  test('an empty reference becomes what the document provides there', () => {
    const app = (secret: string) => ({
      ...base,
      secrets: { dbpassword: { source: 'billing/db-password' } },
      container: { type: 'MESOS', volumes: [{ containerPath: 'creds', secret }] },
    });
    assertFixAcrossFormats(app(''), 'schema-range', app('dbpassword'));
  });

  test('no fix where nothing sensible exists: an empty image or command Marathon needs', () => {
    assert.deepEqual(only({ ...base, cmd: '' }), []); // nothing left to run
    assert.deepEqual(only({ ...base, container: { type: 'DOCKER', docker: { image: '' } } }), []);
  });

  test("a pod's empty mount path becomes the volume's name (a sandbox directory); an empty pod gets a container", () => {
    assert.deepEqual(
      only({
        id: '/p',
        containers: [
          {
            name: 'web',
            resources: { cpus: 0.1, mem: 32 },
            exec: { command: { shell: 'run' } },
            volumeMounts: [{ name: 'cache', mountPath: '' }],
          },
        ],
        volumes: [{ name: 'cache' }],
      }),
      [['sanitize', 'cache']],
    );
    // Leaving out the empty list is not a fix: a pod without containers is no pod.
    assert.deepEqual(only({ id: '/p', containers: [] }), [
      ['addItem', '{"name":"p","resources":{"cpus":1,"mem":128}}'],
    ]);
  });
});

describe('schema-required fixes: the values the schema gives a field, as the definition takes them', () => {
  test('a missing mode gets the one the volume accepts; a pod container its resources with the defaults', () => {
    const app = (volume: object) => ({
      id: '/a',
      cmd: 'run',
      container: { type: 'MESOS', volumes: [{ containerPath: 'data', ...volume }] },
    });
    const external = { external: { name: 'v', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } } };
    assertFixAcrossFormats(app(external), 'schema-required', app({ ...external, mode: 'RW' }));
    const pod = (container: object) => ({
      id: '/p',
      containers: [{ name: 'web', exec: { command: { shell: 'run' } }, ...container }],
    });
    assertFixAcrossFormats(pod({}), 'schema-required', pod({ resources: { cpus: 1, mem: 128 } }));
  });

  test('nothing for a value only the user knows (the CSI plugin name)', () => {
    const a = lint({
      id: '/a',
      cmd: 'run',
      container: {
        type: 'MESOS',
        volumes: [
          {
            containerPath: '/data',
            mode: 'RW',
            external: {
              name: 'v',
              provider: 'csi',
              options: { capability: { accessType: 'mount', accessMode: 'SINGLE_NODE_WRITER' } },
            },
          },
        ],
      },
    });
    const p = a.problems.find((x) => x.rule === 'schema-required')!;
    assert.equal(p.args.field, 'pluginName');
    assert.deepEqual(fixesFor(a, p, DEFAULT_SETTINGS, 'en'), []);
  });
});

describe('schema-type: a value that stands for an object becomes that object, with what it then needs', () => {
  const app = (volume: object) => ({
    id: '/db',
    cmd: 'run',
    container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', ...volume }] },
  });
  test('"persistent": true gets the size it needs; "external": "<name>" the name, the provider and its driver', () => {
    assertFixAcrossFormats(app({ persistent: true }), 'schema-type', app({ persistent: { size: 1024 } }));
    assertFixAcrossFormats(
      app({ external: 'myvol' }),
      'schema-type',
      app({ external: { name: 'myvol', provider: 'dvdi', options: { 'dvdi/driver': 'rexray' } } }),
    );
    const a = lint(app({ external: 'myvol' }));
    const p = a.problems.find((x) => x.rule === 'schema-type')!;
    assert.deepEqual(
      fixesFor(a, p, DEFAULT_SETTINGS, 'en').map((f) => [f.title, f.safe === true]),
      [['convertThen', false]],
    );
  });
});

describe('schema-type: which conversions are safe', () => {
  test('one object into a list is safe; a string into a list is not (it may be a list written as one)', () => {
    const base = { id: '/a', cmd: 'run', cpus: 0.1, mem: 64 };
    const safety = (input: object) => {
      const a = lint(input);
      const p = a.problems.find((x) => x.rule === 'schema-type')!;
      return fixesFor(a, p, DEFAULT_SETTINGS, 'en').map((f) => [f.title, f.safe === true]);
    };
    assert.deepEqual(safety({ ...base, healthChecks: { path: '/' } }), [['wrap', true]]);
    assert.deepEqual(safety({ ...base, acceptedResourceRoles: 'slave_public' }), [['wrap', false]]);
    assert.deepEqual(safety({ ...base, instances: '2' }), [['convert', true]]);
  });
});
