/**
 * Schema rules on shapes found in the real-world corpus: definitions exported from a
 * running Marathon (`GET /v2/apps`, `/v2/groups`) carry `null` for every unset field.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertReports, found, lint } from './helpers';

const SCHEMA = ['schema-type', 'schema-required', 'schema-range', 'schema-enum'];
const schemaErrors = (input: string | object) =>
  found(lint(input))
    .filter((f) => SCHEMA.includes(f.rule))
    .map((f) => `${f.rule} ${f.pointer}`);

describe('null values (play-json reads null for an optional field as absent)', () => {
  test('an exported app with null optional fields has no schema error', () => {
    // The shape of dcos-ui and marathon-lb fixtures: every unset field is null.
    const exported = {
      id: '/zdd/app-blue',
      cmd: null,
      args: null,
      user: null,
      env: {},
      instances: 3,
      cpus: 0.1,
      mem: 128,
      executor: '',
      constraints: [],
      acceptedResourceRoles: null,
      ipAddress: null,
      residency: null,
      taskKillGracePeriodSeconds: null,
      secrets: {},
      container: {
        type: 'DOCKER',
        volumes: [],
        docker: {
          image: 'nginx',
          portMappings: [
            { containerPort: 80, hostPort: 0, servicePort: 10000, protocol: 'tcp', name: null, labels: null },
          ],
        },
      },
    };
    assert.deepEqual(schemaErrors(exported), []);
  });

  test('a null field is absent: no deprecation hint for a null ipAddress or residency', () => {
    const got = found(lint({ id: '/a', cmd: 'run', ipAddress: null, residency: null }));
    assert.deepEqual(
      got.map((g) => g.rule),
      [],
    );
  });

  test('null for a pod field, a container field and an endpoint port', () => {
    const pod = {
      id: '/pod',
      user: null,
      containers: [
        {
          name: 'web',
          resources: { cpus: 0.1, mem: 32 },
          image: null,
          healthCheck: null,
          lifecycle: null,
          endpoints: [{ name: 'http', containerPort: null, hostPort: 0 }],
        },
      ],
      networks: [{ mode: 'host', name: null }],
      scaling: { kind: 'fixed', instances: 1, maxInstances: null },
    };
    assert.deepEqual(schemaErrors(pod), []);
  });

  test('a required field given as null is still rejected, at the null', () => {
    assertReports(
      { id: '/a', cmd: 'run', upgradeStrategy: { minimumHealthCapacity: null, maximumOverCapacity: 1 } },
      'schema-type',
      ['/upgradeStrategy/minimumHealthCapacity'],
    );
    assertReports({ id: '/a', container: { type: 'DOCKER', docker: { image: null } } }, 'schema-type', [
      '/container/docker/image',
    ]);
    assertReports({ id: '/a', cmd: 'run', secrets: { s: { source: null } } }, 'schema-type', [
      '/secrets/s/source',
    ]);
  });

  test('null as the value of a map entry is still rejected (labels, env)', () => {
    assertReports({ id: '/a', cmd: 'run', labels: { team: null } }, 'schema-type', ['/labels/team']);
    assertReports({ id: '/a', cmd: 'run', env: { A: null } }, 'schema-type', ['/env/A']);
  });

  test('null items of an array are still rejected', () => {
    assertReports({ id: '/a', cmd: 'run', uris: [null] }, 'schema-type', ['/uris/0']);
  });

  test('a null volume part does not decide the volume kind: persistent: null leaves a host volume', () => {
    const input = {
      id: '/a',
      cmd: 'run',
      container: {
        type: 'MESOS',
        volumes: [
          {
            containerPath: 'data',
            hostPath: 'data',
            mode: 'RW',
            persistent: null,
            external: null,
            secret: null,
          },
        ],
      },
    };
    assert.deepEqual(
      found(lint(input))
        .filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => `${f.rule} ${f.pointer}`),
      [],
    );
    // A container "type": null is the default, DOCKER, which needs an image.
    assertReports({ id: '/a', cmd: 'run', container: { type: null } }, 'container-docker-required', [
      '/container/type',
    ]);
  });

  test('other wrong types next to nulls are still reported', () => {
    assert.deepEqual(schemaErrors({ id: '/a', cmd: null, args: ['x'], instances: '1', user: null }), [
      'schema-type /instances',
    ]);
  });
});

describe('documents whose braces do not match', () => {
  test('a missing "}" reports the syntax, not the members the parser then guessed into the wrong object', () => {
    // The native-docker page of the Marathon docs: "secrets" is not closed before "args".
    const text = [
      '{',
      '  "id": "mesos-docker",',
      '  "container": { "type": "MESOS", "docker": { "image": "mesosphere/inky" } },',
      '  "secrets": {',
      '    "pullConfigSecret": { "source": "/mesos-docker/pullConfig" }',
      '  "args": ["<my-arg>"],',
      '  "cpus": 0.2,',
      '  "instances": 1',
      '}',
    ].join('\n');
    const got = found(lint(text)).filter((f) => f.severity === 'error');
    assert.deepEqual([...new Set(got.map((g) => g.rule))], ['document']);
  });

  test('with matching braces, schema problems after a syntax error are still reported', () => {
    const text = '{"id": "/a", "cmd": "run" "instances": "3"}';
    const rules = found(lint(text)).map((f) => f.rule);
    assert.ok(rules.includes('document') && rules.includes('schema-type'), rules.join(', '));
  });
});
