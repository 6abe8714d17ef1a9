import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertNoErrors, assertReports, found, lint, problemsOf } from './helpers';
import { assertFixAcrossFormats } from './formats';
import { fixesFor } from '../server/src/service/codeActions';
import { t } from '../server/src/service/l10n';
import { ruleById } from '../server/src/service/rules/registry';
import { resolveSettings } from '../server/src/service/settings';

type Obj = Record<string, unknown>;

const volume = { containerPath: 'data', mode: 'RW', persistent: { type: 'root', size: 1024 } };

/** An app with a local persistent volume, in the top-level group /db with its role. */
const residentApp = (extra: Obj = {}): Obj => ({
  id: '/db/store',
  role: 'db',
  cmd: './server --data data',
  cpus: 0.5,
  mem: 512,
  container: { type: 'MESOS', volumes: [volume] },
  ...extra,
});

const plainApp = (extra: Obj = {}): Obj => ({
  id: '/web/frontend',
  cmd: 'python3 -m http.server $PORT0',
  cpus: 0.25,
  mem: 128,
  ...extra,
});

const podOf = (volumes: Obj[], extra: Obj = {}): Obj => ({
  id: '/db/pod',
  role: 'db',
  containers: [
    {
      name: 'server',
      resources: { cpus: 0.5, mem: 512 },
      exec: { command: { shell: './server' } },
      volumeMounts: [{ name: 'data', mountPath: 'data' }],
    },
  ],
  volumes,
  ...extra,
});
const residentPod = (extra: Obj = {}) =>
  podOf([{ name: 'data', persistent: { type: 'root', size: 1024 } }], extra);
const plainPod = (extra: Obj = {}) => podOf([{ name: 'data' }], extra);

function fixTitles(
  input: object,
  rule: string,
  settings?: Obj,
): { title: string; safe: boolean; preferred: boolean }[] {
  const a = lint(input, { settings });
  const problem = a.problems.find((p) => p.rule === rule);
  assert.ok(problem, `no ${rule} problem`);
  const fixes = ruleById(rule)!.meta.fixes ?? {};
  return fixesFor(a, problem, resolveSettings(settings ?? {}), 'en').map((f) => ({
    title: t('en', fixes[f.title] ?? f.title, f.args),
    safe: f.safe === true,
    preferred: f.isPreferred === true,
  }));
}

const errors = (input: object, options = {}) =>
  found(lint(input, options))
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.pointer}`);

describe('resident-unreachable-strategy (RS-01, RS-02, RS-03, RS-17, RS-19)', () => {
  test('a resident app with an unreachableStrategy object: error; the fix writes "disabled"', () => {
    const input = residentApp({
      unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 },
    });
    const [r] = assertReports(input, 'resident-unreachable-strategy', ['/unreachableStrategy']);
    assert.equal(r.severity, 'error');
    assert.match(r.message, /unreachableStrategy must be disabled for resident tasks/);
    assertFixAcrossFormats(
      input,
      'resident-unreachable-strategy',
      residentApp({ unreachableStrategy: 'disabled' }),
    );
    assert.deepEqual(fixTitles(input, 'resident-unreachable-strategy'), [
      { title: 'Change to "disabled"', safe: true, preferred: true },
      { title: 'Remove "unreachableStrategy"', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(input, 'resident-unreachable-strategy', residentApp(), { title: 'remove' });
    // No second error about the timeouts of an object that must go anyway.
    assert.deepEqual(errors(input), ['resident-unreachable-strategy /unreachableStrategy']);
  });

  test('an empty object is enabled too', () => {
    assertReports(residentApp({ unreachableStrategy: {} }), 'resident-unreachable-strategy', [
      '/unreachableStrategy',
    ]);
  });

  test('a residency object makes an app without volumes resident for this rule', () => {
    const [r] = assertReports(
      plainApp({ residency: {}, unreachableStrategy: { inactiveAfterSeconds: 1, expungeAfterSeconds: 2 } }),
      'resident-unreachable-strategy',
      ['/unreachableStrategy'],
    );
    assert.match(r.message, /"residency" object/);
  });

  test('left out, or "disabled", is fine; non-resident apps may use an object', () => {
    assertNoErrors(residentApp());
    assertNoErrors(residentApp({ unreachableStrategy: 'disabled' }));
    const plain = plainApp({ unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 } });
    assert.deepEqual(problemsOf(plain, 'resident-unreachable-strategy'), []);
    assertNoErrors(plain);
  });

  test('apps read any string as "disabled": a warning, or a hint for another letter case', () => {
    const [enabled] = assertReports(
      plainApp({ unreachableStrategy: 'enabled' }),
      'resident-unreachable-strategy',
      ['/unreachableStrategy'],
    );
    assert.equal(enabled.severity, 'warning');
    assert.match(enabled.message, /never replaced/);
    assert.deepEqual(
      fixTitles(plainApp({ unreachableStrategy: 'enabled' }), 'resident-unreachable-strategy'),
      [
        { title: 'Change to "disabled"', safe: false, preferred: true },
        { title: 'Remove "unreachableStrategy"', safe: false, preferred: false },
      ],
    );
    const upper = residentApp({ unreachableStrategy: 'DISABLED' });
    const [hint] = assertReports(upper, 'resident-unreachable-strategy', ['/unreachableStrategy']);
    assert.equal(hint.severity, 'hint');
    assertFixAcrossFormats(
      upper,
      'resident-unreachable-strategy',
      residentApp({ unreachableStrategy: 'disabled' }),
    );
    assert.deepEqual(fixTitles(upper, 'resident-unreachable-strategy'), [
      { title: 'Change to "disabled"', safe: true, preferred: true },
    ]);
  });

  test('a resident pod: an object is an error at scheduling.unreachableStrategy', () => {
    const input = residentPod({
      scheduling: { unreachableStrategy: { inactiveAfterSeconds: 120, expungeAfterSeconds: 240 } },
    });
    // Marathon reports the pod itself: the diagnostic starts at "scheduling" and covers the value.
    const [r] = assertReports(input, 'resident-unreachable-strategy', ['/scheduling']);
    assert.match(r.text, /^"scheduling": \{\s*"unreachableStrategy": \{[^}]*\}$/);
    assert.match(r.message, /unreachableStrategy must be disabled for pods with persistent volumes/);
    assertFixAcrossFormats(
      input,
      'resident-unreachable-strategy',
      residentPod({ scheduling: { unreachableStrategy: 'disabled' } }),
    );
  });

  test('a resident pod accepts only the exact string "disabled"', () => {
    for (const s of ['DISABLED', 'enabled', 'off']) {
      const [r] = assertReports(
        residentPod({ scheduling: { unreachableStrategy: s } }),
        'resident-unreachable-strategy',
        ['/scheduling'],
      );
      assert.equal(r.severity, 'error', s);
      assertFixAcrossFormats(
        residentPod({ scheduling: { unreachableStrategy: s } }),
        'resident-unreachable-strategy',
        residentPod({ scheduling: { unreachableStrategy: 'disabled' } }),
      );
    }
    assertNoErrors(residentPod({ scheduling: { unreachableStrategy: 'disabled' } }));
    assertNoErrors(residentPod());
  });

  test('pods without persistent volumes may use an object; a string is a warning', () => {
    const input = plainPod({
      scheduling: {
        unreachableStrategy: { inactiveAfterSeconds: 60, expungeAfterSeconds: 120 },
        upgrade: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
      },
    });
    assertNoErrors(input);
    assert.deepEqual(problemsOf(input, 'resident-unreachable-strategy'), []);
    const [r] = assertReports(
      plainPod({ scheduling: { unreachableStrategy: 'enabled' } }),
      'resident-unreachable-strategy',
      ['/scheduling/unreachableStrategy'],
    );
    assert.equal(r.severity, 'warning');
  });

  test('a pod-level unreachableStrategy or upgradeStrategy is the schema rule\'s "misplaced" warning, not ours', () => {
    for (const [key, value, target] of [
      [
        'unreachableStrategy',
        { inactiveAfterSeconds: 1, expungeAfterSeconds: 2 },
        'scheduling.unreachableStrategy',
      ],
      ['upgradeStrategy', { minimumHealthCapacity: 1, maximumOverCapacity: 1 }, 'scheduling.upgrade'],
    ] as const) {
      const input = residentPod({ [key]: value });
      const [r] = assertReports(input, 'unknown-property', [`/${key}`]);
      assert.match(r.message, new RegExp(target.replace('.', '\\.')));
      assert.deepEqual(problemsOf(input, 'resident-unreachable-strategy'), []);
      assert.deepEqual(problemsOf(input, 'resident-upgrade-over-capacity'), []);
    }
  });
});

describe('unreachable-strategy-timeouts (RS-24)', () => {
  const app = (u: Obj) => plainApp({ unreachableStrategy: u });

  test('inactiveAfterSeconds above expungeAfterSeconds: an app error; the fixes swap or raise', () => {
    const input = app({ inactiveAfterSeconds: 600, expungeAfterSeconds: 300 });
    const [r] = assertReports(input, 'unreachable-strategy-timeouts', [
      '/unreachableStrategy/inactiveAfterSeconds',
    ]);
    assert.equal(r.severity, 'error');
    assert.match(
      r.message,
      /inactiveAfterSeconds \(600\) must be less or equal to expungeAfterSeconds, which is 300/,
    );
    assertFixAcrossFormats(
      input,
      'unreachable-strategy-timeouts',
      app({ inactiveAfterSeconds: 300, expungeAfterSeconds: 600 }),
    );
    assertFixAcrossFormats(
      input,
      'unreachable-strategy-timeouts',
      app({ inactiveAfterSeconds: 600, expungeAfterSeconds: 600 }),
      {
        title: 'raise',
      },
    );
  });

  test('a left-out expungeAfterSeconds is 0', () => {
    const input = app({ inactiveAfterSeconds: 300 });
    assertReports(input, 'unreachable-strategy-timeouts', ['/unreachableStrategy/inactiveAfterSeconds']);
    assert.deepEqual(fixTitles(input, 'unreachable-strategy-timeouts'), [
      { title: 'Set expungeAfterSeconds to 300', safe: false, preferred: true },
    ]);
    assertFixAcrossFormats(
      input,
      'unreachable-strategy-timeouts',
      app({ inactiveAfterSeconds: 300, expungeAfterSeconds: 300 }),
    );
  });

  test('equal values and the defaults are fine', () => {
    assertNoErrors(app({ inactiveAfterSeconds: 0, expungeAfterSeconds: 0 }));
    assertNoErrors(app({ inactiveAfterSeconds: 60, expungeAfterSeconds: 60 }));
    assertNoErrors(app({ expungeAfterSeconds: 60 }));
    assertNoErrors(app({}));
  });

  test('pods are not checked by Marathon: a warning', () => {
    const [r] = assertReports(
      plainPod({
        scheduling: { unreachableStrategy: { inactiveAfterSeconds: 600, expungeAfterSeconds: 300 } },
      }),
      'unreachable-strategy-timeouts',
      ['/scheduling/unreachableStrategy/inactiveAfterSeconds'],
    );
    assert.equal(r.severity, 'warning');
  });
});

describe('resident-upgrade-over-capacity (RS-04, RS-05, RS-06, RS-09, RS-18, RS-19)', () => {
  test('a resident app with maximumOverCapacity above 0: error; set it to 0 (safe)', () => {
    const input = residentApp({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 } });
    const [r] = assertReports(input, 'resident-upgrade-over-capacity', [
      '/upgradeStrategy/maximumOverCapacity',
    ]);
    assert.match(r.message, /got 1\.0, expected 0\.0/);
    assertFixAcrossFormats(
      input,
      'resident-upgrade-over-capacity',
      residentApp({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } }),
    );
    assert.deepEqual(fixTitles(input, 'resident-upgrade-over-capacity'), [
      { title: 'Set maximumOverCapacity to 0', safe: true, preferred: true },
    ]);
  });

  test('with a residency block, volumes or not', () => {
    const input = plainApp({
      residency: { taskLostBehavior: 'WAIT_FOREVER' },
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 },
    });
    const [r] = assertReports(input, 'resident-upgrade-over-capacity', [
      '/upgradeStrategy/maximumOverCapacity',
    ]);
    assert.match(r.message, /"residency" object/);
  });

  test('a value out of range is said once, as the resident rule', () => {
    const input = residentApp({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1.5 } });
    assert.deepEqual(errors(input), ['resident-upgrade-over-capacity /upgradeStrategy/maximumOverCapacity']);
  });

  test('minimumHealthCapacity may be anything from 0 to 1, and a left-out strategy is fine', () => {
    for (const min of [0, 0.5, 0.8, 1]) {
      const input = residentApp({ upgradeStrategy: { minimumHealthCapacity: min, maximumOverCapacity: 0 } });
      assert.deepEqual(
        found(lint(input)).map((f) => `${f.rule} ${f.pointer}`),
        [],
        String(min),
      );
    }
    assertNoErrors(residentApp());
    assertNoErrors(plainApp({ upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 } }));
  });

  test('a resident pod: maximumOverCapacity above 0 is an error', () => {
    const input = residentPod({
      scheduling: { upgrade: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 } },
    });
    const [r] = assertReports(input, 'resident-upgrade-over-capacity', [
      '/scheduling/upgrade/maximumOverCapacity',
    ]);
    assert.match(r.message, /\/upgrade\/maximumOverCapacity/);
    assertFixAcrossFormats(
      input,
      'resident-upgrade-over-capacity',
      residentPod({ scheduling: { upgrade: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } } }),
    );
  });

  test('a resident pod whose upgrade leaves out maximumOverCapacity: it counts as 1; the fix adds 0', () => {
    const input = residentPod({ scheduling: { upgrade: { minimumHealthCapacity: 0 } } });
    const [r] = assertReports(input, 'resident-upgrade-over-capacity', ['/scheduling/upgrade']);
    assert.equal(r.text, '"upgrade"');
    assert.match(r.message, /counts as 1/);
    assertFixAcrossFormats(
      input,
      'resident-upgrade-over-capacity',
      residentPod({ scheduling: { upgrade: { minimumHealthCapacity: 0, maximumOverCapacity: 0 } } }),
    );
    assertReports(residentPod({ scheduling: { upgrade: {} } }), 'resident-upgrade-over-capacity', [
      '/scheduling/upgrade',
    ]);
  });

  test('a pod whose only persistent volume does not parse is not resident (PV-07): its strategies are free', () => {
    // Without size, Marathon reads the volume as ephemeral: nothing is reserved, nothing resident.
    const input = podOf([{ name: 'data', persistent: { type: 'root' } }], {
      scheduling: {
        unreachableStrategy: { inactiveAfterSeconds: 60, expungeAfterSeconds: 120 },
        upgrade: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
        placement: { acceptedResourceRoles: ['slave_public'] },
      },
    });
    assertReports(input, 'resident-upgrade-over-capacity', []);
    assertReports(input, 'resident-unreachable-strategy', []);
    assertReports(input, 'resident-accepted-resource-roles', []);
    assertNoErrors(input);
    // The same pod with a size is resident, and all three are errors.
    const real = podOf([{ name: 'data', persistent: { type: 'root', size: 1024 } }], {
      scheduling: (input as { scheduling: Obj }).scheduling,
    });
    assertReports(real, 'resident-upgrade-over-capacity', ['/scheduling/upgrade/maximumOverCapacity']);
    assert.equal(problemsOf(real, 'resident-unreachable-strategy').length, 1);
    assert.equal(problemsOf(real, 'resident-accepted-resource-roles').length, 1);
  });

  test('pods without persistent volumes, and resident pods without upgrade, are fine', () => {
    assertNoErrors(plainPod({ scheduling: { upgrade: { minimumHealthCapacity: 0 } } }));
    assertNoErrors(residentPod({ scheduling: { backoff: { backoff: 2 } } }));
  });
});

describe('upgrade-strategy-complete (RS-07)', () => {
  test('an app upgradeStrategy with one field: error at the key, instead of the schema message', () => {
    const input = plainApp({ upgradeStrategy: { maximumOverCapacity: 0 } });
    const [r] = assertReports(input, 'upgrade-strategy-complete', ['/upgradeStrategy']);
    assert.equal(r.text, '"upgradeStrategy"');
    assert.match(r.message, /without "minimumHealthCapacity"/);
    assert.deepEqual(problemsOf(input, 'schema-required'), []);
    assert.deepEqual(fixTitles(input, 'upgrade-strategy-complete'), [
      { title: 'Add "minimumHealthCapacity": 1', safe: true, preferred: true },
    ]);
    assertFixAcrossFormats(
      input,
      'upgrade-strategy-complete',
      plainApp({ upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 0 } }),
    );
  });

  test('resident apps get the resident defaults, 0.5 and 0', () => {
    assertFixAcrossFormats(
      residentApp({ upgradeStrategy: { minimumHealthCapacity: 0.8 } }),
      'upgrade-strategy-complete',
      residentApp({ upgradeStrategy: { minimumHealthCapacity: 0.8, maximumOverCapacity: 0 } }),
    );
    const empty = residentApp({ upgradeStrategy: {} });
    const [r] = assertReports(empty, 'upgrade-strategy-complete', ['/upgradeStrategy']);
    assert.match(r.message, /empty/);
    assertFixAcrossFormats(
      empty,
      'upgrade-strategy-complete',
      residentApp({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 0 } }),
    );
    const fixed = applyFix(empty, 'upgrade-strategy-complete');
    assertNoErrors(fixed);
  });

  test('pods may leave out either field', () => {
    assert.deepEqual(
      problemsOf(
        plainPod({ scheduling: { upgrade: { maximumOverCapacity: 0 } } }),
        'upgrade-strategy-complete',
      ),
      [],
    );
  });
});

describe('upgrade-capacity-range (RS-08, RS-22)', () => {
  test('a capacity above 1: error with the nearest value, and the percent reading', () => {
    const input = plainApp({ upgradeStrategy: { minimumHealthCapacity: 50, maximumOverCapacity: 1 } });
    const [r] = assertReports(input, 'upgrade-capacity-range', ['/upgradeStrategy/minimumHealthCapacity']);
    assert.match(r.message, /from 0 to 1/);
    assert.deepEqual(problemsOf(input, 'schema-range'), []);
    assert.deepEqual(fixTitles(input, 'upgrade-capacity-range'), [
      { title: 'Set minimumHealthCapacity to 1', safe: false, preferred: true },
      { title: 'Set minimumHealthCapacity to 0.5 (50 %)', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(
      input,
      'upgrade-capacity-range',
      plainApp({ upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 } }),
      { title: 'percent' },
    );
  });

  test('pods: below 0', () => {
    const input = plainPod({ scheduling: { upgrade: { maximumOverCapacity: -1 } } });
    assertReports(input, 'upgrade-capacity-range', ['/scheduling/upgrade/maximumOverCapacity']);
    assertFixAcrossFormats(
      input,
      'upgrade-capacity-range',
      plainPod({ scheduling: { upgrade: { maximumOverCapacity: 0 } } }),
    );
  });
});

describe('single-instance-app (RS-23)', () => {
  const single = (extra: Obj = {}) =>
    plainApp({ labels: { MARATHON_SINGLE_INSTANCE_APP: 'true' }, ...extra });
  const zero = { minimumHealthCapacity: 0, maximumOverCapacity: 0 };

  test('more than one instance is an error', () => {
    const input = single({ instances: 2, upgradeStrategy: zero });
    const [r] = assertReports(input, 'single-instance-app', ['/instances']);
    assert.match(r.message, /Single instance app may only have one instance/);
    assertFixAcrossFormats(input, 'single-instance-app', single({ instances: 1, upgradeStrategy: zero }));
  });

  test('capacities other than 0 are errors, each set to 0 by its fix', () => {
    const input = single({ upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 } });
    assertReports(input, 'single-instance-app', [
      '/upgradeStrategy/minimumHealthCapacity',
      '/upgradeStrategy/maximumOverCapacity',
    ]);
    assertFixAcrossFormats(
      input,
      'single-instance-app',
      single({ upgradeStrategy: { minimumHealthCapacity: 0, maximumOverCapacity: 1 } }),
    );
  });

  test('a left-out upgradeStrategy fails too (the default is not 0, 0): the fix adds it', () => {
    const input = single({ instances: 1 });
    const [r] = assertReports(input, 'single-instance-app', ['']);
    assert.equal(r.text, '{');
    assert.match(r.message, /\(1, 1\)/);
    assertFixAcrossFormats(input, 'single-instance-app', single({ instances: 1, upgradeStrategy: zero }));
    assertNoErrors(single({ instances: 1, upgradeStrategy: zero }));
  });

  test('a resident single-instance app: maximumOverCapacity is reported once, by the resident rule', () => {
    const input = residentApp({
      labels: { MARATHON_SINGLE_INSTANCE_APP: 'true' },
      upgradeStrategy: { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 },
    });
    assert.deepEqual(errors(input).sort(), [
      'resident-upgrade-over-capacity /upgradeStrategy/maximumOverCapacity',
      'single-instance-app /upgradeStrategy/minimumHealthCapacity',
    ]);
  });

  test('without the label, or with another value, nothing applies', () => {
    assertNoErrors(plainApp({ instances: 3, labels: { MARATHON_SINGLE_INSTANCE_APP: 'false' } }));
    assertNoErrors(plainApp({ instances: 3 }));
  });
});

describe('resident-accepted-resource-roles (RS-10, RS-20)', () => {
  test('a resident app with "*" and another role: error; keeping only "*" is safe', () => {
    const input = residentApp({ acceptedResourceRoles: ['*', 'db'] });
    const [r] = assertReports(input, 'resident-accepted-resource-roles', ['/acceptedResourceRoles']);
    assert.match(r.message, /A resident app must have acceptedResourceRoles = \["\*"\]/);
    assertFixAcrossFormats(
      input,
      'resident-accepted-resource-roles',
      residentApp({ acceptedResourceRoles: ['*'] }),
    );
    assert.deepEqual(fixTitles(input, 'resident-accepted-resource-roles'), [
      { title: 'Change to ["*"]', safe: true, preferred: true },
      { title: 'Remove "acceptedResourceRoles"', safe: false, preferred: false },
    ]);
  });

  test('another role only: the same error, and no safe fix', () => {
    const input = residentApp({ acceptedResourceRoles: ['slave_public'] });
    assertReports(input, 'resident-accepted-resource-roles', ['/acceptedResourceRoles']);
    assert.deepEqual(
      fixTitles(input, 'resident-accepted-resource-roles').map((f) => f.safe),
      [false, false],
    );
    assertFixAcrossFormats(input, 'resident-accepted-resource-roles', residentApp(), { title: 'remove' });
  });

  test('an empty list on a resident app: removing it is preferred', () => {
    const input = residentApp({ acceptedResourceRoles: [] });
    assertReports(input, 'resident-accepted-resource-roles', ['/acceptedResourceRoles']);
    assert.deepEqual(fixTitles(input, 'resident-accepted-resource-roles'), [
      { title: 'Remove "acceptedResourceRoles"', safe: true, preferred: true },
      { title: 'Change to ["*"]', safe: false, preferred: false },
    ]);
    assertFixAcrossFormats(input, 'resident-accepted-resource-roles', residentApp());
  });

  test('["*"], or none, is fine; other apps may list any roles', () => {
    assertNoErrors(residentApp({ acceptedResourceRoles: ['*'] }));
    assert.deepEqual(
      problemsOf(
        plainApp({ acceptedResourceRoles: ['slave_public', '*'] }),
        'resident-accepted-resource-roles',
      ),
      [],
    );
    // The empty list of an app that is not resident is the general rule's to report.
    assert.deepEqual(
      problemsOf(plainApp({ acceptedResourceRoles: [] }), 'resident-accepted-resource-roles'),
      [],
    );
  });

  test('a residency block applies it without volumes', () => {
    assertReports(
      plainApp({ residency: {}, acceptedResourceRoles: ['slave_public'] }),
      'resident-accepted-resource-roles',
      ['/acceptedResourceRoles'],
    );
  });

  test('resident pods: scheduling.placement.acceptedResourceRoles', () => {
    const input = residentPod({ scheduling: { placement: { acceptedResourceRoles: ['*', 'db'] } } });
    const [r] = assertReports(input, 'resident-accepted-resource-roles', [
      '/scheduling/placement/acceptedResourceRoles',
    ]);
    assert.match(r.message, /A resident pod must have/);
    assertFixAcrossFormats(
      input,
      'resident-accepted-resource-roles',
      residentPod({ scheduling: { placement: { acceptedResourceRoles: ['*'] } } }),
    );
    assertNoErrors(residentPod({ scheduling: { placement: { acceptedResourceRoles: ['*'] } } }));
    assert.deepEqual(
      problemsOf(
        plainPod({ scheduling: { placement: { acceptedResourceRoles: ['db'] } } }),
        'resident-accepted-resource-roles',
      ),
      [],
    );
  });
});

describe('resident-role (RS-11)', () => {
  test('"role": "*" on a resident app or pod is an error; the fix sets the top-level group role', () => {
    const input = residentApp({ role: '*' });
    const [r] = assertReports(input, 'resident-role', ['/role']);
    assert.match(r.message, /Resident apps cannot have the role \*/);
    assertFixAcrossFormats(input, 'resident-role', residentApp({ role: 'db' }));
    assert.deepEqual(fixTitles(input, 'resident-role'), [
      { title: 'Set "role" to "db" (the role of its top-level group)', safe: false, preferred: true },
    ]);
    assertReports(residentPod({ role: '*' }), 'resident-role', ['/role']);
    assert.deepEqual(problemsOf(plainApp({ role: '*' }), 'resident-role'), []);
  });

  test('with a cluster default role other than "*", removing "role" is offered', () => {
    const settings = { cluster: { defaultRole: 'slave_public' } };
    assert.deepEqual(
      fixTitles(residentApp({ role: '*' }), 'resident-role', settings).map((f) => f.title),
      [
        'Set "role" to "db" (the role of its top-level group)',
        'Remove "role" (Marathon\'s default role "slave_public" applies)',
      ],
    );
  });

  test('no role: information when the default role is "*", with a fix that adds the group role', () => {
    const input = residentApp();
    delete input.role;
    const [r] = assertReports(input, 'resident-role', ['/id']);
    assert.equal(r.severity, 'information');
    assert.match(r.message, /"db"/);
    assertFixAcrossFormats(input, 'resident-role', residentApp());
    assert.deepEqual(
      problemsOf(input, 'resident-role', { settings: { cluster: { defaultRole: 'slave_public' } } }),
      [],
    );
    const top = { ...input, id: '/store' };
    const [noGroup] = assertReports(top, 'resident-role', ['/id']);
    assert.match(noGroup.message, /Put the app in a top-level group/);
  });

  test('a top-level group that enforces its role gives it to its apps', () => {
    const app = residentApp({ id: 'store' });
    delete app.role;
    const group = (enforceRole: boolean) => ({ id: '/db', enforceRole, apps: [app] });
    assert.deepEqual(problemsOf(group(true), 'resident-role'), []);
    assertReports(group(false), 'resident-role', ['/apps/0/id']);
    const nested = { id: '/', groups: [{ id: 'db', enforceRole: true, apps: [app] }] };
    assert.deepEqual(problemsOf(nested, 'resident-role'), []);
  });
});

describe('residency-without-persistent-volume (RS-09)', () => {
  test('a residency object without a persistent volume: a warning, removed by its fix', () => {
    const input = plainApp({ residency: { taskLostBehavior: 'WAIT_FOREVER' } });
    const [r] = assertReports(input, 'residency-without-persistent-volume', ['/residency']);
    assert.equal(r.severity, 'warning');
    assertFixAcrossFormats(input, 'residency-without-persistent-volume', plainApp());
    assert.deepEqual(problemsOf(residentApp({ residency: {} }), 'residency-without-persistent-volume'), []);
  });
});

describe('what the schema already covers (RS-22, RS-25, RS-26)', () => {
  test('kill selection, instance counts and pod backoff bounds', () => {
    assertReports(plainApp({ killSelection: 'NEWEST_FIRST' }), 'schema-enum', ['/killSelection']);
    assertNoErrors(plainApp({ killSelection: 'oldest_first' }));
    assertReports(plainPod({ scheduling: { killSelection: 'RANDOM' } }), 'schema-enum', [
      '/scheduling/killSelection',
    ]);
    assertReports(plainApp({ instances: -1 }), 'schema-range', ['/instances']);
    assertReports(plainPod({ scaling: { kind: 'fixed', instances: -1 } }), 'schema-range', [
      '/scaling/instances',
    ]);
    assertReports(plainPod({ scheduling: { backoff: { backoff: -1 } } }), 'schema-range', [
      '/scheduling/backoff/backoff',
    ]);
  });
});
