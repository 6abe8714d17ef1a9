/**
 * Tests for the bundled JSON schemas (`schemas/*.schema.json`).
 *
 * The schemas are checked the way the language server uses them: ajv 8, draft-07, every file added under its
 * relative `$id`, one validator per kind. Enum errors whose value matches an allowed value ignoring case are
 * dropped unless the schema says `x-caseSensitive` (Marathon lower-cases enum input before matching).
 *
 * The conformance cases, seeds and real-world corpus live outside the repository (`../shared`, or
 * `$MARATHON_SHARED_DIR`); the tests that need them are skipped when that directory is missing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

type Json = any;
type Kind = 'app' | 'pod' | 'group';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCHEMA_DIR = path.join(ROOT, 'schemas');
const SHARED = process.env.MARATHON_SHARED_DIR ?? path.resolve(ROOT, '..', 'shared');
const HAVE_SHARED = fs.existsSync(path.join(SHARED, 'conformance', 'cases.json'));
const SKIP_SHARED = HAVE_SHARED ? false : `shared test data not found at ${SHARED}`;

const SCHEMA_IDS = ['common.schema.json', 'app.schema.json', 'pod.schema.json', 'group.schema.json'];

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const SCHEMAS: Record<string, Json> = Object.fromEntries(
  SCHEMA_IDS.map((id) => [id, readJson(path.join(SCHEMA_DIR, id))]),
);

/** `verbose` gives `data` and `parentSchema` on errors, as in the server's validator. */
function makeAjv(opts: { deprecations?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  if (opts.deprecations) {
    // The server reports a deprecation wherever a schema carrying `deprecationMessage` applies to the data.
    ajv.addKeyword({
      keyword: 'deprecationMessage',
      schemaType: 'string',
      validate: () => false,
      errors: false,
    });
  }
  for (const id of SCHEMA_IDS) ajv.addSchema(SCHEMAS[id]);
  return ajv;
}

const ajv = makeAjv();

function schemaFor(ref: string): ValidateFunction {
  const fn = ajv.getSchema(ref);
  assert.ok(fn, `schema ${ref} not found`);
  return fn;
}

const VALIDATORS: Record<Kind, ValidateFunction> = {
  app: schemaFor('app.schema.json'),
  pod: schemaFor('pod.schema.json'),
  group: schemaFor('group.schema.json'),
};

/** Marathon matches enum values case-insensitively (P2) unless the schema says otherwise. */
function isCaseVariant(e: ErrorObject): boolean {
  if (e.keyword !== 'enum' && e.keyword !== 'const') return false;
  const schema = e.parentSchema as Json;
  if (!schema || schema['x-caseSensitive'] || typeof e.data !== 'string') return false;
  const allowed: unknown[] = e.keyword === 'const' ? [schema.const] : (schema.enum ?? []);
  const lower = e.data.toLowerCase();
  return allowed.some((a) => typeof a === 'string' && a.toLowerCase() === lower);
}

/** Errors as the product would report them: no if/allOf wrappers, no case-only enum mismatches. */
function relevant(errors: ErrorObject[] | null | undefined): ErrorObject[] {
  return (errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf' && !isCaseVariant(e));
}

function check(fn: ValidateFunction, doc: Json): ErrorObject[] {
  fn(doc);
  return relevant(fn.errors);
}

function validate(kind: Kind, doc: Json): ErrorObject[] {
  return check(VALIDATORS[kind], doc);
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`).join('\n');
}

function unknownKey(e: ErrorObject): string {
  return `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`;
}

/** Visits every schema object; `key` is the property name under which it sits in its parent. */
function walk(node: Json, visit: (n: Json, where: string, key: string) => void, where = '', key = ''): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => walk(n, visit, `${where}/${i}`, key));
    return;
  }
  if (!node || typeof node !== 'object') return;
  visit(node, where, key);
  for (const [k, v] of Object.entries(node)) {
    // `default` and `examples` hold instance data, not schemas.
    if (k === 'default' || k === 'examples' || k === 'const' || k === 'enum') continue;
    walk(v, visit, `${where}/${k}`, k);
  }
}

// ---------------------------------------------------------------------------------------------------------------

describe('schema files', () => {
  test('every file is valid draft-07 with the expected relative $id', () => {
    for (const id of SCHEMA_IDS) {
      const schema = SCHEMAS[id];
      assert.equal(schema.$id, id);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.equal(ajv.validateSchema(schema), true, `${id}: ${ajv.errorsText(ajv.errors)}`);
    }
  });

  test('app, pod, group and GroupShell compile', () => {
    for (const ref of [
      'app.schema.json',
      'pod.schema.json',
      'group.schema.json',
      'group.schema.json#/definitions/GroupShell',
      'app.schema.json#/definitions/AppVolume',
      'pod.schema.json#/definitions/PodVolume',
    ]) {
      assert.equal(typeof schemaFor(ref), 'function');
    }
  });

  test('no oneOf/anyOf; every object type with properties sets additionalProperties', () => {
    for (const id of SCHEMA_IDS) {
      walk(SCHEMAS[id], (node, where, key) => {
        assert.ok(!('oneOf' in node) && !('anyOf' in node), `${id}${where}: oneOf/anyOf is not allowed`);
        // `if` conditions are partial shapes used to pick a branch, not types.
        if (key === 'if' || where.includes('/if/')) return;
        if (node.type === 'object' && node.properties) {
          // Closed types say `false`; map-like objects with well-known keys give the value schema instead.
          const ap = node.additionalProperties;
          assert.ok(
            ap === false || (ap && typeof ap === 'object'),
            `${id}${where}: additionalProperties must be set`,
          );
        }
      });
    }
  });

  test('every description has a Simplified Chinese counterpart, every deprecation both messages', () => {
    let described = 0;
    for (const id of SCHEMA_IDS) {
      walk(SCHEMAS[id], (node, where) => {
        if (typeof node.description === 'string') {
          described++;
          assert.equal(
            typeof node['x-description-zh-cn'],
            'string',
            `${id}${where}: x-description-zh-cn missing`,
          );
          assert.match(
            node['x-description-zh-cn'],
            /[\u4e00-\u9fff]/,
            `${id}${where}: zh description is not Chinese`,
          );
        }
        if (node.deprecated) {
          assert.equal(typeof node.deprecationMessage, 'string', `${id}${where}: deprecationMessage missing`);
          assert.equal(
            typeof node['x-deprecationMessage-zh-cn'],
            'string',
            `${id}${where}: zh deprecation missing`,
          );
        }
      });
    }
    assert.ok(described > 200, `only ${described} descriptions`);
  });

  test('every property of a closed object has a description', () => {
    for (const id of SCHEMA_IDS) {
      walk(SCHEMAS[id], (node, where, key) => {
        if (key === 'if' || where.includes('/if/') || !node.properties || node.additionalProperties !== false)
          return;
        for (const [name, prop] of Object.entries<Json>(node.properties)) {
          assert.equal(
            typeof prop.description,
            'string',
            `${id}${where}/properties/${name}: description missing`,
          );
        }
      });
    }
  });

  test('GroupShell types apps, pods and groups as plain object arrays', () => {
    const shell = SCHEMAS['group.schema.json'].definitions.GroupShell;
    for (const key of ['apps', 'pods', 'groups']) {
      assert.equal(shell.properties[key].type, 'array');
      assert.deepEqual(shell.properties[key].items, { type: 'object' });
    }
    const errors = check(schemaFor('group.schema.json#/definitions/GroupShell'), {
      id: '/g',
      apps: [{ id: 'ANY THING', instances: 'x' }],
      pods: ['not an object'],
    });
    assert.deepEqual(
      errors.map((e) => `${e.instancePath} ${e.keyword}`),
      ['/pods/0 type'],
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('hand-written documents', () => {
  const app = (extra: Json): Json => ({ id: '/test/app', cmd: 'sleep 100', ...extra });
  const mesos = (volumes: Json[]): Json => app({ container: { type: 'MESOS', volumes } });
  const pod = (extra: Json): Json => ({
    id: '/test/pod',
    containers: [{ name: 'main', resources: { cpus: 0.1, mem: 32 } }],
    ...extra,
  });

  interface Case {
    name: string;
    kind: Kind;
    doc: Json;
    /** `instancePath keyword` (plus `:param` for required/additionalProperties) that must be reported. */
    expect: string[];
    /** When true, nothing but `expect` may be reported. */
    exact?: boolean;
  }

  const key = (e: ErrorObject): string => {
    const p = e.params as Record<string, unknown>;
    const detail = p.missingProperty ?? p.additionalProperty;
    return `${e.instancePath} ${e.keyword}${detail !== undefined ? `:${detail}` : ''}`;
  };

  const cases: Case[] = [
    {
      name: 'instances as a string',
      kind: 'app',
      doc: app({ instances: '2' }),
      expect: ['/instances type'],
      exact: true,
    },
    {
      name: 'negative instances',
      kind: 'app',
      doc: app({ instances: -1 }),
      expect: ['/instances minimum'],
      exact: true,
    },
    { name: 'cpus below 0.001', kind: 'app', doc: app({ cpus: 0 }), expect: ['/cpus minimum'], exact: true },
    {
      name: 'persistent.size as a string',
      kind: 'app',
      doc: mesos([{ containerPath: 'data', mode: 'RW', persistent: { size: '10' } }]),
      expect: ['/container/volumes/0/persistent/size type'],
      exact: true,
    },
    {
      name: 'persistent.size not an integer',
      kind: 'app',
      doc: mesos([{ containerPath: 'data', mode: 'RW', persistent: { size: 10.5 } }]),
      expect: ['/container/volumes/0/persistent/size type'],
      exact: true,
    },
    {
      name: 'missing mode on a persistent volume is reported in the persistent branch only',
      kind: 'app',
      doc: mesos([{ containerPath: 'data', persistent: { size: 1024 } }]),
      expect: ['/container/volumes/0 required:mode'],
      exact: true,
    },
    {
      name: 'missing persistent.size',
      kind: 'app',
      doc: mesos([{ containerPath: 'data', mode: 'RW', persistent: { type: 'root' } }]),
      expect: ['/container/volumes/0/persistent required:size'],
      exact: true,
    },
    {
      name: 'bad persistent.type (enum, case-insensitive otherwise)',
      kind: 'app',
      doc: mesos([
        { containerPath: 'a', mode: 'rw', persistent: { size: 1, type: 'ROOT' } },
        { containerPath: 'b', mode: 'RW', persistent: { size: 1, type: 'ssd' } },
      ]),
      expect: ['/container/volumes/1/persistent/type enum'],
      exact: true,
    },
    {
      name: 'misspelled persistent falls through to the host kind and is an unknown key',
      kind: 'app',
      doc: mesos([{ containerPath: 'data', mode: 'RW', persistant: { size: 10 } }]),
      expect: [
        '/container/volumes/0 required:hostPath',
        '/container/volumes/0 additionalProperties:persistant',
      ],
      exact: true,
    },
    {
      // Marathon reads volume-constraint operators as plain strings: the persistent-constraint
      // rule checks them (case-sensitively), the schema only their type.
      name: 'volume constraint operator is a plain string for the schema',
      kind: 'app',
      doc: mesos([
        {
          containerPath: 'd',
          mode: 'RW',
          persistent: {
            size: 1,
            type: 'path',
            constraints: [
              ['path', 'like', '/mnt/.*'],
              ['path', 1, 'x'],
            ],
          },
        },
      ]),
      expect: ['/container/volumes/0/persistent/constraints/1/1 type'],
      exact: true,
    },
    {
      name: 'external.shared given as a string',
      kind: 'app',
      doc: mesos([
        {
          containerPath: 'data',
          mode: 'RW',
          external: { name: 'v', provider: 'dvdi', shared: 'true', options: { 'dvdi/driver': 'rexray' } },
        },
      ]),
      expect: ['/container/volumes/0/external/shared type'],
      exact: true,
    },
    {
      name: 'external.size in GiB must be an integer, DVDI option values strings',
      kind: 'app',
      doc: mesos([
        {
          containerPath: 'data',
          mode: 'RW',
          external: {
            name: 'v',
            provider: 'dvdi',
            size: 1.5,
            options: { 'dvdi/driver': 'rexray', 'dvdi/iops': 100 },
          },
        },
      ]),
      expect: [
        '/container/volumes/0/external/size type',
        '/container/volumes/0/external/options/dvdi~1iops type',
      ],
      exact: true,
    },
    {
      name: 'CSI volume selected by provider: capability required, access mode case-sensitive',
      kind: 'app',
      doc: mesos([
        {
          containerPath: '/a',
          mode: 'RW',
          external: { name: 'a', provider: 'csi', options: { pluginName: 'p' } },
        },
        {
          containerPath: '/b',
          mode: 'RW',
          external: {
            name: 'b',
            provider: 'csi',
            options: {
              pluginName: 'p',
              capability: { accessType: 'MOUNT', accessMode: 'single_node_writer' },
            },
          },
        },
      ]),
      expect: [
        '/container/volumes/0/external/options required:capability',
        '/container/volumes/1/external/options/capability/accessType enum',
        '/container/volumes/1/external/options/capability/accessMode enum',
      ],
      exact: true,
    },
    {
      name: 'CSI volume selected by options.capability even with another provider',
      kind: 'app',
      doc: mesos([
        {
          containerPath: '/a',
          mode: 'RW',
          external: {
            name: 'a',
            provider: 'dvdi',
            options: {
              pluginName: 'p',
              capability: { accessType: 'block', accessMode: 'SINGLE_NODE_WRITER' },
            },
          },
        },
      ]),
      expect: ['/container/volumes/0/external/provider enum'],
      exact: true,
    },
    {
      name: 'secret and host volume strings must not be empty',
      kind: 'app',
      doc: mesos([
        { containerPath: '/run/s', secret: '' },
        { containerPath: '/x', hostPath: '', mode: 'RO' },
      ]),
      expect: ['/container/volumes/0/secret minLength', '/container/volumes/1/hostPath minLength'],
      exact: true,
    },
    {
      name: 'docker image must not be empty; deprecated network values are an enum',
      kind: 'app',
      doc: app({ container: { type: 'DOCKER', docker: { image: '', network: 'OVERLAY' } } }),
      expect: ['/container/docker/image minLength', '/container/docker/network enum'],
      exact: true,
    },
    {
      name: 'upgradeStrategy needs both fields within 0..1',
      kind: 'app',
      doc: app({ upgradeStrategy: { minimumHealthCapacity: 1.5 } }),
      expect: [
        '/upgradeStrategy required:maximumOverCapacity',
        '/upgradeStrategy/minimumHealthCapacity maximum',
      ],
      exact: true,
    },
    {
      name: 'top-level minimumHealthCapacity is an unknown key',
      kind: 'app',
      doc: app({ minimumHealthCapacity: 0, maximumOverCapacity: 0 }),
      expect: [' additionalProperties:minimumHealthCapacity', ' additionalProperties:maximumOverCapacity'],
      exact: true,
    },
    {
      name: 'unreachableStrategy: any string parses, numbers do not, object fields >= 0',
      kind: 'app',
      doc: app({ unreachableStrategy: { inactiveAfterSeconds: -1 } }),
      expect: ['/unreachableStrategy/inactiveAfterSeconds minimum'],
      exact: true,
    },
    {
      name: 'unreachableStrategy "foo" parses',
      kind: 'app',
      doc: app({ unreachableStrategy: 'foo' }),
      expect: [],
      exact: true,
    },
    {
      name: 'unreachableStrategy as a number',
      kind: 'app',
      doc: app({ unreachableStrategy: 5 }),
      expect: ['/unreachableStrategy type'],
      exact: true,
    },
    {
      name: 'app constraint operators are upper case',
      kind: 'app',
      doc: app({
        constraints: [
          ['hostname', 'unique'],
          ['hostname', 'MAX_PER', '2'],
        ],
      }),
      expect: ['/constraints/0/1 enum'],
      exact: true,
    },
    {
      name: 'env values are strings or secret references',
      kind: 'app',
      doc: app({ env: { A: 1, B: { secret: 'x' }, C: { source: 'x' } } }),
      expect: ['/env/A type', '/env/C required:secret', '/env/C additionalProperties:source'],
      exact: true,
    },
    {
      name: 'resourceLimits: number or exactly "unlimited"',
      kind: 'app',
      doc: app({ resourceLimits: { cpus: 'UNLIMITED', mem: -1 } }),
      expect: ['/resourceLimits/cpus enum', '/resourceLimits/mem minimum'],
      exact: true,
    },
    {
      name: 'resourceLimits accepts "unlimited" and numbers',
      kind: 'app',
      doc: app({ resourceLimits: { cpus: 'unlimited', mem: 512 } }),
      expect: [],
      exact: true,
    },
    {
      name: 'secret source must not be empty',
      kind: 'app',
      doc: app({ secrets: { s: { source: '' } } }),
      expect: ['/secrets/s/source minLength'],
      exact: true,
    },
    {
      name: 'lower-case enum values are accepted (P2)',
      kind: 'app',
      doc: app({
        killSelection: 'oldest_first',
        networks: [{ mode: 'HOST' }],
        container: { type: 'mesos', volumes: [{ containerPath: '/x', hostPath: '/y', mode: 'ro' }] },
      }),
      expect: [],
      exact: true,
    },
    {
      name: 'bad id pattern',
      kind: 'app',
      doc: app({ id: '/Prod/Web' }),
      expect: ['/id pattern'],
      exact: true,
    },
    {
      name: 'health check protocol enum and integer fields',
      kind: 'app',
      doc: app({ healthChecks: [{ protocol: 'GRPC', intervalSeconds: 1.5 }] }),
      expect: ['/healthChecks/0/protocol enum', '/healthChecks/0/intervalSeconds type'],
      exact: true,
    },
    {
      name: 'bad pod volume name pattern',
      kind: 'pod',
      doc: pod({ volumes: [{ name: 'My Volume', host: '/tmp' }] }),
      expect: ['/volumes/0/name pattern'],
      exact: true,
    },
    {
      name: 'pod ephemeral volume name must follow the Name syntax',
      kind: 'pod',
      doc: pod({ volumes: [{ name: 'Data_1' }] }),
      expect: ['/volumes/0/name pattern'],
      exact: true,
    },
    {
      name: 'pod external volume becomes ephemeral: external is unknown',
      kind: 'pod',
      doc: pod({ volumes: [{ name: 'ext', external: { name: 'x' } }] }),
      expect: ['/volumes/0 additionalProperties:external'],
      exact: true,
    },
    {
      name: 'pod persistent volume size must be an integer',
      kind: 'pod',
      doc: pod({ volumes: [{ name: 'data', persistent: { size: '1G' } }] }),
      expect: ['/volumes/0/persistent/size type'],
      exact: true,
    },
    {
      name: 'pod needs containers, each with name and resources',
      kind: 'pod',
      doc: { id: '/p', containers: [{ name: 'Main' }] },
      expect: ['/containers/0/name pattern', '/containers/0 required:resources'],
      exact: true,
    },
    {
      name: 'pod without containers',
      kind: 'pod',
      doc: { id: '/p' },
      expect: [' required:containers'],
      exact: true,
    },
    {
      name: 'pod with empty containers',
      kind: 'pod',
      doc: { id: '/p', containers: [] },
      expect: ['/containers minItems'],
    },
    {
      name: 'pod scaling.kind is exactly "fixed"',
      kind: 'pod',
      doc: pod({ scaling: { kind: 'FIXED', instances: 2 } }),
      expect: ['/scaling/kind enum'],
      exact: true,
    },
    {
      name: 'pod constraints use the object form; operator enum is case-insensitive',
      kind: 'pod',
      doc: pod({
        scheduling: {
          placement: { constraints: [['hostname', 'UNIQUE'], { fieldName: 'hostname', operator: 'unique' }] },
        },
      }),
      expect: ['/scheduling/placement/constraints/0 type'],
      exact: true,
    },
    {
      name: 'pod-level upgradeStrategy is unknown (belongs in scheduling.upgrade)',
      kind: 'pod',
      doc: pod({
        upgradeStrategy: { minimumHealthCapacity: 0 },
        scheduling: { upgrade: { maximumOverCapacity: 2 } },
      }),
      expect: [' additionalProperties:upgradeStrategy', '/scheduling/upgrade/maximumOverCapacity maximum'],
      exact: true,
    },
    {
      name: 'volume mount path 1..1024 characters, command needs shell or argv',
      kind: 'pod',
      doc: {
        id: '/p',
        containers: [
          {
            name: 'c',
            resources: { cpus: 0.1, mem: 32 },
            exec: { command: {} },
            volumeMounts: [{ name: 'v', mountPath: '' }],
          },
        ],
        volumes: [{ name: 'v' }],
      },
      expect: [
        '/containers/0/exec/command minProperties',
        '/containers/0/volumeMounts/0/mountPath minLength',
      ],
      exact: true,
    },
    {
      name: 'pod environment names follow the EnvVars pattern',
      kind: 'pod',
      doc: pod({ environment: { 'MY-VAR': 'x', OK_1: 'y' } }),
      expect: ['/environment pattern', '/environment propertyNames'],
      exact: true,
    },
    {
      name: 'a pod status response is accepted without containers',
      kind: 'pod',
      doc: {
        id: '/p',
        spec: { id: '/p', containers: [{ name: 'c', resources: { cpus: 0.1, mem: 32 } }] },
        status: 'STABLE',
        statusSince: '2021-01-01T00:00:00.000Z',
        instances: [],
        terminationHistory: [],
        lastUpdated: '2021-01-01T00:00:00.000Z',
        lastChanged: '2021-01-01T00:00:00.000Z',
      },
      expect: [],
      exact: true,
    },
    {
      name: 'group: apps, nested groups and pods are validated with their own schemas',
      kind: 'group',
      doc: {
        id: '/g',
        enforceRole: true,
        apps: [app({ instances: -1 })],
        groups: [{ id: '/g/sub', apps: [app({ mem: 'lots' })], groups: [{ id: '/g/sub/x', scaleBy: -1 }] }],
        pods: [{ id: '/g/p', containers: [] }],
      },
      expect: [
        '/apps/0/instances minimum',
        '/groups/0/apps/0/mem type',
        '/groups/0/groups/0/scaleBy minimum',
        '/pods/0/containers minItems',
      ],
      exact: true,
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const errors = validate(c.kind, c.doc);
      const got = errors.map(key);
      for (const want of c.expect) {
        assert.ok(got.includes(want), `expected "${want}", got:\n${describeErrors(errors)}`);
      }
      if (c.exact) {
        assert.deepEqual([...new Set(got)].sort(), [...c.expect].sort(), describeErrors(errors));
      }
    });
  }

  test('a pathological id does not make the pattern backtrack', () => {
    const started = Date.now();
    validate('app', app({ id: 'a//'.repeat(2000) + 'B' }));
    assert.ok(Date.now() - started < 500, 'PathId pattern is too slow');
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('deprecated fields', () => {
  const withDeprecations = makeAjv({ deprecations: true });
  const appFn = withDeprecations.getSchema('app.schema.json')!;

  test('each deprecated field is reported where it is used', () => {
    appFn({
      id: '/old',
      cmd: 'run',
      ports: [0],
      uris: ['http://x/y.tgz'],
      storeUrls: ['http://x'],
      residency: {},
      ipAddress: { networkName: 'dcos' },
      container: {
        type: 'DOCKER',
        docker: { image: 'x', network: 'BRIDGE', portMappings: [], credential: { principal: 'p' } },
      },
    });
    const paths = (appFn.errors ?? [])
      .filter((e) => e.keyword === 'deprecationMessage')
      .map((e) => e.instancePath)
      .sort();
    assert.deepEqual(paths, [
      '/container/docker/credential',
      '/container/docker/network',
      '/container/docker/portMappings',
      '/ipAddress',
      '/ports',
      '/residency',
      '/storeUrls',
      '/uris',
    ]);
  });

  test('modern definitions carry no deprecation', () => {
    appFn({
      id: '/new',
      networks: [{ mode: 'container/bridge' }],
      container: {
        type: 'DOCKER',
        docker: { image: 'nginx' },
        portMappings: [{ containerPort: 80 }],
        volumes: [{ containerPath: 'data', mode: 'RW', persistent: { size: 100 } }],
      },
      portDefinitions: [],
      fetch: [{ uri: 'http://x/y.tgz' }],
      unreachableStrategy: 'disabled',
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 },
    });
    assert.deepEqual(
      (appFn.errors ?? []).filter((e) => e.keyword === 'deprecationMessage'),
      [],
      describeErrors(appFn.errors ?? []),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

interface ConformanceCase {
  file: string;
  kind: Kind;
  expect: 'valid' | 'invalid';
  paths: string[];
  messages: string[];
}

describe('conformance cases', { skip: SKIP_SHARED }, () => {
  const dir = path.join(SHARED, 'conformance');
  const cases: ConformanceCase[] = HAVE_SHARED ? readJson(path.join(dir, 'cases.json')) : [];

  test('every "valid" case validates without any error', () => {
    const valid = cases.filter((c) => c.expect === 'valid');
    assert.ok(valid.length > 20);
    for (const c of valid) {
      const errors = validate(c.kind, readJson(path.join(dir, c.file)));
      assert.deepEqual(errors, [], `${c.file}:\n${describeErrors(errors)}`);
    }
  });

  test('parse-level "invalid" cases are caught at or below the reported path', () => {
    // Marathon reports these while parsing (play-json codes, or the union fallback to the host kind).
    const parseLevel = cases.filter(
      (c) =>
        c.expect === 'invalid' &&
        c.messages.some((m) => m.startsWith('error.') || m.includes('is undefined on')),
    );
    assert.ok(parseLevel.length >= 8);
    for (const c of parseLevel) {
      const errors = validate(c.kind, readJson(path.join(dir, c.file)));
      for (const p of c.paths) {
        assert.ok(
          errors.some((e) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)),
          `${c.file}: nothing reported at ${p}:\n${describeErrors(errors)}`,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** JSON code blocks of a seed page: fenced ```json blocks, and numbered listings (`  1. {` …). */
function seedBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const m of text.matchAll(/```json\n([\s\S]*?)```/g)) blocks.push(m[1]);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*1\.\s\{\s*$/.test(lines[i])) continue;
    const body: string[] = [];
    for (let j = i; j < lines.length; j++) {
      const m = /^\s*\d+\.\s(.*)$/.exec(lines[j]);
      if (!m) break;
      body.push(m[1]);
    }
    blocks.push(body.join('\n'));
  }
  return blocks;
}

describe('seed examples', { skip: SKIP_SHARED }, () => {
  const dir = path.join(SHARED, 'seeds');
  const files = HAVE_SHARED ? fs.readdirSync(dir).filter((f) => f.endsWith('.txt')) : [];

  /** Unknown keys the seeds really contain: D-13, the Docker example puts the upgrade fields at the top level. */
  const EXPECTED_UNKNOWN = new Set([
    '000_4587b1a5a62ca164.txt /minimumHealthCapacity',
    '000_4587b1a5a62ca164.txt /maximumOverCapacity',
  ]);

  test('every app, pod and fragment in the seeds validates', () => {
    const unknown = new Set<string>();
    let checked = 0;
    for (const file of files) {
      for (const block of seedBlocks(fs.readFileSync(path.join(dir, file), 'utf8'))) {
        const trimmed = block.trim().replace(/,$/, '');
        const doc = JSON.parse(trimmed.startsWith('"') ? `{${trimmed}}` : trimmed);
        const targets: [ValidateFunction, Json][] = [];
        if (doc.appId) continue; // a /v2/apps/<id>/tasks response, not a definition
        if (doc.containers) targets.push([VALIDATORS.pod, doc]);
        else if (doc.id) targets.push([VALIDATORS.app, doc]);
        else if (doc.containerPath) targets.push([schemaFor('app.schema.json#/definitions/AppVolume'), doc]);
        else if (doc.volumes)
          for (const v of doc.volumes) targets.push([schemaFor('pod.schema.json#/definitions/PodVolume'), v]);
        else if (doc.volumeMounts)
          for (const m of doc.volumeMounts)
            targets.push([schemaFor('pod.schema.json#/definitions/VolumeMount'), m]);
        else if ('unreachableStrategy' in doc)
          targets.push([
            schemaFor('common.schema.json#/definitions/UnreachableStrategy'),
            doc.unreachableStrategy,
          ]);
        else assert.fail(`${file}: unclassified seed block ${trimmed.slice(0, 60)}`);
        for (const [fn, data] of targets) {
          checked++;
          for (const e of check(fn, data)) {
            assert.equal(e.keyword, 'additionalProperties', `${file}: ${describeErrors([e])}`);
            unknown.add(`${file} ${unknownKey(e)}`);
          }
        }
      }
    }
    assert.ok(checked >= 10, `only ${checked} seed blocks checked`);
    assert.deepEqual([...unknown].sort(), [...EXPECTED_UNKNOWN].sort());
  });
});

// ---------------------------------------------------------------------------------------------------------------

/**
 * Keys in the real-world corpus that are not Marathon fields (Marathon drops them silently). Anything else
 * the schemas call unknown is a schema bug. Format: `<file number> <instance path>/<key>`.
 */
const CORPUS_UNKNOWN: Record<string, string> = {
  '008 /container/docker/requirePorts': 'requirePorts is a top-level app field, not a docker field',
  '010 /container/docker/forcePull': 'typo: docker uses forcePullImage (forcePull is the pod image field)',
  '021 /containers/0/image/force': 'typo: the pod image field is forcePull',
  '096 /fetch': 'pods have no top-level fetch; artifacts go into containers[*].artifacts',
  '098 /description': 'a Metronome (DC/OS jobs) definition, not a Marathon app',
  '098 /run': 'a Metronome (DC/OS jobs) definition, not a Marathon app',
  '102 /apps/3/container/network':
    'misplaced: the (deprecated) network mode lives in container.docker.network',
  '102 /apps/4/container/network':
    'misplaced: the (deprecated) network mode lives in container.docker.network',
  '110 /queue': 'dcos-ui fixture merges the /v2/queue entry into the pod status; not a PodStatus field',
  '115 /apps/1/volumes': 'dcos-ui fixture: its own volume-status model, not an App field',
  '115 /groups/0/apps/0/volumes': 'dcos-ui fixture: its own volume-status model, not an App field',
  '115 /groups/1/pods/0/spec/containers/0/healthCheck/command': 'pod health checks use exec.command',
  '115 /groups/5/pods/0/spec/containers/0/healthCheck/command': 'pod health checks use exec.command',
  '133 /container/image': 'pre-0.7 container format (container.image "docker:///…"), dropped long ago',
  '133 /container/options': 'pre-0.7 container format (container.options), dropped long ago',
  '166 /container/forcePullImage': 'misplaced: forcePullImage belongs in container.docker',
  '173 /scheduling/backoff/maxLaunchDelaySeconds':
    'doc mistake: the pod field is scheduling.backoff.maxLaunchDelay',
  '174 /scheduling/backoff/maxLaunchDelaySeconds':
    'doc mistake: the pod field is scheduling.backoff.maxLaunchDelay',
  '191 /container/volumes/0/persistent/name':
    'not a persistent-volume field (Marathon names local volumes by containerPath)',
  '194 /container/volumes/0/persistent/name':
    'not a persistent-volume field (Marathon names local volumes by containerPath)',
};

/** Kind column of the corpus SOURCES.md table, by file name. */
function corpusKinds(dir: string): Map<string, string> {
  const kinds = new Map<string, string>();
  const sources = path.join(dir, 'SOURCES.md');
  if (!fs.existsSync(sources)) return kinds;
  for (const line of fs.readFileSync(sources, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`(.+)`$/.exec(cells[2] ?? '')?.[1];
    if (file && /^\d{3}$/.test(cells[1])) kinds.set(file, cells[6]);
  }
  return kinds;
}

function guessKind(doc: Json): string {
  if (Array.isArray(doc)) return 'app (array of apps)';
  if (doc.containers || doc.spec) return 'pod';
  if (doc.apps || doc.groups || doc.pods) return 'group';
  return 'app';
}

describe('real-world corpus', { skip: SKIP_SHARED }, () => {
  const dir = path.join(SHARED, 'corpus', 'real-world');

  test('strict-JSON files have no unknown keys beyond the listed non-Marathon ones', () => {
    const kinds = corpusKinds(dir);
    const unknown = new Map<string, number>();
    let parsed = 0;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!/\.json(\.mustache)?$/.test(file)) continue;
      let doc: Json;
      try {
        doc = readJson(path.join(dir, file));
      } catch {
        continue; // not strict JSON: templates, elided doc snippets
      }
      parsed++;
      const kind = kinds.get(file) ?? guessKind(doc);
      const units: [Kind, Json][] = Array.isArray(doc)
        ? doc.map((d: Json): [Kind, Json] => ['app', d])
        : [[kind.startsWith('group') ? 'group' : kind.startsWith('pod') ? 'pod' : 'app', doc]];
      for (const [k, unit] of units) {
        for (const e of validate(k, unit)) {
          if (e.keyword !== 'additionalProperties') continue;
          const id = `${file.slice(0, 3)} ${unknownKey(e)}`;
          unknown.set(id, (unknown.get(id) ?? 0) + 1);
        }
      }
    }
    assert.ok(parsed > 140, `only ${parsed} corpus files parsed`);
    const unexpected = [...unknown.keys()].filter((id) => !(id in CORPUS_UNKNOWN));
    assert.deepEqual(
      unexpected,
      [],
      `unknown keys in the corpus that the schemas should know:\n${unexpected.join('\n')}`,
    );
    const stale = Object.keys(CORPUS_UNKNOWN).filter((id) => !unknown.has(id));
    assert.deepEqual(stale, [], 'listed corpus exceptions no longer reported');
  });
});
