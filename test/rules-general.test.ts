import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertNoErrors, assertReports, found, lint, problemsOf, settingsOf } from './helpers';
import { fixesFor } from '../server/src/service/codeActions';
import { assertFixAcrossFormats } from './formats';
import { analyze } from '../server/src/service/analyze';
import { parseDocument } from '../server/src/service/document';

const errorsOf = (input: object, options = {}) =>
  found(lint(input, options))
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.pointer}`);

const base = { id: '/web', cmd: './serve', cpus: 0.1, mem: 32 };
const docker = (extra: object = {}, container: object = {}) => ({
  id: '/web',
  cpus: 0.1,
  mem: 32,
  container: { type: 'DOCKER', docker: { image: 'nginx:1.19' }, ...container },
  ...extra,
});
const pod = (extra: object = {}, containers?: object[]) => ({
  id: '/pod',
  containers: containers ?? [
    { name: 'web', resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: './serve' } } },
  ],
  ...extra,
});
const noSecrets = { cluster: { features: ['external_volumes', 'gpu_resources'] } };

/** The fixes of the first problem of `rule`: title key and whether it is safe. */
const titlesOf = (input: object, rule: string) => {
  const a = lint(input);
  const p = a.problems.find((x) => x.rule === rule);
  assert.ok(p, `no ${rule} problem`);
  return fixesFor(a, p, settingsOf({}), 'en').map((f) => [f.title, f.safe === true]);
};

describe('container-docker-required (GEN-03)', () => {
  test('a container without type and docker: one error at /container, fixed by "type": "MESOS"', () => {
    const input = {
      ...base,
      container: { volumes: [{ containerPath: '/data', hostPath: '/srv', mode: 'RW' }] },
    };
    assert.deepEqual(errorsOf(input), ['container-docker-required /container']);
    assertFixAcrossFormats(input, 'container-docker-required', {
      ...base,
      container: { type: 'MESOS', volumes: [{ containerPath: '/data', hostPath: '/srv', mode: 'RW' }] },
    });
  });

  test('an explicit DOCKER type is reported at the type; its MESOS fix is not safe', () => {
    const input = { ...base, container: { type: 'DOCKER' } };
    const got = assertReports(input, 'container-docker-required', ['/container/type']);
    assert.match(got[0].message, /needs a "docker" object/);
    const a = lint(input);
    const fixes = fixesFor(
      a,
      a.problems.find((p) => p.rule === 'container-docker-required')!,
      settingsOf({}),
      'en',
    );
    assert.ok(fixes.some((f) => f.title === 'mesos'));
    assert.ok(fixes.every((f) => f.title !== 'mesos' || f.safe === false));
  });

  test('without cmd the preferred fix adds a docker image placeholder (MESOS would leave nothing to run)', () => {
    const input = { id: '/web', container: { volumes: [] } };
    const fixed = applyFix(input, 'container-docker-required');
    assert.deepEqual(JSON.parse(fixed), {
      id: '/web',
      container: { volumes: [], docker: { image: '<image>' } },
    });
  });

  test('valid neighbours: MESOS without docker, DOCKER with an image, lower-case type', () => {
    assertReports({ ...base, container: { type: 'MESOS' } }, 'container-docker-required', []);
    assertReports(docker(), 'container-docker-required', []);
    assertReports(
      { ...base, container: { type: 'docker', docker: { image: 'x' } } },
      'container-docker-required',
      [],
    );
  });
});

describe('cmd-args-container (GEN-05) and cmd-too-short (GEN-06)', () => {
  test('cmd and args together: one error, two fixes', () => {
    const input = { ...base, args: ['--port', '80'] };
    assertReports(input, 'cmd-args-container', ['/args']);
    assert.deepEqual(JSON.parse(applyFix(input, 'cmd-args-container', { title: 'keepCmd' })), base);
    const { cmd: _cmd, ...rest } = { ...base, args: ['--port', '80'] };
    assert.deepEqual(JSON.parse(applyFix(input, 'cmd-args-container', { title: 'keepArgs' })), rest);
  });

  test('nothing to run: an app in a group with neither cmd, args nor image', () => {
    const group = {
      id: '/g',
      apps: [
        { id: 'a', cpus: 0.1 },
        { id: 'b', container: { type: 'MESOS' } },
      ],
    };
    assertReports(group, 'cmd-args-container', ['/apps/0', '/apps/1/container']);
  });

  test('nothing to run in a file of its own: recognised by its app fields, an error at the app', () => {
    // No marathon.files glob matches this location: the content decides.
    const uri = 'file:///work/service.json';
    const input = { id: '/web', cpus: 0.5, mem: 256, instances: 2 };
    const [r] = assertReports(input, 'cmd-args-container', [''], { uri });
    assert.equal(r.severity, 'error');
    assert.match(r.message, /nothing to run/);
    // One app field, or fields under another key (a Metronome job), is not enough to call it an app.
    assert.deepEqual(found(lint({ id: 'x', instances: 3 }, { uri })), []);
    assert.deepEqual(found(lint({ id: 'job', description: 'd', run: { cpus: 1, mem: 32 } }, { uri })), []);
  });

  test('valid neighbours: args alone, an image alone, cmd with empty args, MESOS with an image', () => {
    assertReports({ id: '/a', args: ['x'] }, 'cmd-args-container', []);
    assertReports(docker(), 'cmd-args-container', []);
    assertReports({ ...base, args: [] }, 'cmd-args-container', []);
    assertReports(
      { id: '/a', container: { type: 'MESOS', docker: { image: 'x' } } },
      'cmd-args-container',
      [],
    );
  });

  test('an elided object (syntax error inside) is not said to lack a command', () => {
    const text = '{"id": "/g", "apps": [{ "id": "a", ... }]}';
    assert.deepEqual(problemsOf(text, 'cmd-args-container', { uri: 'file:///x.marathon.json' }), []);
  });

  test('a one-character cmd is rejected; two characters are fine', () => {
    assertReports({ ...base, cmd: 'x' }, 'cmd-too-short', ['/cmd']);
    assertReports({ ...base, cmd: 'ls' }, 'cmd-too-short', []);
  });
});

describe('service-id (GEN-07)', () => {
  test('reserved last segments and the root', () => {
    assertReports({ ...base, id: '/api/tasks' }, 'service-id', ['/id']);
    assertReports({ ...base, id: '/prod/..' }, 'service-id', ['/id']);
    assertReports({ ...base, id: '/tasks/api' }, 'service-id', []);
    assertReports({ ...base, id: 'relative-app' }, 'service-id', []);
  });

  test('pod ids are validated as written: relative ids are rejected, and fixed to absolute', () => {
    assertReports(pod({ id: 'web' }), 'service-id', ['/id']);
    assertFixAcrossFormats(pod({ id: 'web' }), 'service-id', pod({ id: '/web' }));
    assertReports(pod({ id: '/web/.' }), 'service-id', ['/id']);
    assertReports(pod({ id: '/web/versions' }), 'service-id', ['/id']);
    assertReports(pod(), 'service-id', []);
  });

  test('a pod id ending in dots becomes the path they lead to (safe for ".")', () => {
    assertFixAcrossFormats(pod({ id: '/web/api/.' }), 'service-id', pod({ id: '/web/api' }));
    assert.deepEqual(titlesOf(pod({ id: '/web/api/.' }), 'service-id'), [['absolute', true]]);
    assertFixAcrossFormats(pod({ id: '/web/api/..' }), 'service-id', pod({ id: '/web' }));
    assert.deepEqual(titlesOf(pod({ id: '/web/api/..' }), 'service-id'), [['absolute', false]]);
  });

  test('a reserved last segment gets the kind after it, the root the file name: guesses, not safe', () => {
    assertFixAcrossFormats({ ...base, id: '/api/tasks' }, 'service-id', { ...base, id: '/api/tasks-app' });
    assert.deepEqual(titlesOf({ ...base, id: '/api/tasks' }, 'service-id'), [['absolute', false]]);
    assertFixAcrossFormats(pod({ id: '/web/versions' }), 'service-id', pod({ id: '/web/versions-pod' }));
    assertFixAcrossFormats(
      { ...base, id: '/' },
      'service-id',
      { ...base, id: '/billing-api' },
      {
        uri: 'file:///work/Billing_API.marathon.json',
      },
    );
    // A group's app whose relative id leads to the root is renamed relative to its group.
    const group = { id: '/', apps: [{ ...base, id: '.' }] };
    assertFixAcrossFormats(
      group,
      'service-id',
      { id: '/', apps: [{ ...base, id: 'cluster' }] },
      {
        uri: 'file:///work/cluster.json',
      },
    );
  });
});

describe('ports-network-mismatch (GEN-08)', () => {
  test('port mappings with host networking are dropped: a warning, not an error', () => {
    const input = docker(
      { networks: [{ mode: 'host' }] },
      { portMappings: [{ containerPort: 80, hostPort: 0 }] },
    );
    const got = assertReports(input, 'ports-network-mismatch', ['/container/portMappings']);
    assert.equal(got[0].severity, 'warning');
    assertNoErrors(input);
  });

  test('with no networking at all the fix offers bridge networking', () => {
    const input = docker({}, { portMappings: [{ containerPort: 80 }] });
    assertFixAcrossFormats(input, 'ports-network-mismatch', {
      ...docker({}, { portMappings: [{ containerPort: 80 }] }),
      networks: [{ mode: 'container/bridge' }],
    });
  });

  test('old-style BRIDGE with docker.portMappings keeps its mappings', () => {
    const input = docker(
      {},
      { docker: { image: 'x', network: 'BRIDGE', portMappings: [{ containerPort: 80 }] } },
    );
    assertReports(input, 'ports-network-mismatch', []);
  });

  test('port definitions with container networking are dropped when the mappings do not say the same', () => {
    const input = docker(
      {
        networks: [{ mode: 'container/bridge' }],
        portDefinitions: [{ port: 0, name: 'http', labels: { VIP_0: '/web:80' } }],
      },
      { portMappings: [{ containerPort: 80 }] },
    );
    assertReports(input, 'ports-network-mismatch', ['/portDefinitions']);
    const same = docker(
      { networks: [{ mode: 'container/bridge' }], ports: [10000] },
      { portMappings: [{ containerPort: 80, servicePort: 10000 }] },
    );
    assertReports(same, 'ports-network-mismatch', []);
    assertReports({ ...base, portDefinitions: [{ port: 0 }] }, 'ports-network-mismatch', []);
  });
});

describe('networks', () => {
  test('host and container networks mixed (GEN-09 family): rejected at /networks', () => {
    const input = { ...base, networks: [{ mode: 'host' }, { mode: 'container', name: 'dcos' }] };
    assert.deepEqual(errorsOf(input), ['networks-combination /networks']);
  });

  test('host networks take no name, bridge networks no name; the fix removes it', () => {
    assertReports({ ...base, networks: [{ mode: 'host', name: 'x' }] }, 'networks-combination', [
      '/networks/0/name',
    ]);
    assertReports(
      { ...base, networks: [{ mode: 'host', name: null, labels: {} }] },
      'networks-combination',
      [],
    );
    assertFixAcrossFormats(
      { ...base, networks: [{ mode: 'container/bridge', name: 'x' }] },
      'networks-combination',
      { ...base, networks: [{ mode: 'container/bridge' }] },
    );
  });

  test('duplicate networks', () => {
    assertReports(
      {
        ...base,
        networks: [
          { mode: 'container', name: 'a' },
          { mode: 'container', name: 'a' },
        ],
      },
      'networks-combination',
      ['/networks/1/name'],
    );
    assertReports(pod({ networks: [{ mode: 'container' }, {}] }), 'networks-combination', ['/networks/1']);
    assertReports(
      pod({ networks: [{ mode: 'container', name: 'a' }, { name: 'b' }] }),
      'networks-combination',
      [],
    );
  });

  test('a DOCKER container joins one container network (GEN-09)', () => {
    const two = [
      { mode: 'container', name: 'a' },
      { mode: 'container', name: 'b' },
    ];
    assertReports(docker({ networks: two }), 'docker-container-networks', ['/networks']);
    assertReports({ ...base, container: { type: 'MESOS' }, networks: two }, 'docker-container-networks', []);
  });

  test('fixes keep the networks of one mode, or one container network of a DOCKER app (or make it MESOS)', () => {
    const mixed = { ...base, networks: [{ mode: 'host' }, { mode: 'container', name: 'dcos' }] };
    assert.deepEqual(titlesOf(mixed, 'networks-combination'), [
      ['keepContainer', false],
      ['keepHost', false],
    ]);
    assertFixAcrossFormats(mixed, 'networks-combination', {
      ...base,
      networks: [{ mode: 'container', name: 'dcos' }],
    });
    assertFixAcrossFormats(
      mixed,
      'networks-combination',
      { ...base, networks: [{ mode: 'host' }] },
      { title: 'keepHost' },
    );
    // Two identical host networks: keeping one changes nothing (safe).
    const twice = { ...base, networks: [{ mode: 'host' }, { mode: 'host' }] };
    assert.deepEqual(titlesOf(twice, 'networks-combination'), [['keepHost', true]]);
    assertFixAcrossFormats(twice, 'networks-combination', { ...base, networks: [{ mode: 'host' }] });
    const dup = {
      ...base,
      networks: [
        { mode: 'container', name: 'a' },
        { mode: 'container', name: 'a' },
      ],
    };
    assertFixAcrossFormats(dup, 'networks-combination', {
      ...base,
      networks: [{ mode: 'container', name: 'a' }],
    });
    const two = [
      { mode: 'container', name: 'a' },
      { mode: 'container', name: 'b' },
    ];
    assertFixAcrossFormats(
      docker({ networks: two }),
      'docker-container-networks',
      docker({ networks: [two[0]] }),
    );
    assertFixAcrossFormats(
      docker({ networks: two }),
      'docker-container-networks',
      docker({ networks: [two[1]] }),
      {
        index: 1,
      },
    );
    const mesos = docker({ networks: two });
    (mesos.container as { type: string }).type = 'MESOS';
    assertFixAcrossFormats(docker({ networks: two }), 'docker-container-networks', mesos, { title: 'mesos' });
  });

  test('a container network without a name is a configuration-dependent warning (GEN-19)', () => {
    const got = assertReports(pod({ networks: [{ mode: 'container' }] }), 'network-name-required', [
      '/networks/0/mode',
    ]);
    assert.equal(got[0].severity, 'warning');
    assertFixAcrossFormats(
      pod({ networks: [{ mode: 'container' }] }),
      'network-name-required',
      pod({
        networks: [{ mode: 'container', name: 'dcos' }],
      }),
    );
    assertReports(pod({ networks: [{ mode: 'container', name: 'dcos' }] }), 'network-name-required', []);
  });
});

describe('legacy-network-conflict (GEN-10)', () => {
  test('docker.network with networks: an error, and a safe fix when both say the same', () => {
    const input = docker(
      { networks: [{ mode: 'container/bridge' }] },
      { docker: { image: 'x', network: 'BRIDGE' } },
    );
    assert.deepEqual(errorsOf(input), ['legacy-network-conflict /networks']);
    assertFixAcrossFormats(
      input,
      'legacy-network-conflict',
      docker(
        { networks: [{ mode: 'container/bridge' }] },
        {
          docker: { image: 'x' },
        },
      ),
    );
  });

  test('docker.network alone is only deprecated (a hint), in any case', () => {
    const input = docker({}, { docker: { image: 'x', network: 'host' } });
    assertReports(input, 'legacy-network-conflict', []);
    assertNoErrors(input);
  });

  test('ipAddress with networks; NONE; discovery with DOCKER', () => {
    assertReports(
      { ...base, ipAddress: {}, networks: [{ mode: 'container', name: 'a' }] },
      'legacy-network-conflict',
      ['/ipAddress'],
    );
    assertReports(docker({}, { docker: { image: 'x', network: 'NONE' } }), 'legacy-network-conflict', [
      '/container/docker/network',
    ]);
    assertReports(docker({ ipAddress: { discovery: { ports: [] } } }), 'legacy-network-conflict', [
      '/ipAddress/discovery',
    ]);
  });

  test('fixes: the discovery ports become port mappings of the DOCKER container; NONE goes (not safe)', () => {
    const ip = {
      networkName: 'dcos',
      discovery: { ports: [{ number: 8080, name: 'http', protocol: 'tcp' }] },
    };
    assertFixAcrossFormats(docker({ ipAddress: ip }), 'legacy-network-conflict', {
      ...docker({ ipAddress: { networkName: 'dcos' } }),
      container: {
        type: 'DOCKER',
        docker: { image: 'nginx:1.19' },
        portMappings: [{ containerPort: 8080, name: 'http', protocol: 'tcp' }],
      },
    });
    assertFixAcrossFormats(
      docker({}, { docker: { image: 'x', network: 'NONE' } }),
      'legacy-network-conflict',
      docker({}, { docker: { image: 'x' } }),
    );
    assert.deepEqual(
      titlesOf(docker({}, { docker: { image: 'x', network: 'NONE' } }), 'legacy-network-conflict'),
      [['remove', false]],
    );
  });
});

describe('legacy-field-conflict and port-uniqueness', () => {
  test('ports and portDefinitions that differ; equal ones are fine', () => {
    assertReports({ ...base, ports: [80], portDefinitions: [{ port: 81 }] }, 'legacy-field-conflict', [
      '/ports',
    ]);
    assertReports(
      { ...base, ports: [80], portDefinitions: [{ port: 80, name: 'http' }] },
      'legacy-field-conflict',
      [],
    );
  });
  test('uris with fetch, duplicate ports, mappings in both places, ipAddress with ports', () => {
    assertReports(
      { ...base, uris: ['http://a/x.tgz'], fetch: [{ uri: 'http://a/y.tgz' }] },
      'legacy-field-conflict',
      ['/uris'],
    );
    assertReports({ ...base, uris: [], fetch: [{ uri: 'http://a/y.tgz' }] }, 'legacy-field-conflict', []);
    assertReports({ ...base, ports: [80, 0, 0, 80] }, 'legacy-field-conflict', ['/ports']);
    assertReports(
      docker(
        {},
        {
          portMappings: [{ containerPort: 1 }],
          docker: { image: 'x', portMappings: [{ containerPort: 2 }] },
        },
      ),
      'legacy-field-conflict',
      ['/container'],
    );
    assertReports({ ...base, ipAddress: {}, ports: [80] }, 'legacy-field-conflict', ['/ports']);
  });
  test('port names and fixed ports are unique; port 0 repeats', () => {
    assertReports(
      {
        ...base,
        portDefinitions: [{ port: 0, name: 'a' }, { port: 0, name: 'a' }, { port: 8080 }, { port: 8080 }],
      },
      'port-uniqueness',
      ['/portDefinitions/1/name', '/portDefinitions/3/port'],
    );
    assertReports({ ...base, portDefinitions: [{ port: 0 }, { port: 0 }] }, 'port-uniqueness', []);
  });
  test('fixes: URIs move into fetch (safe), one of two port mapping lists or a repeated port goes, a repeat gets a name or port of its own', () => {
    assertFixAcrossFormats(
      {
        ...base,
        uris: ['http://a/x.tgz', 'http://a/y.tgz'],
        fetch: [{ uri: 'http://a/y.tgz', cache: true }],
      },
      'legacy-field-conflict',
      { ...base, fetch: [{ uri: 'http://a/y.tgz', cache: true }, { uri: 'http://a/x.tgz' }] },
    );
    // As Marathon translates them: only archives are extracted.
    assertFixAcrossFormats(
      { ...base, uris: ['http://a/run.sh'], fetch: [{ uri: 'http://a/y.tgz' }] },
      'legacy-field-conflict',
      { ...base, fetch: [{ uri: 'http://a/y.tgz' }, { uri: 'http://a/run.sh', extract: false }] },
    );
    assert.deepEqual(titlesOf({ ...base, uris: ['u'], fetch: [{ uri: 'v' }] }, 'legacy-field-conflict'), [
      ['moveUris', true],
    ]);
    assertFixAcrossFormats(
      docker(
        {},
        {
          portMappings: [{ containerPort: 1 }],
          docker: { image: 'x', portMappings: [{ containerPort: 2 }] },
        },
      ),
      'legacy-field-conflict',
      docker({}, { portMappings: [{ containerPort: 1 }], docker: { image: 'x' } }),
    );
    assertFixAcrossFormats({ ...base, ports: [80, 0, 80] }, 'legacy-field-conflict', {
      ...base,
      ports: [80, 0],
    });
    assertFixAcrossFormats(
      {
        ...base,
        portDefinitions: [
          { port: 0, name: 'a' },
          { port: 0, name: 'a' },
        ],
      },
      'port-uniqueness',
      {
        ...base,
        portDefinitions: [
          { port: 0, name: 'a' },
          { port: 0, name: 'a-2' },
        ],
      },
    );
    assertFixAcrossFormats(
      { ...base, portDefinitions: [{ port: 8080 }, { port: 8080 }] },
      'port-uniqueness',
      { ...base, portDefinitions: [{ port: 8080 }, { port: 0 }] },
    );
  });
});

describe('port-mapping-networks', () => {
  const nets = [
    { mode: 'container', name: 'a' },
    { mode: 'container', name: 'b' },
  ];
  test('networkNames must name networks; with two container networks a hostPort names one', () => {
    const input = {
      ...base,
      container: {
        type: 'MESOS',
        portMappings: [
          { containerPort: 80, networkNames: ['c'] },
          { containerPort: 81, hostPort: 0 },
        ],
      },
      networks: nets,
    };
    assertReports(input, 'port-mapping-networks', [
      '/container/portMappings/0/networkNames/0',
      '/container/portMappings/1/hostPort',
    ]);
    assertReports(
      {
        ...input,
        container: { type: 'MESOS', portMappings: [{ containerPort: 81, hostPort: 0, networkNames: ['a'] }] },
      },
      'port-mapping-networks',
      [],
    );
  });

  test('fixes: a name of the networks (the closest first), the one network a host port forwards from', () => {
    const app = (portMappings: object[]) => ({
      ...base,
      container: { type: 'MESOS', portMappings },
      networks: nets,
    });
    assertFixAcrossFormats(
      app([{ containerPort: 80, networkNames: ['bb'] }]),
      'port-mapping-networks',
      app([{ containerPort: 80, networkNames: ['b'] }]),
    );
    assert.deepEqual(titlesOf(app([{ containerPort: 80, networkNames: ['bb'] }]), 'port-mapping-networks'), [
      ['rename', false],
      ['rename', false],
    ]);
    assertFixAcrossFormats(
      app([{ containerPort: 81, hostPort: 0 }]),
      'port-mapping-networks',
      app([{ containerPort: 81, hostPort: 0, networkNames: ['a'] }]),
    );
  });
});

describe('container engine rules (GEN-11..GEN-14)', () => {
  test('MESOS docker objects hold only the image', () => {
    const input = {
      ...base,
      container: {
        type: 'MESOS',
        docker: { image: 'x', network: 'BRIDGE', parameters: [{ key: 'a', value: 'b' }] },
      },
    };
    assertReports(input, 'docker-fields-for-engine', [
      '/container/docker/network',
      '/container/docker/parameters',
    ]);
    assertReports(
      { ...base, container: { type: 'MESOS', docker: { image: 'x', parameters: [] } } },
      'docker-fields-for-engine',
      [],
    );
  });

  test('MESOS docker.portMappings move to container.portMappings', () => {
    const input = {
      ...base,
      container: { type: 'MESOS', docker: { image: 'x', portMappings: [{ containerPort: 80 }] } },
    };
    assertFixAcrossFormats(input, 'docker-fields-for-engine', {
      ...base,
      container: { type: 'MESOS', docker: { image: 'x' }, portMappings: [{ containerPort: 80 }] },
    });
  });

  test('credential is rejected for both engines', () => {
    assertReports(
      docker({}, { docker: { image: 'x', credential: { principal: 'p' } } }),
      'docker-fields-for-engine',
      ['/container/docker/credential'],
    );
  });

  test('pullConfig: DOCKER rejected (002), MESOS needs an existing secret and the feature', () => {
    const secrets = { registry: { source: 'web/registry-auth' } };
    const onDocker = docker({ secrets }, { docker: { image: 'x', pullConfig: { secret: 'registry' } } });
    assert.deepEqual(errorsOf(onDocker), ['docker-pull-config /container/docker/pullConfig']);
    assertFixAcrossFormats(
      onDocker,
      'docker-pull-config',
      docker({ secrets }, { type: 'MESOS', docker: { image: 'x', pullConfig: { secret: 'registry' } } }),
    );
    const mesos = (secret: string) => ({
      ...base,
      secrets,
      container: { type: 'MESOS', docker: { image: 'x', pullConfig: { secret } } },
    });
    assertReports(mesos('registry'), 'docker-pull-config', []);
    assertReports(mesos('/web/registry-auth'), 'docker-pull-config', ['/container/docker/pullConfig/secret']);
    assert.deepEqual(JSON.parse(applyFix(mesos('regsitry'), 'docker-pull-config')), mesos('registry'));
    assertReports(mesos('registry'), 'docker-pull-config', ['/container/docker/pullConfig'], {
      settings: noSecrets,
    });
  });

  test('pod image pullConfig names a pod secret', () => {
    const c = (secret: string) => [
      {
        name: 'web',
        resources: { cpus: 0.1, mem: 32 },
        image: { kind: 'DOCKER', id: 'x', pullConfig: { secret } },
      },
    ];
    assertReports(pod({ secrets: { reg: { source: 'a' } } }, c('reg')), 'docker-pull-config', []);
    assertReports(pod({ secrets: { reg: { source: 'a' } } }, c('other')), 'docker-pull-config', [
      '/containers/0/image/pullConfig/secret',
    ]);
  });

  test('an app check in a DOCKER container is an error on "check"; removed by the fix', () => {
    const check = { exec: { command: { shell: 'test -f ready' } }, intervalSeconds: 10 };
    const input = docker({ check });
    const [r] = assertReports(input, 'docker-app-check', ['/check']);
    assert.equal(r.severity, 'error');
    assert.equal(r.text, '"check"');
    assertFixAcrossFormats(input, 'docker-app-check', docker());
    // The Mesos containerizer runs checks, with or without an image, and so does a command app.
    assertReports({ ...base, check, container: { type: 'MESOS' } }, 'docker-app-check', []);
    assertReports(
      { ...base, check, container: { type: 'mesos', docker: { image: 'x' } } },
      'docker-app-check',
      [],
    );
    assertReports({ ...base, check }, 'docker-app-check', []);
    assertNoErrors({ ...base, check });
  });

  test('linuxInfo in a DOCKER container; GPUs', () => {
    assertReports(docker({}, { linuxInfo: {} }), 'docker-linux-info', ['/container/linuxInfo']);
    assertReports({ ...base, container: { type: 'MESOS', linuxInfo: {} } }, 'docker-linux-info', []);
    assertReports(docker({ gpus: 1 }), 'gpu-resources', ['/gpus']);
    assertReports({ ...base, gpus: 1 }, 'gpu-resources', []);
    assertFixAcrossFormats(docker({ gpus: 1 }), 'gpu-resources', {
      ...docker({ gpus: 1 }),
      container: { type: 'MESOS', docker: { image: 'nginx:1.19' } },
    });
    assertFixAcrossFormats(docker({ gpus: 1 }), 'gpu-resources', docker(), { title: 'remove' });
    assertReports({ ...base, gpus: 1 }, 'gpu-resources', ['/gpus'], {
      settings: { cluster: { features: [] } },
    });
  });
});

describe('health and readiness checks', () => {
  test('portIndex beyond the ports (055) is rejected; a check on an existing index is fine (061)', () => {
    const input = {
      ...base,
      portDefinitions: [{ port: 0, name: 'http' }],
      healthChecks: [{ protocol: 'HTTP', path: '/health', portIndex: 1 }],
    };
    assertReports(input, 'health-check-port', ['/healthChecks/0/portIndex']);
    assertFixAcrossFormats(input, 'health-check-port', {
      ...input,
      healthChecks: [{ protocol: 'HTTP', path: '/health', portIndex: 0 }],
    });
    assertReports({ ...input, portDefinitions: [{ port: 0 }, { port: 0 }] }, 'health-check-port', []);
  });

  test('port and portIndex together are rejected; each fix keeps one', () => {
    const input = { ...base, healthChecks: [{ protocol: 'HTTP', port: 8080, portIndex: 0 }] };
    assertReports(input, 'health-check-port', ['/healthChecks/0/port']);
    assert.deepEqual(JSON.parse(applyFix(input, 'health-check-port', { title: 'keepPort' })).healthChecks, [
      { protocol: 'HTTP', port: 8080 },
    ]);
    assert.deepEqual(JSON.parse(applyFix(input, 'health-check-port', { title: 'keepIndex' })).healthChecks, [
      { protocol: 'HTTP', portIndex: 0 },
    ]);
  });

  test('the default port, bridge mappings and the deprecated forms count', () => {
    assertReports({ ...base, healthChecks: [{ protocol: 'HTTP' }] }, 'health-check-port', []);
    assertReports({ ...base, healthChecks: [{ protocol: 'HTTP', portIndex: 1 }] }, 'health-check-port', [
      '/healthChecks/0/portIndex',
    ]);
    assertReports(
      { ...base, portDefinitions: [], healthChecks: [{ protocol: 'TCP' }] },
      'health-check-port',
      ['/healthChecks/0'],
    );
    assertReports(
      { ...base, portDefinitions: [], healthChecks: [{ protocol: 'COMMAND', command: { value: 'true' } }] },
      'health-check-port',
      [],
    );
    const bridge = docker(
      { healthChecks: [{ protocol: 'HTTP', portIndex: 1 }] },
      {
        docker: {
          image: 'x',
          network: 'BRIDGE',
          portMappings: [{ containerPort: 80 }, { containerPort: 81 }],
        },
      },
    );
    assertReports(bridge, 'health-check-port', []);
    assertReports({ ...base, ports: [80], healthChecks: [{ portIndex: 1 }] }, 'health-check-port', [
      '/healthChecks/0/portIndex',
    ]);
  });

  test('IPv6 only for Mesos checks of DOCKER containers (052); one Mesos check at most', () => {
    assertReports(
      docker({ healthChecks: [{ protocol: 'MESOS_HTTP', path: '/', port: 80, ipProtocol: 'IPv6' }] }),
      'health-check-protocol',
      [],
    );
    assertReports(
      { ...base, healthChecks: [{ protocol: 'MESOS_HTTP', ipProtocol: 'IPv6' }] },
      'health-check-protocol',
      ['/healthChecks/0/ipProtocol'],
    );
    assertReports(
      {
        ...base,
        healthChecks: [{ protocol: 'MESOS_HTTP' }, { protocol: 'MESOS_TCP' }, { protocol: 'HTTP' }],
      },
      'health-check-protocol',
      ['/healthChecks'],
    );
  });

  test('fixes: the Mesos checks after the first run from Marathon; an IPv6 check becomes IPv4', () => {
    assertFixAcrossFormats(
      {
        ...base,
        healthChecks: [{ protocol: 'MESOS_HTTP' }, { protocol: 'MESOS_TCP' }, { protocol: 'HTTP' }],
      },
      'health-check-protocol',
      { ...base, healthChecks: [{ protocol: 'MESOS_HTTP' }, { protocol: 'TCP' }, { protocol: 'HTTP' }] },
    );
    assertFixAcrossFormats(
      { ...base, healthChecks: [{ protocol: 'MESOS_HTTP', ipProtocol: 'IPv6' }] },
      'health-check-protocol',
      { ...base, healthChecks: [{ protocol: 'MESOS_HTTP' }] },
    );
  });

  test('readiness checks: one, on a named port, timing out before the interval', () => {
    const input = {
      ...base,
      portDefinitions: [{ port: 0, name: 'http-api' }],
      readinessChecks: [{ path: '/ready' }],
    };
    assertReports(input, 'readiness-check', []);
    assertReports({ ...input, portDefinitions: [{ port: 0, name: 'web' }] }, 'readiness-check', [
      '/readinessChecks/0',
    ]);
    assertReports(
      { ...input, readinessChecks: [{ portName: 'http-api', intervalSeconds: 5 }] },
      'readiness-check',
      ['/readinessChecks/0/intervalSeconds'],
    );
    assertReports({ ...input, readinessChecks: [{}, {}] }, 'readiness-check', ['/readinessChecks/1']);
    const fixed = applyFix({ ...input, readinessChecks: [{ portName: 'htp' }] }, 'readiness-check');
    assert.deepEqual(JSON.parse(fixed).readinessChecks, [{ portName: 'http-api' }]);
  });

  test('readiness fixes: the default portName set to a port of the app, a second check removed, a timeout under the interval', () => {
    const input = {
      ...base,
      portDefinitions: [{ port: 0, name: 'web' }],
      readinessChecks: [{ path: '/ready' }],
    };
    assertFixAcrossFormats(input, 'readiness-check', {
      ...input,
      readinessChecks: [{ portName: 'web', path: '/ready' }],
    });
    const two = {
      ...base,
      portDefinitions: [{ port: 0, name: 'http-api' }],
      readinessChecks: [{ path: '/a' }, { path: '/b' }],
    };
    assertFixAcrossFormats(two, 'readiness-check', { ...two, readinessChecks: [{ path: '/a' }] });
    const slow = { ...two, readinessChecks: [{ intervalSeconds: 5 }] };
    assertFixAcrossFormats(slow, 'readiness-check', {
      ...two,
      readinessChecks: [{ intervalSeconds: 5, timeoutSeconds: 4 }],
    });
  });
});

describe('labels, roles, resources', () => {
  test('the DC/OS migration label needs its companions (001)', () => {
    const app = (labels: object) => ({ ...base, labels });
    assertReports(app({ DCOS_MIGRATION_API_VERSION: 'v1' }), 'dcos-migration-labels', ['/labels']);
    assertReports(
      app({
        DCOS_MIGRATION_API_VERSION: 'v2',
        DCOS_PACKAGE_FRAMEWORK_NAME: 'x',
        DCOS_MIGRATION_API_PATH: '/v1/plan',
      }),
      'dcos-migration-labels',
      ['/labels'],
    );
    assertReports(
      app({
        DCOS_MIGRATION_API_VERSION: 'v1',
        DCOS_PACKAGE_FRAMEWORK_NAME: 'x',
        DCOS_MIGRATION_API_PATH: '/v1/plan',
      }),
      'dcos-migration-labels',
      [],
    );
    assertReports(app({ DCOS_MIGRATION_API_VERSION: '' }), 'dcos-migration-labels', []);
  });

  test('fixes: the companions when the package labels name the framework, or no migration label', () => {
    const app = (labels: object) => ({ ...base, labels });
    assertFixAcrossFormats(app({ DCOS_MIGRATION_API_VERSION: 'v1' }), 'dcos-migration-labels', app({}));
    const named = app({ DCOS_PACKAGE_NAME: 'pyfw', DCOS_MIGRATION_API_VERSION: 'v1' });
    assert.deepEqual(titlesOf(named, 'dcos-migration-labels'), [
      ['add', false],
      ['remove', false],
    ]);
    assertFixAcrossFormats(
      named,
      'dcos-migration-labels',
      app({
        DCOS_PACKAGE_NAME: 'pyfw',
        DCOS_MIGRATION_API_VERSION: 'v1',
        DCOS_PACKAGE_FRAMEWORK_NAME: 'pyfw',
        DCOS_MIGRATION_API_PATH: '/v1/plan',
      }),
      { title: 'add' },
    );
    const v = { DCOS_PACKAGE_FRAMEWORK_NAME: 'x', DCOS_MIGRATION_API_PATH: '/v1/plan' };
    assertFixAcrossFormats(
      app({ DCOS_MIGRATION_API_VERSION: 'V1', ...v }),
      'dcos-migration-labels',
      app({ DCOS_MIGRATION_API_VERSION: 'v1', ...v }),
    );
  });

  test('an empty acceptedResourceRoles (032) is rejected once, and the fix removes it', () => {
    const input = { ...base, acceptedResourceRoles: [] };
    assert.deepEqual(errorsOf(input), ['accepted-resource-roles /acceptedResourceRoles']);
    assertFixAcrossFormats(input, 'accepted-resource-roles', base);
  });

  test('role names', () => {
    assertReports({ ...base, acceptedResourceRoles: ['*', 'slave_public'] }, 'accepted-resource-roles', []);
    assertReports(
      { ...base, acceptedResourceRoles: ['slave public', '-x', '..'] },
      'accepted-resource-roles',
      ['/acceptedResourceRoles/0', '/acceptedResourceRoles/1', '/acceptedResourceRoles/2'],
    );
    assertReports(
      pod({ scheduling: { placement: { acceptedResourceRoles: [] } } }),
      'accepted-resource-roles',
      [],
    );
  });

  test('role name fixes: without blanks or leading dashes, without the role, or without the list', () => {
    assertFixAcrossFormats(
      { ...base, acceptedResourceRoles: ['*', ' slave_public'] },
      'accepted-resource-roles',
      {
        ...base,
        acceptedResourceRoles: ['*', 'slave_public'],
      },
    );
    assertFixAcrossFormats({ ...base, acceptedResourceRoles: ['-db'] }, 'accepted-resource-roles', {
      ...base,
      acceptedResourceRoles: ['db'],
    });
    assertFixAcrossFormats({ ...base, acceptedResourceRoles: ['*', '..'] }, 'accepted-resource-roles', {
      ...base,
      acceptedResourceRoles: ['*'],
    });
    assertFixAcrossFormats({ ...base, acceptedResourceRoles: ['a/b'] }, 'accepted-resource-roles', base);
  });

  test('resource limits are at least the request', () => {
    assertReports({ ...base, resourceLimits: { cpus: 0.05, mem: 'unlimited' } }, 'resource-limits', [
      '/resourceLimits/cpus',
    ]);
    assertReports({ ...base, resourceLimits: { cpus: 0.5, mem: 64 } }, 'resource-limits', []);
    assertReports({ id: '/a', cmd: 'ls', resourceLimits: { cpus: 0.5 } }, 'resource-limits', [
      '/resourceLimits/cpus',
    ]);
    const c = [{ name: 'a', resources: { cpus: 0.1, mem: 128 }, resourceLimits: { mem: 64 } }];
    assertReports(pod({}, c), 'resource-limits', ['/containers/0/resourceLimits/mem']);
    assertReports(pod({ legacySharedCgroups: true }, c), 'resource-limits', ['/containers/0/resourceLimits']);
  });

  test('fixes: a limit raised to the request or unlimited, no limits with legacy cgroups', () => {
    assertFixAcrossFormats({ ...base, resourceLimits: { cpus: 0.05 } }, 'resource-limits', {
      ...base,
      resourceLimits: { cpus: 0.1 },
    });
    assertFixAcrossFormats(
      { ...base, resourceLimits: { cpus: 0.05 } },
      'resource-limits',
      { ...base, resourceLimits: { cpus: 'unlimited' } },
      { title: 'unlimited' },
    );
    const c = [{ name: 'a', resources: { cpus: 0.1, mem: 128 }, resourceLimits: { mem: 64 } }];
    assertFixAcrossFormats(
      pod({ legacySharedCgroups: true }, c),
      'resource-limits',
      pod({ legacySharedCgroups: true }, [{ name: 'a', resources: { cpus: 0.1, mem: 128 } }]),
    );
  });
});

describe('pods (GEN-15, GEN-16)', () => {
  const container = (name: string, extra: object = {}) => ({
    name,
    resources: { cpus: 0.1, mem: 64 },
    ...extra,
  });

  test('duplicate container names (016)', () => {
    assertReports(pod({}, [container('web'), container('web')]), 'pod-container-names', [
      '/containers/1/name',
    ]);
    assertReports(pod({}, [container('web'), container('db')]), 'pod-container-names', []);
  });

  test('a health check timeout not under its interval: swap them, or a timeout just under the interval', () => {
    const hc = (check: object) =>
      pod({}, [
        container('web', {
          exec: { command: { shell: 'run' } },
          healthCheck: { exec: { command: { shell: 'true' } }, ...check },
        }),
      ]);
    assertReports(hc({ timeoutSeconds: 20, intervalSeconds: 2 }), 'pod-health-check', [
      '/containers/0/healthCheck/timeoutSeconds',
    ]);
    assertFixAcrossFormats(
      hc({ timeoutSeconds: 20, intervalSeconds: 2 }),
      'pod-health-check',
      hc({ timeoutSeconds: 2, intervalSeconds: 20 }),
    );
    assertFixAcrossFormats(
      hc({ timeoutSeconds: 20, intervalSeconds: 2 }),
      'pod-health-check',
      hc({ timeoutSeconds: 1, intervalSeconds: 2 }),
      { title: 'timeout' },
    );
    // Only the interval written (the timeout's default, 20, is not under 10): a timeout is added.
    assertFixAcrossFormats(
      hc({ intervalSeconds: 10 }),
      'pod-health-check',
      hc({ intervalSeconds: 10, timeoutSeconds: 9 }),
    );
  });

  test('a duplicate container name becomes the first free <name>-<n>', () => {
    assertFixAcrossFormats(
      pod({}, [container('web'), container('web-2'), container('web')]),
      'pod-container-names',
      pod({}, [container('web'), container('web-2'), container('web-3')]),
    );
    const long = 'a'.repeat(62) + 'b';
    assertFixAcrossFormats(
      pod({}, [container(long), container(long)]),
      'pod-container-names',
      pod({}, [container(long), container('a'.repeat(61) + '-2')]),
    );
  });

  test('container networking needs containerPort (066); host networking forbids it', () => {
    const overlay = pod({ networks: [{ mode: 'container', name: 'dcos' }] }, [
      container('web', { endpoints: [{ name: 'http', hostPort: 8080 }] }),
    ]);
    assert.deepEqual(errorsOf(overlay), ['pod-endpoints /containers/0/endpoints/0']);
    assert.deepEqual(JSON.parse(applyFix(overlay, 'pod-endpoints')).containers[0].endpoints, [
      { name: 'http', containerPort: 8080, hostPort: 8080 },
    ]);
    const host = pod({ networks: [{ mode: 'host' }] }, [
      container('web', { endpoints: [{ name: 'http', containerPort: 80, hostPort: 0 }] }),
    ]);
    assertReports(host, 'pod-endpoints', ['/containers/0/endpoints/0/containerPort']);
    const ok = pod({ networks: [{ mode: 'host' }] }, [
      container('api', { endpoints: [{ name: 'api', hostPort: 0, protocol: ['tcp'] }] }),
      container('metrics', { endpoints: [{ name: 'metrics', hostPort: 0 }] }),
    ]);
    assertNoErrors(ok);
  });

  test('endpoints are unique across containers; reported at the pod containers', () => {
    const input = pod({ networks: [{ mode: 'container/bridge' }] }, [
      container('a', {
        endpoints: [{ name: 'http', containerPort: 80, hostPort: 8080, protocol: ['tcp', 'tcp'] }],
      }),
      container('b', { endpoints: [{ name: 'http', containerPort: 80, hostPort: 8080 }] }),
    ]);
    const got = assertReports(input, 'pod-endpoints', [
      '/containers',
      '/containers',
      '/containers',
      '/containers/0/endpoints/0/protocol/1',
    ]);
    assert.ok(got.some((g) => /container "b"/.test(g.message)));
  });

  test('endpoint fixes: the later endpoint gets a name and container port of its own and a random host port; a repeated protocol goes (safe)', () => {
    const net = { networks: [{ mode: 'container/bridge' }] };
    const a = container('a', { endpoints: [{ name: 'http', containerPort: 80, hostPort: 8080 }] });
    const two = (b: object) => pod(net, [a, container('b', { endpoints: [b] })]);
    assertFixAcrossFormats(
      two({ name: 'http', containerPort: 81 }),
      'pod-endpoints',
      two({ name: 'http-2', containerPort: 81 }),
    );
    assertFixAcrossFormats(
      two({ name: 'web', containerPort: 80 }),
      'pod-endpoints',
      two({ name: 'web', containerPort: 81 }),
    );
    assertFixAcrossFormats(
      two({ name: 'web', containerPort: 81, hostPort: 8080 }),
      'pod-endpoints',
      two({ name: 'web', containerPort: 81, hostPort: 0 }),
    );
    const proto = (protocol: string[]) =>
      pod(net, [container('a', { endpoints: [{ name: 'http', containerPort: 80, protocol }] })]);
    assertFixAcrossFormats(proto(['tcp', 'tcp']), 'pod-endpoints', proto(['tcp']));
  });

  test('pod health checks: one method, an endpoint of the container, timeout below interval', () => {
    const hc = (healthCheck: object) =>
      pod({ networks: [{ mode: 'host' }] }, [
        container('web', { endpoints: [{ name: 'http', hostPort: 0 }], healthCheck }),
      ]);
    assertReports(hc({ http: { endpoint: 'http', path: '/' } }), 'pod-health-check', []);
    assertReports(hc({ http: { endpoint: 'htp' } }), 'pod-health-check', [
      '/containers/0/healthCheck/http/endpoint',
    ]);
    assert.deepEqual(
      JSON.parse(applyFix(hc({ http: { endpoint: 'htp' } }), 'pod-health-check')).containers[0].healthCheck,
      {
        http: { endpoint: 'http' },
      },
    );
    assertReports(hc({}), 'pod-health-check', ['/containers/0/healthCheck']);
    assertFixAcrossFormats(
      hc({ http: { endpoint: 'http' }, tcp: { endpoint: 'http' } }),
      'pod-health-check',
      hc({ http: { endpoint: 'http' } }),
    );
    assertFixAcrossFormats(
      hc({ http: { endpoint: 'http' }, tcp: { endpoint: 'http' } }),
      'pod-health-check',
      hc({ tcp: { endpoint: 'http' } }),
      { index: 1 },
    );
    assertReports(hc({ tcp: { endpoint: 'http' }, intervalSeconds: 2 }), 'pod-health-check', [
      '/containers/0/healthCheck/intervalSeconds',
    ]);
  });

  test('scaling.kind must be exactly "fixed"; the fix sets it', () => {
    for (const scaling of [{ kind: 'FIXED', instances: 2 }, { instances: 2 }]) {
      const input = pod({ scaling });
      assert.deepEqual(errorsOf(input), [`pod-scaling-kind ${scaling.kind ? '/scaling/kind' : '/scaling'}`]);
      assertFixAcrossFormats(input, 'pod-scaling-kind', pod({ scaling: { kind: 'fixed', instances: 2 } }));
    }
    assertReports(pod({ scaling: { kind: 'fixed', instances: 2 } }), 'pod-scaling-kind', []);
  });

  test('an empty pod user', () => {
    assertReports(pod({ user: '' }), 'pod-user', ['/user']);
    assertFixAcrossFormats(pod({ user: '' }), 'pod-user', pod());
    assertReports(pod({ user: 'nobody' }), 'pod-user', []);
  });
});

describe('group documents (GEN-17)', () => {
  test('pods in a group are ignored: a warning at "pods"', () => {
    const input = { id: '/g', pods: [pod({ id: '/g/p' })] };
    const got = assertReports(input, 'group-pods-ignored', ['/pods']);
    assert.equal(got[0].severity, 'warning');
    assertReports({ id: '/g', pods: [] }, 'group-pods-ignored', []);
  });

  test('enforceRole only on top-level groups (028)', () => {
    const input = { id: '/prod', enforceRole: true, groups: [{ id: 'backend', enforceRole: true }] };
    assert.deepEqual(errorsOf(input), ['group-enforce-role /groups/0/enforceRole']);
    assertReports({ id: '/', groups: [{ id: '/prod', enforceRole: true }] }, 'group-enforce-role', []);
    assertReports({ id: '/prod', groups: [{ id: 'backend', enforceRole: false }] }, 'group-enforce-role', []);
    assertFixAcrossFormats(input, 'group-enforce-role', {
      id: '/prod',
      enforceRole: true,
      groups: [{ id: 'backend' }],
    });
  });

  test('apps sit directly in the group that lists them; relative ids resolve against it (053)', () => {
    const ok = {
      id: '/shop',
      apps: [
        { ...base, id: '/shop/frontend' },
        { ...base, id: 'backend' },
      ],
    };
    assertNoErrors(ok);
    const input = {
      id: '/shop',
      apps: [
        { ...base, id: '/other/frontend' },
        { ...base, id: 'sub/backend' },
      ],
    };
    assertReports(input, 'group-app-outside', ['/apps/0/id', '/apps/1/id']);
    assert.deepEqual(JSON.parse(applyFix(input, 'group-app-outside')).apps[0].id, 'frontend');
  });

  test('a version combined with other fields (an export) is rejected', () => {
    const got = assertReports({ id: '/g', version: '2020-01-01T00:00:00.000Z', apps: [] }, 'group-version', [
      '/version',
    ]);
    assert.equal(got[0].severity, 'error');
    assertReports({ id: '/g', apps: [] }, 'group-version', []);
  });
});

describe('no crash on odd input', () => {
  test('every field of the wrong type', () => {
    const odd = [null, 1, 'x', true, [], {}, [null], [1], [{}], { a: null }];
    for (const v of odd) {
      for (const key of [
        'container',
        'networks',
        'portDefinitions',
        'ports',
        'healthChecks',
        'readinessChecks',
        'labels',
        'acceptedResourceRoles',
        'resourceLimits',
        'ipAddress',
        'args',
        'cmd',
        'id',
      ]) {
        lint({ ...base, [key]: v });
        lint({ ...base, container: { type: 'DOCKER', docker: v, portMappings: v } });
      }
      for (const key of ['containers', 'networks', 'scaling', 'scheduling', 'user', 'legacySharedCgroups'])
        lint(pod({ [key]: v }));
      lint({ id: '/g', apps: v, groups: v, pods: v, enforceRole: v, version: v });
    }
  });
});

describe('env-secret-reference', () => {
  const secrets = { db: { source: 'prod/db' } };
  test('a reference to a missing secret key, fixed to an existing one', () => {
    const input = { ...base, secrets, env: { DB: { secret: 'prod/db' } } };
    assertReports(input, 'env-secret-reference', ['/env/DB/secret']);
    assert.deepEqual(JSON.parse(applyFix(input, 'env-secret-reference')).env, { DB: { secret: 'db' } });
    assertReports(
      { ...base, secrets, env: { DB: { secret: 'db' }, PLAIN: 'x' } },
      'env-secret-reference',
      [],
    );
  });
  test('pods: pod and container environments', () => {
    const input = pod({ secrets, environment: { A: { secret: 'nope' } } }, [
      {
        name: 'web',
        resources: { cpus: 0.1, mem: 32 },
        environment: { B: { secret: 'db' }, C: { secret: 'x' } },
      },
    ]);
    assertReports(input, 'env-secret-reference', [
      '/environment/A/secret',
      '/containers/0/environment/C/secret',
    ]);
  });
  test('without the secrets feature: one error at env', () => {
    const input = { ...base, secrets, env: { A: { secret: 'db' }, B: { secret: 'db' } } };
    assertReports(input, 'env-secret-reference', ['/env'], { settings: noSecrets });
  });
});

describe('templates', () => {
  test('fields in alternative mustache sections are not taken to be given together', () => {
    const text =
      '{\n  "id": "/db",\n  "cmd": "./run",\n  "healthChecks": [{\n    "protocol": "TCP",\n    {{#host}}\n    "port": 27017,\n    {{/host}}\n    {{^host}}\n    "portIndex": 0,\n    {{/host}}\n    "gracePeriodSeconds": 300\n  }]\n}\n';
    assert.deepEqual(problemsOf(text, 'health-check-port', { uri: 'file:///x/marathon.json.mustache' }), []);
    const plain =
      '{\n  "id": "/db",\n  "cmd": "./run",\n  "healthChecks": [{"protocol": "TCP", "port": {{port}}, "portIndex": 0}]\n}\n';
    assert.equal(
      problemsOf(plain, 'health-check-port', { uri: 'file:///x/marathon.json.mustache' }).length,
      1,
    );
  });
});

describe('linux-info', () => {
  const mesos = (linuxInfo: object) => ({ ...base, container: { type: 'MESOS', linuxInfo } });
  test('seccomp: a profile and confined, or no profile and unconfined', () => {
    assertReports(mesos({ seccomp: { profileName: 'default.json', unconfined: false } }), 'linux-info', []);
    assertReports(mesos({ seccomp: { unconfined: true } }), 'linux-info', []);
    assertReports(mesos({ seccomp: { profileName: 'default.json', unconfined: true } }), 'linux-info', [
      '/container/linuxInfo/seccomp/unconfined',
    ]);
    assertReports(mesos({ seccomp: { unconfined: false } }), 'linux-info', [
      '/container/linuxInfo/seccomp/unconfined',
    ]);
  });
  test('shmSize only with a private IPC namespace; no seccomp at pod level', () => {
    assertReports(mesos({ ipcInfo: { mode: 'PRIVATE', shmSize: 64 } }), 'linux-info', []);
    assertReports(mesos({ ipcInfo: { mode: 'SHARE_PARENT', shmSize: 64 } }), 'linux-info', [
      '/container/linuxInfo/ipcInfo/shmSize',
    ]);
    assertReports(pod({ linuxInfo: { seccomp: { unconfined: true } } }), 'linux-info', [
      '/linuxInfo/seccomp',
    ]);
    assertReports(pod({ linuxInfo: { ipcInfo: { mode: 'PRIVATE' } } }), 'linux-info', []);
  });

  test('fixes: either seccomp setting gives way; shmSize goes or the namespace is private; a pod seccomp moves to its containers', () => {
    assertFixAcrossFormats(
      mesos({ seccomp: { profileName: 'default.json', unconfined: true } }),
      'linux-info',
      mesos({ seccomp: { profileName: 'default.json', unconfined: false } }),
    );
    assertFixAcrossFormats(
      mesos({ seccomp: { profileName: 'default.json', unconfined: true } }),
      'linux-info',
      mesos({ seccomp: { unconfined: true } }),
      { title: 'remove' },
    );
    assertFixAcrossFormats(
      mesos({ seccomp: { unconfined: false } }),
      'linux-info',
      mesos({ seccomp: { unconfined: true } }),
    );
    assertFixAcrossFormats(
      mesos({ ipcInfo: { mode: 'SHARE_PARENT', shmSize: 64 } }),
      'linux-info',
      mesos({ ipcInfo: { mode: 'SHARE_PARENT' } }),
    );
    assertFixAcrossFormats(
      mesos({ ipcInfo: { mode: 'SHARE_PARENT', shmSize: 64 } }),
      'linux-info',
      mesos({ ipcInfo: { mode: 'PRIVATE', shmSize: 64 } }),
      { title: 'private' },
    );
    const seccomp = { profileName: 'default.json', unconfined: false };
    const p = pod({ linuxInfo: { seccomp } });
    const moved = JSON.parse(applyFix(p, 'linux-info'));
    assert.deepEqual(moved.linuxInfo, {});
    assert.deepEqual(moved.containers[0].linuxInfo, { seccomp });
  });
});

describe('shapes of the real-world corpus', () => {
  test('what is wrong inside a pod of a group document is a warning: /v2/groups drops the pods unread', () => {
    const bad = pod({ id: '/g/Pod_A', scaling: { kind: 'FIXED' } });
    const input = { id: '/g', pods: [bad] };
    const got = found(lint(input)).filter((f) => f.pointer.startsWith('/pods/0'));
    assert.ok(got.length >= 2, JSON.stringify(got.map((g) => g.rule)));
    assert.deepEqual([...new Set(got.map((g) => g.severity))], ['warning']);
    // The same pod on its own (through /v2/pods) is rejected.
    assert.ok(errorsOf(bad).includes('pod-scaling-kind /scaling/kind'));
  });

  test('an explicitly named file with only an id (and group fields) is an empty group, not an app', () => {
    for (const text of ['{"id": "/x/y"}', '{"id": "/prod", "dependencies": ["/db"], "enforceRole": true}']) {
      const doc = parseDocument('file:///w/simple.json', 1, text, settingsOf({}).limits);
      const a = analyze(doc, settingsOf({}), undefined, true);
      assert.equal(a.detection.kind, 'group', text);
      assert.deepEqual(
        a.problems.filter((p) => p.severity === 'error').map((p) => p.rule),
        [],
        text,
      );
    }
    const app = analyze(
      parseDocument('file:///w/a.json', 1, '{"id": "/x", "instances": 2}', settingsOf({}).limits),
      settingsOf({}),
      undefined,
      true,
    );
    assert.equal(app.detection.kind, 'app');
    assert.ok(app.problems.some((p) => p.rule === 'cmd-args-container'));
  });
});
