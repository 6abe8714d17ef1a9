/** Completion on the pure service: keys, values, references, whole items and templates. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTree } from 'jsonc-parser';
import { accept, appWith, completionsAt, itemOf, labels, newText, replaced } from './editing';
import { complete } from '../server/src/service/completion';
import { assertNoErrors, cursor, found, lint, settingsOf } from './helpers';

const ERRORS_OR_WARNINGS = (text: string) =>
  found(lint(text, { settings: { cluster: { defaultRole: 'slave_public' } } }))
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.rule} ${f.pointer}: ${f.message}`);

const strict = (text: string) => {
  const errors: unknown[] = [];
  parseTree(text, errors as never, { disallowComments: true, allowTrailingComma: false });
  assert.deepEqual(errors, [], `not strict JSON:\n${text}`);
};

describe('property keys', () => {
  test('the app root offers what is missing, never deprecated, read-only or exclusive keys', () => {
    const at = completionsAt('{\n  "id": "/web",\n  "cmd": "run",\n  |\n}\n');
    const l = labels(at);
    for (const k of [
      'instances',
      'cpus',
      'mem',
      'container',
      'upgradeStrategy',
      'unreachableStrategy',
      'env',
    ])
      assert.ok(l.includes(k), k);
    for (const k of [
      'id',
      'cmd',
      'args',
      'residency',
      'ports',
      'uris',
      'ipAddress',
      'version',
      'tasksRunning',
    ])
      assert.ok(!l.includes(k), `${k} must not be offered`);
  });

  test('a volume with only containerPath so far offers the keys that decide its kind', () => {
    const at = completionsAt(appWith('{ "containerPath": "data", | }'));
    assert.deepEqual(labels(at).sort(), ['external', 'hostPath', 'mode', 'persistent', 'secret']);
  });

  test('a local persistent volume offers only its own keys, with a persistent scaffold', () => {
    const at = completionsAt(appWith('{ "mode": "RW", | }'));
    const persistent = itemOf(at, 'persistent');
    assert.equal(newText(persistent), '"persistent": { "type": "${1|root,path,mount|}", "size": ${2:1024} }');
    const decided = completionsAt(appWith('{ "persistent": { "size": 1024 }, | }'));
    assert.deepEqual(labels(decided).sort(), ['containerPath', 'mode']);
    assert.equal(newText(itemOf(decided, 'mode')), '"mode": "RW"');
  });

  test('a secret volume gets no mode (Marathon ignores it)', () => {
    const at = completionsAt(
      appWith('{ "secret": "pw", | }', { extra: '\n  "secrets": { "pw": { "source": "a" } },' }),
    );
    assert.deepEqual(labels(at), ['containerPath']);
  });

  test('a DVDI volume with the Docker containerizer has no external.size; Mesos has', () => {
    const docker = completionsAt(
      appWith('{ "containerPath": "/d", "mode": "RW", "external": { "name": "v", | } }', { type: 'DOCKER' }),
    );
    assert.ok(!labels(docker).includes('size'));
    assert.ok(labels(docker).includes('options'));
    const mesos = completionsAt(
      appWith('{ "containerPath": "d", "mode": "RW", "external": { "name": "v", | } }'),
    );
    assert.ok(labels(mesos).includes('size'));
    assert.match(String(itemOf(mesos, 'size').detail), /GiB/);
  });

  test('the external scaffold follows the container type', () => {
    const docker = completionsAt(appWith('{ "containerPath": "/d", "mode": "RW", | }', { type: 'DOCKER' }));
    assert.doesNotMatch(newText(itemOf(docker, 'external')), /"size"/);
    const mesos = completionsAt(appWith('{ "containerPath": "d", "mode": "RW", | }'));
    assert.match(newText(itemOf(mesos, 'external')), /"size": \$\{\d+:16\}/);
    assert.match(newText(itemOf(mesos, 'external')), /"dvdi\/driver": "\$\{\d+\|rexray,pxd,netapp\|\}"/);
  });

  test('maxSize only on an explicit mount volume, constraints not on root volumes', () => {
    const root = completionsAt(
      appWith('{ "containerPath": "d", "mode": "RW", "persistent": { "size": 10, | } }'),
    );
    assert.ok(!labels(root).includes('maxSize'));
    assert.ok(!labels(root).includes('constraints'));
    const mount = completionsAt(
      appWith('{ "containerPath": "d", "mode": "RW", "persistent": { "type": "mount", "size": 10, | } }'),
    );
    assert.ok(labels(mount).includes('maxSize'));
    assert.ok(labels(mount).includes('constraints'));
  });

  test('Docker containers get no gpus, check, linuxInfo or pullConfig; Mesos no docker.parameters', () => {
    const docker = completionsAt(
      '{\n  "id": "/a",\n  "container": { "type": "DOCKER", "docker": { "image": "x", | } }\n}\n',
    );
    assert.ok(!labels(docker).includes('pullConfig'));
    assert.ok(labels(docker).includes('parameters'));
    const root = completionsAt(
      '{\n  "id": "/a",\n  "container": { "type": "DOCKER", "docker": { "image": "x" } },\n  |\n}\n',
    );
    assert.ok(!labels(root).includes('gpus'));
    assert.ok(!labels(root).includes('check'));
    const mesos = completionsAt(
      '{\n  "id": "/a",\n  "container": { "type": "MESOS", "docker": { "image": "x", | } }\n}\n',
    );
    assert.ok(labels(mesos).includes('pullConfig'));
    assert.ok(!labels(mesos).includes('parameters'));
    const mesosRoot = completionsAt('{\n  "id": "/a",\n  "container": { "type": "MESOS" },\n  |\n}\n');
    assert.ok(labels(mesosRoot).includes('gpus'));
  });

  test('port mappings only off host networking, port definitions only on it', () => {
    const host = completionsAt(
      '{\n  "id": "/a",\n  "cmd": "run",\n  "container": { "type": "MESOS", | },\n  "networks": [ { "mode": "host" } ]\n}\n',
    );
    assert.ok(!labels(host).includes('portMappings'));
    const bridge = completionsAt(
      '{\n  "id": "/a",\n  "cmd": "run",\n  "container": { "type": "MESOS", | },\n  "networks": [ { "mode": "container/bridge" } ]\n}\n',
    );
    assert.ok(labels(bridge).includes('portMappings'));
    const root = completionsAt(
      '{\n  "id": "/a",\n  "cmd": "run",\n  "networks": [ { "mode": "container/bridge" } ],\n  |\n}\n',
    );
    assert.ok(!labels(root).includes('portDefinitions'));
  });

  test('pods, pod containers and groups at every depth', () => {
    const pod = completionsAt('{\n  "id": "/p",\n  "containers": [ { "name": "c", | } ]\n}\n');
    assert.ok(labels(pod).includes('resources'));
    assert.ok(labels(pod).includes('volumeMounts'));
    assert.equal(itemOf(pod, 'resources').sortText?.[0], '0', 'required keys come first');
    const group = completionsAt(
      '{\n  "id": "/prod",\n  "groups": [ { "id": "db", "apps": [ { "id": "mysql", "cmd": "run", | } ] } ]\n}\n',
    );
    assert.ok(labels(group).includes('container'));
    const groupRoot = completionsAt('{\n  "id": "/prod",\n  |\n  "apps": []\n}\n');
    assert.ok(labels(groupRoot).includes('dependencies'));
    assert.ok(!labels(groupRoot).includes('pods'), '/v2/groups ignores pods');
  });

  test('resident apps get resident scaffolds', () => {
    const at = completionsAt(
      appWith('{ "containerPath": "d", "mode": "RW", "persistent": { "size": 10 } }').replace(
        '"cmd": "run",',
        '"cmd": "run",\n  |',
      ),
    );
    assert.equal(newText(itemOf(at, 'unreachableStrategy')), '"unreachableStrategy": "disabled",');
    assert.equal(
      newText(itemOf(at, 'upgradeStrategy')),
      '"upgradeStrategy": {\n    "minimumHealthCapacity": ${1:0.5},\n    "maximumOverCapacity": 0\n  },',
    );
  });

  test('details and documentation in both languages', () => {
    const text = appWith('{ "containerPath": "d", "mode": "RW", "persistent": { | } }');
    const en = itemOf(completionsAt(text), 'size');
    assert.equal(en.detail, 'integer · MiB · required');
    assert.match(String((en.documentation as { value: string }).value), /MiB \(not GiB/);
    const zh = itemOf(completionsAt(text, { locale: 'zh-cn' }), 'size');
    assert.equal(zh.detail, '整数 · MiB · 必填');
    assert.match(String((zh.documentation as { value: string }).value), /单位 MiB/);
  });
});

describe('values', () => {
  const mode = (volume: string, type?: 'MESOS' | 'DOCKER') =>
    labels(completionsAt(appWith(volume.replace('MODE', '"mode": "|"'), { type })));

  test('only RW for a local persistent volume and for a DVDI volume with Mesos', () => {
    assert.deepEqual(mode('{ "containerPath": "d", MODE, "persistent": { "size": 10 } }'), ['"RW"']);
    const ext =
      '{ "containerPath": "d", MODE, "external": { "name": "v", "provider": "dvdi", "options": { "dvdi/driver": "rexray" } } }';
    assert.deepEqual(mode(ext), ['"RW"']);
    assert.deepEqual(mode(ext.replace('"d"', '"/d"'), 'DOCKER'), ['"RW"', '"RO"']);
    assert.deepEqual(mode('{ "containerPath": "/c", "hostPath": "/h", MODE }'), ['"RW"', '"RO"']);
  });

  test('the typed value is replaced with its quotes', () => {
    const at = completionsAt(
      appWith('{ "containerPath": "d", "mode": "r|w", "persistent": { "size": 10 } }'),
    );
    const rw = itemOf(at, '"RW"');
    assert.equal(replaced(at, rw), '"rw"');
    assert.equal(rw.filterText, '"RW"');
    assertNoErrors(accept(at, rw));
  });

  test('right after the colon, the value keeps the document\'s ": " spacing', () => {
    const at = completionsAt('{\n  "id": "/a",\n  "cmd": "run",\n  "killSelection":|\n}\n');
    assert.equal(
      accept(at, itemOf(at, '"OLDEST_FIRST"')),
      '{\n  "id": "/a",\n  "cmd": "run",\n  "killSelection": "OLDEST_FIRST"\n}\n',
    );
    const tight = completionsAt('{"id":"/a","cmd":"run","killSelection":|}');
    assert.equal(newText(itemOf(tight, '"OLDEST_FIRST"')), '"OLDEST_FIRST"');
  });

  test('enums: disk type, container type, network mode, protocol, kill selection; booleans', () => {
    assert.deepEqual(
      labels(
        completionsAt(
          appWith('{ "containerPath": "d", "mode": "RW", "persistent": { "size": 10, "type": | } }'),
        ),
      ),
      ['"root"', '"path"', '"mount"'],
    );
    assert.deepEqual(labels(completionsAt('{ "id": "/a", "cmd": "run", "container": { "type": | } }')), [
      '"MESOS"',
      '"DOCKER"',
    ]);
    assert.deepEqual(labels(completionsAt('{ "id": "/a", "cmd": "run", "networks": [ { "mode": "|" } ] }')), [
      '"host"',
      '"container/bridge"',
      '"container"',
    ]);
    assert.deepEqual(
      labels(completionsAt('{ "id": "/a", "cmd": "run", "portDefinitions": [ { "protocol": | } ] }')),
      ['"tcp"', '"udp"', '"udp,tcp"'],
    );
    const kill = completionsAt('{ "id": "/a", "cmd": "run", "killSelection": | }');
    assert.deepEqual(labels(kill), ['"YOUNGEST_FIRST"', '"OLDEST_FIRST"']);
    assert.equal(itemOf(kill, '"YOUNGEST_FIRST"').sortText?.[0], '0', 'the default first');
    assert.deepEqual(labels(completionsAt('{ "id": "/a", "cmd": "run", "requirePorts": | }')), [
      'false',
      'true',
    ]);
  });

  test('unreachableStrategy: "disabled" or an object; only "disabled" when resident', () => {
    const plain = labels(completionsAt('{\n  "id": "/a",\n  "cmd": "run",\n  "unreachableStrategy": |\n}'));
    assert.ok(plain.includes('"disabled"'));
    assert.ok(plain.some((l) => l.startsWith('{')));
    const resident = appWith('{ "containerPath": "d", "mode": "RW", "persistent": { "size": 10 } }').replace(
      '"cmd": "run",',
      '"cmd": "run",\n  "unreachableStrategy": |,',
    );
    assert.deepEqual(labels(completionsAt(resident)), ['"disabled"']);
    const pod =
      '{ "id": "/p", "volumes": [ { "name": "v", "persistent": { "size": 10 } } ], "containers": [], "scheduling": { "unreachableStrategy": | } }';
    assert.deepEqual(labels(completionsAt(pod)), ['"disabled"']);
  });

  test('maximumOverCapacity 0 for resident apps and apps with DVDI volumes', () => {
    const text = appWith('{ "containerPath": "d", "mode": "RW", "persistent": { "size": 10 } }').replace(
      '"cmd": "run",',
      '"cmd": "run",\n  "upgradeStrategy": { "minimumHealthCapacity": 0.5, "maximumOverCapacity": | },',
    );
    assert.deepEqual(labels(completionsAt(text)), ['0']);
  });

  test('volume constraints: "path" and "LIKE" (UNLIKE cannot be stored)', () => {
    const vol = (c: string) =>
      appWith(
        `{ "containerPath": "d", "mode": "RW", "persistent": { "type": "mount", "size": 10, "constraints": [${c}] } }`,
      );
    assert.deepEqual(labels(completionsAt(vol('[|]'))), ['"path"']);
    assert.deepEqual(labels(completionsAt(vol('["path", |]'))), ['"LIKE"']);
  });
});

describe('references from the document', () => {
  test('a mount names the pod volumes, the unmounted ones first', () => {
    const at = completionsAt(`{
  "id": "/p",
  "volumes": [ { "name": "logs" }, { "name": "data", "persistent": { "size": 10 } } ],
  "containers": [ { "name": "c", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "logs", "mountPath": "logs" }, { "name": "|" } ] } ]
}`);
    assert.deepEqual(labels(at), ['"logs"', '"data"']);
    assert.ok(itemOf(at, '"data"').sortText! < itemOf(at, '"logs"').sortText!);
  });

  test('a mount path offers where another container mounts the volume, then its name', () => {
    const at = completionsAt(`{
  "id": "/p",
  "volumes": [ { "name": "shared" } ],
  "containers": [
    { "name": "a", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "shared", "mountPath": "/srv/shared" } ] },
    { "name": "b", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "shared", "mountPath": "|" } ] }
  ]
}`);
    assert.deepEqual(labels(at), ['"/srv/shared"', '"shared"']);
    assert.ok(itemOf(at, '"/srv/shared"').sortText! < itemOf(at, '"shared"').sortText!);
    assert.equal(itemOf(at, '"shared"').detail, 'the volume’s name: a directory in the container’s sandbox');
  });

  test("a host volume's hostPath names the persistent volumes", () => {
    const at = completionsAt(
      appWith(
        '{ "containerPath": "mysqldata", "mode": "RW", "persistent": { "size": 10 } },\n      { "containerPath": "/var/lib/mysql", "mode": "RW", "hostPath": "|" }',
      ),
    );
    assert.deepEqual(labels(at), ['"mysqldata"']);
    const key = completionsAt(
      appWith(
        '{ "containerPath": "mysqldata", "mode": "RW", "persistent": { "size": 10 } },\n      { "containerPath": "/var/lib/mysql", "mode": "RW", | }',
      ),
    );
    assert.equal(newText(itemOf(key, 'hostPath')), '"hostPath": "mysqldata"');
  });

  test('dvdi/driver offers the known drivers', () => {
    const at = completionsAt(
      appWith(
        '{ "containerPath": "d", "mode": "RW", "external": { "name": "v", "provider": "dvdi", "options": { "dvdi/driver": | } } }',
      ),
    );
    assert.deepEqual(labels(at), ['"rexray"', '"pxd"', '"netapp"']);
  });

  test('env values offer the volume paths (PGDATA)', () => {
    const at = completionsAt(
      appWith('{ "containerPath": "pgdata", "mode": "RW", "persistent": { "size": 10 } }', {
        extra: '\n  "env": { "PGDATA": | },',
      }),
    );
    assert.ok(labels(at).includes('"pgdata"'));
    const pod = completionsAt(`{
  "id": "/p",
  "volumes": [ { "name": "data", "persistent": { "size": 10 } } ],
  "containers": [ { "name": "c", "resources": { "cpus": 0.1, "mem": 32 }, "environment": { "PGDATA": "|" }, "volumeMounts": [ { "name": "data", "mountPath": "/var/lib/pg" } ] } ]
}`);
    assert.deepEqual(labels(pod), ['"/var/lib/pg"']);
  });

  test("a secret volume's secret, env secrets and pullConfig name the keys of secrets", () => {
    const extra = '\n  "secrets": { "db-password": { "source": "db/pw" }, "registry": { "source": "reg" } },';
    assert.deepEqual(labels(completionsAt(appWith('{ "containerPath": "pw", "secret": | }', { extra }))), [
      '"db-password"',
      '"registry"',
    ]);
    const env = completionsAt(appWith('', { extra: extra + '\n  "env": { "PW": { "secret": "|" } },' }));
    assert.deepEqual(labels(env), ['"db-password"', '"registry"']);
    const envObject = completionsAt(appWith('', { extra: extra + '\n  "env": { "PW": | },' }));
    assert.ok(labels(envObject).includes('{ "secret": "db-password" }'));
  });
});

describe('whole items', () => {
  const base = (type: 'MESOS' | 'DOCKER') => appWith('|', { type });

  for (const type of ['MESOS', 'DOCKER'] as const) {
    test(`every app volume item is valid as inserted (${type})`, () => {
      const at = completionsAt(base(type));
      const names = labels(at);
      assert.ok(names.includes('Local persistent volume'));
      assert.ok(names.includes('Local persistent volume at an absolute path (persistent + host volume)'));
      assert.ok(
        names.includes(
          type === 'MESOS'
            ? 'External volume (DVDI, Mesos containerizer)'
            : 'External volume (DVDI, Docker containerizer)',
        ),
      );
      assert.ok(
        !names.includes(
          type === 'MESOS'
            ? 'External volume (DVDI, Docker containerizer)'
            : 'External volume (DVDI, Mesos containerizer)',
        ),
      );
      assert.ok(names.includes('Host volume'));
      assert.ok(names.includes('Secret volume'));
      for (const i of at.items) {
        const after = accept(at, i);
        strict(after);
        assert.deepEqual(ERRORS_OR_WARNINGS(after), [], `${i.label}:\n${after}`);
      }
    });
  }

  test('the two-volume pair shares its name through one tab stop', () => {
    const at = completionsAt(base('MESOS'));
    const pair = itemOf(at, 'Local persistent volume at an absolute path (persistent + host volume)');
    assert.match(newText(pair), /"containerPath": "\$\{1:data\}"[\s\S]*"hostPath": "\$\{1:data\}"/);
  });

  test('a volume item next to an existing one gets its comma, and a fresh path', () => {
    const at = completionsAt(
      appWith('{ "containerPath": "data", "mode": "RW", "persistent": { "size": 10 } }\n      |'),
    );
    const item = itemOf(at, 'Local persistent volume');
    const after = accept(at, item);
    strict(after);
    assert.match(after, /"containerPath": "data-2"/);
    assert.deepEqual(ERRORS_OR_WARNINGS(after), []);
  });

  test('a persistent volume not mounted at an absolute path yet offers its host volume', () => {
    const at = completionsAt(
      appWith('{ "containerPath": "mysqldata", "mode": "RW", "persistent": { "size": 10 } },\n      |', {
        type: 'DOCKER',
      }),
    );
    const link = itemOf(at, 'Mount "mysqldata" at an absolute path (host volume)');
    assert.equal(
      newText(link),
      '{\n        "containerPath": "${1:/var/lib/mysqldata}",\n        "hostPath": "mysqldata",\n        "mode": "RW"\n      }',
    );
    assert.deepEqual(ERRORS_OR_WARNINGS(accept(at, link)), []);
    const linked = completionsAt(
      appWith(
        '{ "containerPath": "mysqldata", "mode": "RW", "persistent": { "size": 10 } },\n      { "containerPath": "/var/lib/mysql", "hostPath": "mysqldata", "mode": "RW" },\n      |',
      ),
    );
    assert.ok(!labels(linked).some((l) => l.startsWith('Mount "mysqldata"')));
  });

  test('a persistent volume item makes a non-resident app resident-compatible', () => {
    const text = appWith('|').replace(
      '"cmd": "run",',
      '"cmd": "run",\n  "upgradeStrategy": { "minimumHealthCapacity": 1, "maximumOverCapacity": 1 },\n  "unreachableStrategy": { "inactiveAfterSeconds": 60, "expungeAfterSeconds": 120 },',
    );
    const at = completionsAt(text);
    const item = itemOf(at, 'Local persistent volume');
    assert.match(String((item.documentation as { value: string }).value), /maximumOverCapacity: 0/);
    const after = accept(at, item);
    assert.deepEqual(ERRORS_OR_WARNINGS(after), []);
    assert.match(after, /"unreachableStrategy": "disabled"/);
  });

  test('a DVDI item limits the app to one instance', () => {
    const text = appWith('|').replace('"cmd": "run",', '"cmd": "run",\n  "instances": 3,');
    const at = completionsAt(text);
    const after = accept(at, itemOf(at, 'External volume (DVDI, Mesos containerizer)'));
    assert.match(after, /"instances": 1,/);
    assert.deepEqual(ERRORS_OR_WARNINGS(after), []);
  });

  test('a secret volume item adds the secret when the app has none', () => {
    const at = completionsAt(base('MESOS'));
    const after = accept(at, itemOf(at, 'Secret volume'));
    assert.match(after, /"secrets": \{/);
    const withSecrets = completionsAt(
      appWith('|', { extra: '\n  "secrets": { "tls": { "source": "certs/tls" } },' }),
    );
    const i = itemOf(withSecrets, 'Secret volume');
    assert.equal(i.additionalTextEdits, undefined);
    assert.match(newText(i), /"secret": "tls"/);
  });

  test('every pod volume item is valid as inserted: it is mounted in the first container too', () => {
    const at = completionsAt(`{
  "id": "/p",
  "volumes": [
    |
  ],
  "containers": [
    { "name": "app", "resources": { "cpus": 0.1, "mem": 32 }, "exec": { "command": { "shell": "sleep 1000" } } }
  ]
}
`);
    assert.deepEqual(labels(at), ['Persistent volume', 'Ephemeral volume', 'Host volume', 'Secret volume']);
    for (const i of at.items) {
      const after = accept(at, i);
      strict(after);
      assert.deepEqual(ERRORS_OR_WARNINGS(after), [], `${i.label}:\n${after}`);
      assert.match(after, /"volumeMounts": \[/);
    }
  });

  test('a mount item for each volume the container does not mount yet', () => {
    const at = completionsAt(`{
  "id": "/p",
  "volumes": [ { "name": "a" }, { "name": "b", "persistent": { "size": 10 } } ],
  "containers": [
    { "name": "c1", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "a", "mountPath": "a" } ] },
    { "name": "c2", "resources": { "cpus": 0.1, "mem": 32 }, "volumeMounts": [ { "name": "a", "mountPath": "a" }, | ] }
  ]
}
`);
    assert.deepEqual(labels(at), ['Mount of volume "b"']);
    const after = accept(at, at.items[0]);
    assert.deepEqual(ERRORS_OR_WARNINGS(after), []);
  });

  test('items follow the document layout (tabs)', () => {
    const text =
      '{\n\t"id": "/db",\n\t"cmd": "run",\n\t"container": {\n\t\t"type": "MESOS",\n\t\t"volumes": [\n\t\t\t|\n\t\t]\n\t}\n}\n';
    const at = completionsAt(text);
    assert.equal(
      newText(itemOf(at, 'Local persistent volume')),
      '{\n\t\t\t\t"containerPath": "${1:data}",\n\t\t\t\t"mode": "RW",\n\t\t\t\t"persistent": {\n\t\t\t\t\t"type": "${2|root,path,mount|}",\n\t\t\t\t\t"size": ${3:1024}\n\t\t\t\t}\n\t\t\t}',
    );
  });
});

describe('half-typed JSON', () => {
  test('an unterminated key is replaced up to the end of the word, not the line', () => {
    const at = completionsAt(appWith('{ "containerPath": "data", "pers| }'));
    const item = itemOf(at, 'persistent');
    assert.equal(replaced(at, item), '"pers');
    assert.equal(item.filterText, '"persistent"');
    const after = accept(at, item);
    strict(after);
  });

  test('an unquoted word is replaced as well', () => {
    const at = completionsAt('{\n  "id": "/a",\n  "cmd": "run",\n  inst|\n}\n');
    const item = itemOf(at, 'instances');
    assert.equal(replaced(at, item), 'inst');
    strict(accept(at, item));
  });

  test('a missing comma before the cursor is added, and one after it', () => {
    const before = completionsAt('{\n  "id": "/a",\n  "cmd": "run"\n  |\n}\n');
    const after = accept(before, itemOf(before, 'instances'));
    strict(after);
    assert.match(after, /"cmd": "run",\n {2}"instances": 1\n\}/);
    const next = completionsAt('{\n  "id": "/a",\n  |\n  "cmd": "run"\n}\n');
    strict(accept(next, itemOf(next, 'instances')));
  });

  test('an unclosed document still completes', () => {
    const at = completionsAt(
      '{\n  "id": "/db",\n  "cmd": "run",\n  "container": {\n    "type": "MESOS",\n    "volumes": [\n      { "containerPath": "data", "mode": "|',
    );
    assert.deepEqual(labels(at), ['"RW"', '"RO"']);
  });

  test('editing an existing key replaces only the key', () => {
    const at = completionsAt('{\n  "id": "/a",\n  "cmd": "run",\n  "inst|": 3\n}\n');
    const item = itemOf(at, 'instances');
    assert.equal(newText(item), '"instances"');
    assert.equal(accept(at, item), '{\n  "id": "/a",\n  "cmd": "run",\n  "instances": 3\n}\n');
  });

  test('a trailing comma and a cursor after the value', () => {
    const at = completionsAt('{\n  "id": "/a",\n  "cmd": "run",\n  "killSelection": "OLDEST_FIRST"|,\n}\n');
    assert.ok(labels(at).includes('"YOUNGEST_FIRST"'));
  });

  test('nothing inside a non-Marathon document, and nothing outside the root', () => {
    assert.deepEqual(labels(completionsAt('{ "name": "x", | }', { uri: 'file:///w/package.json' })), []);
    assert.deepEqual(labels(completionsAt('{ "id": "/a", "cmd": "run" } |')), []);
  });
});

describe('templates', () => {
  test('an empty Marathon file gets the definition templates; other empty files nothing', () => {
    const at = completionsAt('|');
    assert.deepEqual(labels(at), [
      'marathon-mysql',
      'marathon-postgres',
      'marathon-pod-shared-volume',
      'marathon-external-docker',
      'marathon-external-mesos',
      'marathon-stateful-app',
    ]);
    assert.deepEqual(at.items[0].data, { template: 'marathon-mysql' });
    assert.deepEqual(labels(completionsAt('|', { uri: 'file:///w/other.json' })), []);
    for (const i of at.items) assert.deepEqual(ERRORS_OR_WARNINGS(accept(at, i)), [], String(i.label));
  });

  test("a group's apps get the app templates with relative ids, valid as inserted", () => {
    const at = completionsAt('{\n  "id": "/prod",\n  "apps": [\n    |\n  ]\n}\n');
    assert.ok(labels(at).includes('marathon-postgres'));
    assert.ok(!labels(at).includes('marathon-pod-shared-volume'));
    for (const i of at.items) {
      const after = accept(at, i);
      strict(after);
      assert.match(after, /"id": "[a-z]/);
      assert.deepEqual(ERRORS_OR_WARNINGS(after), [], String(i.label));
    }
  });

  test('template descriptions in the user language', () => {
    const zh = completionsAt('|', { locale: 'zh-cn' });
    assert.match(String(zh.items[0].detail), /[\u4e00-\u9fff]/);
  });
});

describe('clients without snippets', () => {
  test('tab stops are written as their defaults, as plain text', () => {
    const { text, offset } = cursor(appWith('{ "containerPath": "data", "mode": "RW", | }'));
    const list = complete(lint(text), offset, 'en', settingsOf({}), false);
    const p = list.items.find((i) => i.label === 'persistent')!;
    assert.equal(p.insertTextFormat, 1);
    assert.equal(
      (p.textEdit as { newText: string }).newText,
      '"persistent": { "type": "root", "size": 1024 }',
    );
  });
});

describe('large documents', () => {
  test('completion in a group of 3000 apps answers fast once the document is analysed', () => {
    const apps = Array.from(
      { length: 3000 },
      (_, i) =>
        `    { "id": "app-${i}", "cmd": "run", "instances": 1, "container": { "type": "MESOS", "volumes": [ { "containerPath": "data", "mode": "RW", "persistent": { "size": 64 } } ] } }`,
    );
    apps[2999] =
      '    { "id": "last", "cmd": "run", "container": { "type": "MESOS", "volumes": [ { "containerPath": "data", "mode": "|" } ] } }';
    const text = `{\n  "id": "/big",\n  "apps": [\n${apps.join(',\n')}\n  ]\n}\n`;
    const { text: plain, offset } = cursor(text);
    const analysis = lint(plain);
    let worst = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const list = complete(analysis, offset, 'en', settingsOf({}));
      worst = Math.max(worst, performance.now() - t0);
      assert.deepEqual(
        list.items.map((x) => x.label),
        ['"RW"', '"RO"'],
      );
    }
    // The analysis of this document takes seconds; a completion must not redo any of it.
    assert.ok(worst < 100, `completion took ${worst.toFixed(1)} ms`);
  });
});
