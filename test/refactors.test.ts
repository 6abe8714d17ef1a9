/**
 * Refactors (code actions of kind refactor.rewrite at the cursor): the exact resulting
 * text in the five layouts of test/formats.ts, their titles (English and Chinese), where
 * they are not offered, that their results carry no error, and that a migration means
 * the same to Marathon.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { refactorActions } from '../server/src/service/codeActions';
import { parseDocument } from '../server/src/service/document';
import { applyEdits, EditBuilder } from '../server/src/service/edits';
import { prop } from '../server/src/service/json';
import { nodeAtPath } from '../server/src/service/analyze';
import type { Locale } from '../server/src/service/l10n';
import { minimalEdit, Plan, planEdit, Raw } from '../server/src/service/refactors/rewrite';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { formatLike, STYLES, strictParse } from './formats';
import { found, lint, settingsOf, type LintOptions } from './helpers';
import { canonical, normalizeDocument } from './marathon-normalize';

type Path = (string | number)[];

/** The refactors offered with the cursor at `offset`, with the text each one gives. */
function refactorsAt(text: string, offset: number, options: LintOptions = {}) {
  const a = lint(text, options);
  const pos = a.doc.lines.positionAt(offset);
  return refactorActions(
    a,
    { start: pos, end: pos },
    settingsOf(options.settings),
    options.locale ?? 'en',
  ).map((action) => ({
    title: action.title,
    text: applyEdits(
      text,
      action.edit!.changes![a.doc.uri].map((e) => ({
        offset: a.doc.lines.offsetAt(e.range.start),
        length: a.doc.lines.offsetAt(e.range.end) - a.doc.lines.offsetAt(e.range.start),
        content: e.newText,
      })),
    ),
  }));
}

/** The offset of the node at `path` (the start of its value). */
function offsetOf(text: string, path: Path): number {
  const doc = parseDocument('file:///x.json', 1, text, DEFAULT_SETTINGS.limits);
  const node = nodeAtPath(doc.tree, path);
  assert.ok(node, `no node at ${JSON.stringify(path)}`);
  return node.offset + (node.type === 'object' || node.type === 'array' ? 1 : 0);
}

function titlesAt(input: unknown, path: Path, options: LintOptions = {}): string[] {
  const text = formatLike(input, STYLES[0]);
  return refactorsAt(text, offsetOf(text, path), options).map((r) => r.title);
}

/** Applies the refactor titled `title` at `path` in every layout; asserts the exact result; returns the title. */
function assertRefactor(
  input: unknown,
  path: Path,
  title: RegExp,
  expected: unknown,
  options: LintOptions & { errorsAllowed?: boolean } = {},
): string {
  let seen = '';
  for (const style of STYLES) {
    const text = formatLike(input, style);
    const offered = refactorsAt(text, offsetOf(text, path), options);
    const pick = offered.find((r) => title.test(r.title));
    assert.ok(
      pick,
      `${style.name}: no refactor ${title} among ${JSON.stringify(offered.map((r) => r.title))}`,
    );
    strictParse(pick.text);
    assert.equal(pick.text, formatLike(expected, style), `${style.name}: ${pick.title}`);
    if (!options.errorsAllowed) {
      const errors = found(lint(pick.text, options)).filter((f) => f.severity === 'error');
      assert.deepEqual(
        errors.map((e) => `${e.rule} ${e.pointer}: ${e.message}`),
        [],
        `${style.name}: errors after ${pick.title}`,
      );
    }
    seen = pick.title;
  }
  return seen;
}

const rexray = { 'dvdi/driver': 'rexray' };

describe('convert-volume: local persistent → external (DVDI, REX-Ray)', () => {
  test('MiB become GiB, and the rest of the app is untouched', () => {
    const title = assertRefactor(
      {
        id: '/db',
        cmd: 'run-db',
        container: {
          type: 'MESOS',
          volumes: [{ containerPath: 'data', mode: 'RW', persistent: { type: 'root', size: 2048 } }],
        },
      },
      ['container', 'volumes', 0],
      /^Convert to an external volume/,
      {
        id: '/db',
        cmd: 'run-db',
        container: {
          type: 'MESOS',
          volumes: [
            {
              containerPath: 'data',
              mode: 'RW',
              external: { size: 2, name: 'db-data', provider: 'dvdi', options: rexray },
            },
          ],
        },
      },
    );
    assert.equal(title, 'Convert to an external volume (DVDI, REX-Ray): 2048 MiB → 2 GiB');
  });

  test('a two-volume workaround becomes one volume at the absolute path; DVDI limits the app', () => {
    const title = assertRefactor(
      {
        id: '/prod/mysql',
        cmd: 'mysqld',
        instances: 2,
        container: {
          type: 'MESOS',
          volumes: [
            { containerPath: 'mysql', mode: 'RW', persistent: { size: 1500 } },
            { containerPath: '/var/lib/mysql', hostPath: 'mysql', mode: 'RW' },
          ],
        },
        residency: { taskLostBehavior: 'WAIT_FOREVER' },
        upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 },
      },
      ['container', 'volumes', 0, 'persistent', 'size'],
      /^Convert to an external volume/,
      {
        id: '/prod/mysql',
        cmd: 'mysqld',
        instances: 1,
        container: {
          type: 'MESOS',
          volumes: [
            {
              containerPath: '/var/lib/mysql',
              mode: 'RW',
              external: { size: 2, name: 'prod-mysql-mysql', provider: 'dvdi', options: rexray },
            },
          ],
        },
        upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
      },
    );
    assert.equal(
      title,
      'Convert to an external volume (DVDI, REX-Ray): 1500 MiB → 2 GiB, rounded up; mounted directly at ' +
        '/var/lib/mysql; instances 2 → 1 (DVDI volumes allow one instance); maximumOverCapacity → 0; residency removed',
    );
  });

  test('a Docker container takes no external size: it is dropped, and the title says so', () => {
    const title = assertRefactor(
      {
        id: '/web',
        container: {
          type: 'DOCKER',
          docker: { image: 'nginx' },
          volumes: [{ containerPath: 'html', mode: 'RW', persistent: { size: 512 } }],
        },
      },
      ['container', 'volumes', 0],
      /^Convert to an external volume/,
      {
        id: '/web',
        container: {
          type: 'DOCKER',
          docker: { image: 'nginx' },
          volumes: [
            {
              containerPath: 'html',
              mode: 'RW',
              external: { name: 'web-html', provider: 'dvdi', options: rexray },
            },
          ],
        },
      },
    );
    assert.match(title, /the size \(512 MiB\) is dropped: Docker containers use the driver default/);
  });

  test('the volume name avoids the external names already used in the document', () => {
    const group = {
      id: '/g',
      apps: [
        {
          id: 'a',
          cmd: 'run',
          container: {
            type: 'MESOS',
            volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1024 } }],
          },
        },
        {
          id: 'b',
          cmd: 'run',
          container: {
            type: 'MESOS',
            volumes: [
              {
                containerPath: 'data',
                mode: 'RW',
                external: { name: 'g-a-data', provider: 'dvdi', options: rexray },
              },
            ],
          },
        },
      ],
    };
    const text = formatLike(group, STYLES[0]);
    const r = refactorsAt(text, offsetOf(text, ['apps', 0, 'container', 'volumes', 0]));
    const converted = JSON.parse(r.find((x) => /^Convert to an external/.test(x.title))!.text);
    assert.equal(converted.apps[0].container.volumes[0].external.name, 'g-a-data-2');
  });
});

describe('convert-volume: external (DVDI) → local persistent', () => {
  test('an absolute path becomes the two-volume workaround; GiB become MiB; the app becomes resident', () => {
    const title = assertRefactor(
      {
        id: '/pg',
        cmd: 'postgres',
        container: {
          type: 'MESOS',
          volumes: [
            {
              containerPath: '/var/lib/postgresql/data',
              mode: 'RW',
              external: { size: 5, name: 'pgdata', provider: 'dvdi', options: rexray },
            },
          ],
        },
        unreachableStrategy: { inactiveAfterSeconds: 60, expungeAfterSeconds: 120 },
        acceptedResourceRoles: ['slave_public'],
        upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 },
      },
      ['container', 'volumes', 0, 'external'],
      /^Convert to a local persistent volume/,
      {
        id: '/pg',
        cmd: 'postgres',
        container: {
          type: 'MESOS',
          volumes: [
            { containerPath: 'data', mode: 'RW', persistent: { type: 'root', size: 5120 } },
            { containerPath: '/var/lib/postgresql/data', hostPath: 'data', mode: 'RW' },
          ],
        },
        unreachableStrategy: 'disabled',
        acceptedResourceRoles: ['*'],
        upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 },
      },
    );
    assert.equal(
      title,
      'Convert to a local persistent volume: 5 GiB → 5120 MiB; /var/lib/postgresql/data through a host volume ' +
        '(two-volume workaround); unreachableStrategy → "disabled"; acceptedResourceRoles → ["*"]',
    );
  });

  test('without a size it takes the REX-Ray default; a read-only Docker mount becomes RW', () => {
    const title = assertRefactor(
      {
        id: '/cache',
        container: {
          type: 'DOCKER',
          docker: { image: 'redis' },
          volumes: [
            {
              containerPath: 'cache',
              mode: 'RO',
              external: { name: 'cache', provider: 'dvdi', options: rexray },
            },
          ],
        },
      },
      ['container', 'volumes', 0],
      /^Convert to a local persistent volume/,
      {
        id: '/cache',
        container: {
          type: 'DOCKER',
          docker: { image: 'redis' },
          volumes: [{ containerPath: 'cache', mode: 'RW', persistent: { type: 'root', size: 16384 } }],
        },
      },
    );
    assert.match(title, /no size given: 16384 MiB, the REX-Ray default of 16 GiB; mode → RW$/);
  });

  test('there and back again gives the same volume', () => {
    const app = {
      id: '/db',
      cmd: 'run',
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: 'data', mode: 'RW', persistent: { type: 'root', size: 3072 } }],
      },
    };
    const text = formatLike(app, STYLES[0]);
    const there = refactorsAt(text, offsetOf(text, ['container', 'volumes', 0])).find((r) =>
      /^Convert to an external/.test(r.title),
    )!.text;
    const back = refactorsAt(there, offsetOf(there, ['container', 'volumes', 0])).find((r) =>
      /^Convert to a local persistent/.test(r.title),
    )!.text;
    assert.equal(back, text);
  });

  test('not offered outside a volume, on host, secret and CSI volumes, or without the external_volumes feature', () => {
    const app = {
      id: '/x',
      cmd: 'run',
      container: {
        type: 'MESOS',
        volumes: [
          { containerPath: '/h', hostPath: '/srv', mode: 'RO' },
          {
            containerPath: 'csi',
            mode: 'RW',
            external: {
              name: 'v',
              provider: 'csi',
              options: {
                pluginName: 'p',
                capability: { accessType: 'mount', accessMode: 'SINGLE_NODE_WRITER', fsType: 'ext4' },
              },
            },
          },
          { containerPath: 'data', mode: 'RW', persistent: { size: 100 } },
        ],
      },
    };
    const convert = (titles: string[]) => titles.filter((t) => t.startsWith('Convert'));
    assert.deepEqual(convert(titlesAt(app, ['id'])), []);
    assert.deepEqual(convert(titlesAt(app, ['container', 'volumes', 0])), []);
    assert.deepEqual(convert(titlesAt(app, ['container', 'volumes', 1])), []);
    assert.equal(convert(titlesAt(app, ['container', 'volumes', 2])).length, 1);
    assert.deepEqual(
      convert(
        titlesAt(app, ['container', 'volumes', 2], { settings: { cluster: { features: ['secrets'] } } }),
      ),
      [],
    );
  });

  test('titles in Chinese', () => {
    const app = {
      id: '/db',
      cmd: 'run',
      container: {
        type: 'MESOS',
        volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1500 } }],
      },
    };
    const [title] = titlesAt(app, ['container', 'volumes', 0], { locale: 'zh-cn' as Locale }).filter((t) =>
      t.startsWith('转换'),
    );
    assert.equal(title, '转换为外部卷（DVDI，REX-Ray）：1500 MiB → 2 GiB（向上取整）');
  });
});

describe('make-stateful', () => {
  const volume = (containerPath = 'data') => ({
    containerPath,
    mode: 'RW',
    persistent: { type: 'root', size: 1024 },
  });

  test('a command-only app gets a MESOS container with a local persistent volume', () => {
    const title = assertRefactor(
      { id: '/worker', cmd: 'run-worker', cpus: 0.5 },
      ['cpus'],
      /^Make this app stateful/,
      { id: '/worker', cmd: 'run-worker', cpus: 0.5, container: { type: 'MESOS', volumes: [volume()] } },
    );
    assert.equal(
      title,
      'Make this app stateful: add a local persistent volume "data" (1024 MiB); in a new MESOS container',
    );
  });

  test('an existing container gets the volume; the residency settings follow; the path avoids used ones', () => {
    const title = assertRefactor(
      {
        id: '/web',
        container: {
          type: 'DOCKER',
          docker: { image: 'nginx' },
          volumes: [{ containerPath: 'data', hostPath: '/srv/data', mode: 'RO' }],
        },
        unreachableStrategy: { inactiveAfterSeconds: 0, expungeAfterSeconds: 0 },
        upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
      },
      ['id'],
      /^Make this app stateful/,
      {
        id: '/web',
        container: {
          type: 'DOCKER',
          docker: { image: 'nginx' },
          volumes: [{ containerPath: 'data', hostPath: '/srv/data', mode: 'RO' }, volume('data-2')],
        },
        unreachableStrategy: 'disabled',
        upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 },
      },
    );
    assert.equal(
      title,
      'Make this app stateful: add a local persistent volume "data-2" (1024 MiB); unreachableStrategy → "disabled"; ' +
        'maximumOverCapacity → 0',
    );
  });

  test('an empty volume list is filled; a container without volumes gets the list', () => {
    assertRefactor(
      { id: '/a', cmd: 'run', container: { type: 'MESOS', volumes: [] } },
      ['cmd'],
      /^Make this app stateful/,
      { id: '/a', cmd: 'run', container: { type: 'MESOS', volumes: [volume()] } },
    );
    assertRefactor(
      { id: '/a', container: { type: 'DOCKER', docker: { image: 'x' } } },
      ['id'],
      /^Make this app stateful/,
      { id: '/a', container: { type: 'DOCKER', docker: { image: 'x' }, volumes: [volume()] } },
    );
  });

  test('not offered on an app that is already stateful, or outside any app', () => {
    const resident = {
      id: '/db',
      cmd: 'run',
      container: { type: 'MESOS', volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 1 } }] },
    };
    assert.deepEqual(
      titlesAt(resident, ['id']).filter((t) => t.startsWith('Make')),
      [],
    );
    const pod = { id: '/p', containers: [{ name: 'c', resources: { cpus: 1, mem: 64 } }] };
    assert.deepEqual(titlesAt(pod, ['id']), []);
  });
});

describe('migrate-deprecated', () => {
  /** The migration of `input` at `path`, exact in every layout, meaning the same to Marathon. */
  function assertMigration(
    input: unknown,
    expected: unknown,
    path: Path = ['id'],
    title = /^Migrate /,
  ): string {
    const t = assertRefactor(input, path, title, expected);
    assert.equal(
      canonical(normalizeDocument(expected)),
      canonical(normalizeDocument(input)),
      'the meaning changed',
    );
    return t;
  }

  test('BRIDGE: container/bridge networking, the Docker port mappings move to the container', () => {
    const title = assertMigration(
      {
        id: '/web',
        container: {
          type: 'DOCKER',
          docker: {
            image: 'nginx',
            network: 'BRIDGE',
            portMappings: [{ containerPort: 80, hostPort: 0, name: 'http' }],
          },
        },
        instances: 1,
      },
      {
        id: '/web',
        container: {
          type: 'DOCKER',
          docker: { image: 'nginx' },
          portMappings: [{ containerPort: 80, hostPort: 0, name: 'http' }],
        },
        networks: [{ mode: 'container/bridge' }],
        instances: 1,
      },
    );
    assert.equal(
      title,
      'Migrate this app to the current Marathon format (container.docker.network, container.docker.portMappings)',
    );
  });

  test('HOST with ports: host networking, one port definition per port (0 stays a dynamic port)', () => {
    assertMigration(
      {
        id: '/api',
        cmd: 'serve',
        ports: [0, 0],
        requirePorts: false,
        container: { type: 'DOCKER', docker: { image: 'api', network: 'HOST' } },
      },
      {
        id: '/api',
        cmd: 'serve',
        portDefinitions: [{ port: 0 }, { port: 0 }],
        requirePorts: false,
        container: { type: 'DOCKER', docker: { image: 'api' } },
        networks: [{ mode: 'host' }],
      },
    );
  });

  test('requirePorts: fixed ports stay the host ports they were', () => {
    assertMigration(
      { id: '/lb', cmd: 'haproxy', ports: [80, 443], requirePorts: true },
      { id: '/lb', cmd: 'haproxy', portDefinitions: [{ port: 80 }, { port: 443 }], requirePorts: true },
    );
  });

  test('USER with ipAddress: a container network with the ipAddress name and labels', () => {
    assertMigration(
      {
        id: '/svc',
        container: { type: 'DOCKER', docker: { image: 'svc', network: 'USER' } },
        ipAddress: { networkName: 'dcos', labels: { team: 'db' } },
      },
      {
        id: '/svc',
        container: { type: 'DOCKER', docker: { image: 'svc' } },
        networks: [{ mode: 'container', name: 'dcos', labels: { team: 'db' } }],
      },
    );
  });

  test('an ipAddress alone: the container network, its discovery ports as port mappings, a MESOS container', () => {
    assertMigration(
      {
        id: '/svc',
        cmd: 'run',
        ipAddress: {
          networkName: 'dcos',
          discovery: { ports: [{ number: 8080, name: 'http', protocol: 'tcp' }] },
        },
      },
      {
        id: '/svc',
        cmd: 'run',
        networks: [{ mode: 'container', name: 'dcos' }],
        container: { type: 'MESOS', portMappings: [{ containerPort: 8080, name: 'http', protocol: 'tcp' }] },
      },
    );
  });

  test('ports with container networking become the extra port mappings Marathon adds', () => {
    const title = assertMigration(
      {
        id: '/b',
        ports: [0, 0, 0],
        container: {
          type: 'DOCKER',
          docker: { image: 'b', network: 'BRIDGE', portMappings: [{ containerPort: 8080 }] },
        },
      },
      {
        id: '/b',
        container: {
          type: 'DOCKER',
          docker: { image: 'b' },
          portMappings: [
            { containerPort: 8080 },
            { containerPort: 0, hostPort: 0 },
            { containerPort: 0, hostPort: 0 },
          ],
        },
        networks: [{ mode: 'container/bridge' }],
      },
    );
    assert.match(title, /; ports become 3 port mappings, as Marathon adds them$/);
  });

  test('uris: fetch, extracting archives only; residency and storeUrls go', () => {
    assertMigration(
      {
        id: '/job',
        cmd: './run.sh',
        uris: ['https://example.com/app.tgz', 'https://example.com/run.sh'],
        storeUrls: ['https://example.com/store'],
        container: {
          type: 'MESOS',
          volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 64 } }],
        },
        residency: { relaunchEscalationTimeoutSeconds: 3600, taskLostBehavior: 'WAIT_FOREVER' },
      },
      {
        id: '/job',
        cmd: './run.sh',
        fetch: [
          { uri: 'https://example.com/app.tgz' },
          { uri: 'https://example.com/run.sh', extract: false },
        ],
        container: {
          type: 'MESOS',
          volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 64 } }],
        },
      },
    );
  });

  test('residency without a local persistent volume: the title says the resident checks no longer apply', () => {
    const title = assertMigration({ id: '/a', cmd: 'run', residency: {} }, { id: '/a', cmd: 'run' });
    assert.equal(
      title,
      'Migrate this app to the current Marathon format (residency); residency only imposed the resident-app checks ' +
        'on this app without local persistent volumes: they no longer apply',
    );
  });

  test('null deprecated fields are absent to Marathon: they are removed', () => {
    assertMigration(
      { id: '/n', cmd: 'run', ipAddress: null, ports: null, uris: null, residency: null },
      { id: '/n', cmd: 'run' },
    );
  });

  test('what Marathon rejects instead of translating is left alone', () => {
    // docker.network together with networks (GEN-10), NONE, uris together with fetch.
    const mixed = {
      id: '/m',
      container: { type: 'DOCKER', docker: { image: 'm', network: 'BRIDGE' } },
      networks: [{ mode: 'container/bridge' }],
      uris: ['https://x/a.tgz'],
      fetch: [{ uri: 'https://x/b.tgz' }],
    };
    assert.deepEqual(
      titlesAt(mixed, ['id']).filter((t) => t.startsWith('Migrate')),
      [],
    );
    const none = {
      id: '/n',
      container: { type: 'DOCKER', docker: { image: 'n', network: 'NONE' } },
      residency: {},
    };
    assertRefactor(
      none,
      ['id'],
      /^Migrate /,
      { id: '/n', container: { type: 'DOCKER', docker: { image: 'n', network: 'NONE' } } },
      {
        errorsAllowed: true,
      },
    );
  });

  test('a group: one action for every app, and one for the app at the cursor', () => {
    const group = {
      id: '/g',
      apps: [
        { id: 'a', cmd: 'run', ports: [0] },
        { id: 'b', cmd: 'run', uris: ['https://x/b.zip'] },
      ],
    };
    const migrations = (titles: string[]) => titles.filter((t) => t.startsWith('Migrate'));
    assert.deepEqual(migrations(titlesAt(group, ['id'])), [
      'Migrate the 2 apps of this document to the current Marathon format',
    ]);
    assert.deepEqual(migrations(titlesAt(group, ['apps', 1, 'cmd'])), [
      'Migrate this app to the current Marathon format (uris)',
      'Migrate the 2 apps of this document to the current Marathon format',
    ]);
    assertMigration(
      group,
      {
        id: '/g',
        apps: [
          { id: 'a', cmd: 'run', portDefinitions: [{ port: 0 }] },
          { id: 'b', cmd: 'run', fetch: [{ uri: 'https://x/b.zip' }] },
        ],
      },
      ['id'],
      /^Migrate the 2 apps/,
    );
  });

  test('a template keeps its placeholders; what a section decides is left alone', () => {
    const uri = 'file:///ws/marathon.json.mustache';
    const lines = [
      '{',
      '  "id": "{{service.name}}",',
      '  "cpus": {{service.cpus}},',
      '  "ports": [{{service.port}}],',
      '  "container": {',
      '    "type": "DOCKER",',
      '    "docker": {',
      '      "image": "{{service.image}}",',
      '      "network": "HOST",',
      '      "forcePullImage": true',
      '    }',
      '  }',
      '}',
      '',
    ];
    const text = lines.join('\n');
    const migrations = refactorsAt(text, offsetOf(text, ['id']), { uri }).filter((r) =>
      r.title.startsWith('Migrate'),
    );
    assert.deepEqual(
      migrations.map((m) => m.title),
      ['Migrate this app to the current Marathon format (container.docker.network, ports)'],
    );
    assert.equal(
      migrations[0].text,
      [
        '{',
        '  "id": "{{service.name}}",',
        '  "cpus": {{service.cpus}},',
        '  "portDefinitions": [',
        '    {',
        '      "port": {{service.port}}',
        '    }',
        '  ],',
        '  "container": {',
        '    "type": "DOCKER",',
        '    "docker": {',
        '      "image": "{{service.image}}",',
        '      "forcePullImage": true',
        '    }',
        '  },',
        '  "networks": [',
        '    {',
        '      "mode": "host"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    // The network only exists when the section is rendered: neither it nor the ports it governs can move.
    const conditional = text.replace(
      '      "network": "HOST",\n',
      '      {{#service.bridge}}\n      "network": "BRIDGE",\n      {{/service.bridge}}\n',
    );
    assert.deepEqual(
      refactorsAt(conditional, offsetOf(conditional, ['id']), { uri }).filter((r) =>
        r.title.startsWith('Migrate'),
      ),
      [],
    );
  });

  test('titles in Chinese', () => {
    assert.deepEqual(titlesAt({ id: '/a', cmd: 'run', ports: [0] }, ['id'], { locale: 'zh-cn' as Locale }), [
      '将此应用改为有状态：添加本地持久卷 "data"（1024 MiB）；放在新建的 MESOS 容器中',
      '将此应用迁移到当前的 Marathon 格式（ports）',
    ]);
  });
});

describe('Plan: one edit for several changes to one container', () => {
  const before = { a: 1, b: [1, 2], c: { d: true }, e: 'x' };
  for (const style of STYLES)
    test(`remove neighbours, rename, replace, insert where removed, nested (${style.name})`, () => {
      const text = formatLike(before, style);
      const doc = parseDocument('file:///x.json', 1, text, DEFAULT_SETTINGS.limits);
      const edit = new EditBuilder(doc);
      const plan = new Plan(doc.tree!);
      plan.remove('a').remove('b').rename('e', 'f', ['y']);
      plan.insert({ n: 1 }, { key: 'new', after: 'a' });
      plan
        .child('c')!
        .set('d', false)
        .insert(new Raw(prop(doc.tree, 'b')!), { key: 'moved' });
      const out = applyEdits(text, [planEdit(plan, edit)!]);
      assert.equal(out, formatLike({ new: { n: 1 }, c: { d: false, moved: [1, 2] }, f: ['y'] }, style));
    });

  test('a container broken by a syntax error is not laid out again', () => {
    const text = '{"a": 1, "b": 2,, "c": 3}';
    const doc = parseDocument('file:///x.json', 1, text, DEFAULT_SETTINGS.limits);
    const plan = new Plan(doc.tree!).remove('a');
    assert.equal(planEdit(plan, new EditBuilder(doc), [], doc.syntaxErrors), undefined);
  });

  test('the edit is trimmed to what changes', () => {
    assert.deepEqual(minimalEdit('{"a": 1, "b": 2}', '{"a": 1, "b": 3}', 10), {
      offset: 24,
      length: 1,
      content: '3',
    });
    assert.equal(minimalEdit('x', 'x'), undefined);
  });

  test('values copied from the document keep their text', () => {
    const text = '{"a": [1.50, 2e3], "b": {}}';
    const doc = parseDocument('file:///x.json', 1, text, DEFAULT_SETTINGS.limits);
    const plan = new Plan(doc.tree!);
    plan.child('b')!.insert(new Raw(prop(doc.tree, 'a')!), { key: 'a' });
    plan.remove('a');
    const out = applyEdits(text, [planEdit(plan, new EditBuilder(doc))!]);
    assert.equal(out, '{"b": { "a": [1.50, 2e3] }}');
    assert.deepEqual(JSON.parse(out), { b: { a: [1.5, 2000] } });
  });
});
