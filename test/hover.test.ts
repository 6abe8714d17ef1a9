/** Hover on keys and values: meaning, unit, allowed values, default, Marathon's behaviour, effective values. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appWith, hoverAt } from './editing';

const persistent = '{ "containerPath": "data", "mode": "RW", "persistent": { "size": 1024 } }';

describe('hover on keys and values', () => {
  test('persistent.size is MiB and frozen after deployment; external.size is GiB', () => {
    const size = hoverAt(
      appWith('{ "containerPath": "data", "mode": "RW", "persistent": { "si|ze": 1024 } }'),
    );
    assert.match(size, /^\*\*`size`\*\* · integer · MiB/);
    assert.match(size, /MiB \(not GiB/);
    assert.match(size, /cannot be changed after deployment/);
    const value = hoverAt(
      appWith('{ "containerPath": "data", "mode": "RW", "persistent": { "size": 10|24 } }'),
    );
    assert.equal(value, size, 'a value hovers like its key');
    const ext = hoverAt(
      appWith(
        '{ "containerPath": "d", "mode": "RW", "external": { "name": "v", "provider": "dvdi", "si|ze": 16, "options": { "dvdi/driver": "rexray" } } }',
      ),
    );
    assert.match(ext, /^\*\*`size`\*\* · integer · GiB/);
    assert.match(ext, /GiB \(not MiB\)/);
  });

  test('a local persistent volume pins the task to its agent', () => {
    const h = hoverAt(appWith('{ "containerPath": "data", "mode": "RW", "pers|istent": { "size": 1024 } }'));
    assert.match(h, /pinned to the agent/);
    assert.match(h, /size cannot be changed after deployment/);
    assert.match(h, /`persistent\.type`: `"root"`/, 'the effective disk type');
  });

  test('the mode of a persistent volume: only RW here; of a host volume: RW or RO', () => {
    const p = hoverAt(appWith('{ "containerPath": "data", "mo|de": "RW", "persistent": { "size": 1024 } }'));
    assert.match(p, /Here Marathon accepts only `"RW"`\./);
    const h = hoverAt(appWith('{ "containerPath": "/c", "hostPath": "/h", "mo|de": "RO" }'));
    assert.match(h, /Allowed values: `"RW"`, `"RO"`\./);
    assert.doesNotMatch(h, /accepts only/);
  });

  test('enums and defaults', () => {
    const kill = hoverAt('{ "id": "/a", "cmd": "run", "killSel|ection": "OLDEST_FIRST" }');
    assert.match(kill, /Allowed values: `"YOUNGEST_FIRST"`, `"OLDEST_FIRST"`\./);
    assert.match(kill, /Default: `"YOUNGEST_FIRST"`\./);
    const cpus = hoverAt('{ "id": "/a", "cmd": "run", "cp|us": 2 }');
    assert.match(cpus, /number · default 1/);
    const backoff = hoverAt('{ "id": "/a", "cmd": "run", "backoffSe|conds": 2 }');
    assert.match(backoff, /integer · seconds · default 1/);
  });

  test('the branch the values select: a CSI volume is described as CSI', () => {
    const csi = hoverAt(
      appWith(
        '{ "containerPath": "d", "mode": "RW", "external": { "na|me": "vol-1", "provider": "csi", "options": { "pluginName": "p", "capability": { "accessType": "mount", "accessMode": "SINGLE_NODE_WRITER", "fsType": "ext4" } } } }',
      ),
    );
    assert.match(csi, /CSI volume id/);
    const dvdi = hoverAt(
      appWith(
        '{ "containerPath": "d", "mode": "RW", "external": { "na|me": "vol-1", "provider": "dvdi", "options": { "dvdi/driver": "rexray" } } }',
      ),
    );
    assert.match(dvdi, /unique in the cluster/);
  });

  test('pods: the mount name refers to a pod volume', () => {
    const h = hoverAt(
      '{ "id": "/p", "volumes": [ { "name": "v" } ], "containers": [ { "name": "c", "resources": { "cpus": 1, "mem": 32 }, "volumeMounts": [ { "na|me": "v", "mountPath": "v" } ] } ] }',
    );
    assert.match(h, /Name of a pod volume/);
    assert.match(h, /`readOnly`: `false`/, 'the effective read/write mount');
  });

  test('nothing outside a Marathon document or on punctuation', () => {
    assert.equal(hoverAt('{ "na|me": "x" }', 'en', { uri: 'file:///w/package.json' }), '');
    assert.equal(hoverAt('{ "id": "/a", "cmd": "run" |}'), '');
  });
});

describe('what Marathon fills in', () => {
  test("a resident app's id shows the effective upgrade and unreachable strategies", () => {
    const h = hoverAt(appWith(persistent).replace('"id"', '"i|d"'));
    assert.match(h, /Marathon fills in:/);
    assert.match(
      h,
      /`upgradeStrategy`: `\{"minimumHealthCapacity": 0\.5, "maximumOverCapacity": 0\}` — because the app has local persistent or external volumes/,
    );
    assert.match(h, /`unreachableStrategy`: `"disabled"`/);
  });

  test('the container of a stateful app shows them too', () => {
    const h = hoverAt(appWith(persistent).replace('"container"', '"conta|iner"'));
    assert.match(h, /`upgradeStrategy`: `\{"minimumHealthCapacity": 0\.5, "maximumOverCapacity": 0\}`/);
    const plain = hoverAt('{ "id": "/a", "cmd": "run", "conta|iner": { "type": "MESOS" } }');
    assert.doesNotMatch(plain, /fills in/);
  });

  test('only what is omitted', () => {
    const h = hoverAt(
      appWith(persistent)
        .replace('"id"', '"i|d"')
        .replace(
          '"cmd": "run",',
          '"cmd": "run",\n  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 },',
        ),
    );
    assert.doesNotMatch(h, /`upgradeStrategy`:/);
    assert.match(h, /`unreachableStrategy`: `"disabled"`/);
  });

  test('a plain app gets the plain defaults; a container without type is DOCKER', () => {
    const h = hoverAt('{ "i|d": "/a", "cmd": "run", "container": { "docker": { "image": "x" } } }');
    assert.match(
      h,
      /`upgradeStrategy`: `\{"minimumHealthCapacity": 1, "maximumOverCapacity": 1\}` — the default/,
    );
    assert.match(h, /`unreachableStrategy`: `\{"inactiveAfterSeconds": 0, "expungeAfterSeconds": 0\}`/);
    assert.match(h, /`container\.type`: `"DOCKER"`/);
  });

  test('an app with external volumes only: {0.5, 0}, but not "disabled"', () => {
    const h = hoverAt(
      appWith(
        '{ "containerPath": "d", "mode": "RW", "external": { "name": "v", "provider": "dvdi", "options": { "dvdi/driver": "rexray" } } }',
      ).replace('"id"', '"i|d"'),
    );
    assert.match(h, /"minimumHealthCapacity": 0\.5, "maximumOverCapacity": 0/);
    assert.doesNotMatch(h, /`unreachableStrategy`: `"disabled"`/);
  });

  test("a resident pod's scheduling, and a partial upgrade counts the missing field as 1", () => {
    const pod = (scheduling: string) =>
      `{ "i|d": "/p", "volumes": [ { "name": "v", "persistent": { "size": 10 } } ], "containers": [ { "name": "c", "resources": { "cpus": 1, "mem": 32 }, "volumeMounts": [ { "name": "v", "mountPath": "v" } ] } ]${scheduling} }`;
    const h = hoverAt(pod(''));
    assert.match(
      h,
      /`scheduling\.upgrade`: `\{"minimumHealthCapacity": 0\.5, "maximumOverCapacity": 0\}` — because the pod has a persistent volume/,
    );
    assert.match(h, /`scheduling\.unreachableStrategy`: `"disabled"`/);
    const partial = hoverAt(pod(', "scheduling": { "upgrade": { "minimumHealthCapacity": 0 } }'));
    assert.match(
      partial,
      /`scheduling\.upgrade\.maximumOverCapacity`: `1` — an omitted field of a pod upgrade strategy counts as 1/,
    );
  });
});

describe('both languages', () => {
  test('Chinese descriptions, types and effective values', () => {
    const size = hoverAt(
      appWith('{ "containerPath": "data", "mode": "RW", "persistent": { "si|ze": 1024 } }'),
      'zh-cn',
    );
    assert.match(size, /^\*\*`size`\*\* · 整数 · MiB/);
    assert.match(size, /卷的大小，单位 MiB（不是 GiB/);
    const id = hoverAt(appWith(persistent).replace('"id"', '"i|d"'), 'zh-cn');
    assert.match(id, /Marathon 会自动填入：/);
    assert.match(id, /因为应用含有本地持久卷或外部卷/);
    const mode = hoverAt(
      appWith('{ "containerPath": "data", "mo|de": "RW", "persistent": { "size": 1024 } }'),
      'zh-cn',
    );
    assert.match(mode, /此处 Marathon 只接受 `"RW"`。/);
    assert.match(mode, /本地持久卷只接受 `RW`/);
  });
});
