import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertReports, found, lint, problemsOf } from './helpers';
import { assertFixAcrossFormats } from './formats';
import { compilesAsJavaRegex, isJavaInt } from '../server/src/service/rules/constraints';
import { fixesFor } from '../server/src/service/codeActions';
import { resolveSettings } from '../server/src/service/settings';

const app = (constraints: unknown, extra: object = {}) => ({
  id: '/web',
  cmd: './serve',
  constraints,
  ...extra,
});
const pod = (constraints: unknown) => ({
  id: '/pod',
  containers: [{ name: 'web', resources: { cpus: 0.1, mem: 32 }, exec: { command: { shell: './serve' } } }],
  scheduling: { placement: { constraints } },
});

const errorsOf = (input: object) => found(lint(input)).filter((f) => f.severity === 'error');

describe('constraint-form (CN-01, CN-10)', () => {
  test('an app constraint with 1 or 4 fields is rejected at the constraint', () => {
    const got = assertReports(
      app([['hostname'], ['hostname', 'UNIQUE'], ['a', 'LIKE', 'x', 'y']]),
      'constraint-form',
      ['/constraints/0', '/constraints/2'],
    );
    assert.match(got[0].message, /has 1/);
    assert.equal(got[0].severity, 'error');
  });

  test('two and three fields are the app form', () => {
    assertReports(
      app([
        ['hostname', 'UNIQUE'],
        ['rack_id', 'GROUP_BY', '3'],
      ]),
      'constraint-form',
      [],
    );
  });

  test('a pod constraint written as an array is rejected once, and the fix writes the object form', () => {
    const input = pod([
      ['hostname', 'UNIQUE'],
      ['zone', 'LIKE', 'us-east-1[a-c]'],
    ]);
    const got = errorsOf(input);
    assert.deepEqual(
      got.map((g) => [g.rule, g.pointer]),
      [
        ['constraint-form', '/scheduling/placement/constraints/0'],
        ['constraint-form', '/scheduling/placement/constraints/1'],
      ],
    );
    assertFixAcrossFormats(
      pod([['zone', 'LIKE', 'us-east-1[a-c]']]),
      'constraint-form',
      pod([{ fieldName: 'zone', operator: 'LIKE', value: 'us-east-1[a-c]' }]),
    );
    assertFixAcrossFormats(
      pod([['hostname', 'UNIQUE']]),
      'constraint-form',
      pod([{ fieldName: 'hostname', operator: 'UNIQUE' }]),
    );
  });

  test('the pod object form is accepted', () => {
    assertReports(pod([{ fieldName: 'hostname', operator: 'unique' }]), 'constraint-form', []);
    assert.deepEqual(errorsOf(pod([{ fieldName: 'hostname', operator: 'unique' }])), []);
  });

  test('an app constraint written as an object is rejected, and the fix writes the array form', () => {
    const input = app([{ fieldName: 'hostname', operator: 'unique' }]);
    assert.deepEqual(
      errorsOf(input).map((g) => [g.rule, g.pointer]),
      [['constraint-form', '/constraints/0']],
    );
    assertFixAcrossFormats(input, 'constraint-form', app([['hostname', 'UNIQUE']]));
  });
});

describe('constraint-field (CN-02)', () => {
  test('an empty field is rejected', () => {
    assertReports(app([['', 'UNIQUE']]), 'constraint-field', ['/constraints/0/0']);
    assertReports(pod([{ fieldName: '', operator: 'UNIQUE' }]), 'constraint-field', [
      '/scheduling/placement/constraints/0/fieldName',
    ]);
  });
  test('attribute names are free', () => {
    assertReports(app([['rack_id', 'CLUSTER', 'rack-1']]), 'constraint-field', []);
  });
});

describe('constraint-operator (CN-03, CN-09)', () => {
  test('a lower-case operator is an error with a safe upper-case fix (and no schema noise)', () => {
    const input = app([['hostname', 'unique']]);
    const got = errorsOf(input);
    assert.deepEqual(
      got.map((g) => [g.rule, g.pointer, g.text]),
      [['constraint-operator', '/constraints/0/1', '"unique"']],
    );
    assert.match(got[0].message, /server error/);
    assertFixAcrossFormats(input, 'constraint-operator', app([['hostname', 'UNIQUE']]));
  });

  test('mixed case is the same trap', () => {
    assertReports(app([['rack', 'Group_By', '2']]), 'constraint-operator', ['/constraints/0/1']);
  });

  test('an unknown operator is rejected, with the closest operator offered', () => {
    const got = assertReports(app([['hostname', 'UNIQE']]), 'constraint-operator', ['/constraints/0/1']);
    assert.match(got[0].message, /did you mean "UNIQUE"/);
    assert.equal(applyFix(app([['hostname', 'UNIQE']]), 'constraint-operator').includes('"UNIQUE"'), true);
  });

  test('every operator in upper case is accepted, and pod operators may be in any case', () => {
    for (const op of ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS'])
      assertReports(
        app([['f', op, op === 'MAX_PER' ? '2' : 'a']].map((c) => (op === 'UNIQUE' ? c.slice(0, 2) : c))),
        'constraint-operator',
        [],
      );
    assertReports(pod([{ fieldName: 'hostname', operator: 'unique' }]), 'constraint-operator', []);
  });
});

describe('constraint-value (CN-04..CN-08, CN-11)', () => {
  test('UNIQUE with a value: reported at the value, fixed by removing it', () => {
    const input = app([['hostname', 'UNIQUE', 'true']]);
    const got = assertReports(input, 'constraint-value', ['/constraints/0/2']);
    assert.match(got[0].message, /UNIQUE takes no value/);
    assertFixAcrossFormats(input, 'constraint-value', app([['hostname', 'UNIQUE']]));
    assertFixAcrossFormats(
      pod([{ fieldName: 'hostname', operator: 'UNIQUE', value: 'x' }]),
      'constraint-value',
      pod([{ fieldName: 'hostname', operator: 'UNIQUE' }]),
    );
  });

  test('GROUP_BY: none or an integer; "3.0" is fixed to "3"', () => {
    assertReports(
      app([
        ['rack', 'GROUP_BY'],
        ['rack', 'GROUP_BY', '3'],
        ['rack', 'GROUP_BY', '-1'],
      ]),
      'constraint-value',
      [],
    );
    assertReports(
      app([
        ['rack', 'GROUP_BY', 'three'],
        ['rack', 'GROUP_BY', ''],
      ]),
      'constraint-value',
      ['/constraints/0/2', '/constraints/1/2'],
    );
    assertFixAcrossFormats(
      app([['rack', 'GROUP_BY', '3.0']]),
      'constraint-value',
      app([['rack', 'GROUP_BY', '3']]),
    );
    assert.equal(
      applyFix(app([['rack', 'GROUP_BY', 'x']]), 'constraint-value', { title: 'removeValue' }),
      JSON.stringify(app([['rack', 'GROUP_BY']]), null, 2),
    );
  });

  test('MAX_PER needs an integer', () => {
    assertReports(app([['rack', 'MAX_PER', '2']]), 'constraint-value', []);
    assertReports(app([['rack', 'MAX_PER']]), 'constraint-value', ['/constraints/0']);
    assertReports(app([['rack', 'MAX_PER', '2.5']]), 'constraint-value', ['/constraints/0/2']);
    assertFixAcrossFormats(
      app([['rack', 'MAX_PER', '2.0']]),
      'constraint-value',
      app([['rack', 'MAX_PER', '2']]),
    );
    assert.equal(
      applyFix(app([['rack', 'MAX_PER']]), 'constraint-value'),
      JSON.stringify(app([['rack', 'MAX_PER', '1']]), null, 2),
    );
    assertReports(pod([{ fieldName: 'rack', operator: 'MAX_PER' }]), 'constraint-value', [
      '/scheduling/placement/constraints/0/operator',
    ]);
  });

  test('LIKE and UNLIKE need a regular expression that compiles', () => {
    assertReports(
      app([
        ['zone', 'LIKE', 'us-east-1[a-c]'],
        ['zone', 'UNLIKE', '(?i)test.*'],
        ['zone', 'LIKE', ''],
      ]),
      'constraint-value',
      [],
    );
    assertReports(
      app([
        ['zone', 'LIKE'],
        ['zone', 'UNLIKE', 'us-(east'],
      ]),
      'constraint-value',
      ['/constraints/0', '/constraints/1/2'],
    );
  });

  test('IS takes Mesos text or numbers', () => {
    assertReports(
      app([
        ['rack', 'IS', 'rack-1.a/b_c'],
        ['gpu', 'IS', '2.5'],
      ]),
      'constraint-value',
      [],
    );
    assertReports(app([['rack', 'IS', 'rack 1']]), 'constraint-value', ['/constraints/0/2']);
  });

  test('CLUSTER takes any value or none', () => {
    assertReports(
      app([
        ['rack', 'CLUSTER'],
        ['rack', 'CLUSTER', ''],
        ['rack', 'CLUSTER', 'any thing!'],
      ]),
      'constraint-value',
      [],
    );
  });

  test('a number value replaces the schema type error and is quoted by the fix', () => {
    const input = app([['rack', 'GROUP_BY', 3]]);
    assert.deepEqual(
      errorsOf(input).map((g) => [g.rule, g.pointer]),
      [['constraint-value', '/constraints/0/2']],
    );
    assertFixAcrossFormats(input, 'constraint-value', app([['rack', 'GROUP_BY', '3']]));
  });

  test('a lower-case operator is validated like the upper-case one', () => {
    assertReports(app([['hostname', 'unique', 'x']]), 'constraint-value', ['/constraints/0/2']);
  });
});

describe('helpers', () => {
  test('Java integers', () => {
    for (const s of ['0', '3', '-1', '+7', '2147483647']) assert.equal(isJavaInt(s), true, s);
    for (const s of ['', '3.0', ' 3', '2147483648', 'x', '1e3']) assert.equal(isJavaInt(s), false, s);
  });
  test('Java regular expressions', () => {
    for (const s of ['a.*', '(?i)abc', 'a++', '\\p{Alpha}+', '(?>x)', '\\Q(\\E', ''])
      assert.equal(compilesAsJavaRegex(s), true, s);
    for (const s of ['(abc', '[a-', '*x', '?']) assert.equal(compilesAsJavaRegex(s), false, s);
  });
});

describe('no crash on odd input', () => {
  test('constraints of every type', () => {
    for (const c of [
      null,
      1,
      'x',
      {},
      [[]],
      [null],
      [[1, 2]],
      [['a', null]],
      [['a', 'LIKE', null]],
      [{ fieldName: 1 }],
    ]) {
      lint(app(c));
      lint(pod(c));
      assert.ok(problemsOf(app(c), 'constraint-value').length >= 0);
    }
  });
});

describe('fixes where the constraint does not say what was meant', () => {
  const titles = (input: object, rule: string) => {
    const a = lint(input);
    const p = a.problems.find((x) => x.rule === rule)!;
    return fixesFor(a, p, resolveSettings({}), 'en').map((f) => [f.title, f.args?.value]);
  };

  test('an unknown word as operator: the operators that take the constraint as it is, or no constraint', () => {
    assert.deepEqual(titles(app([['hostname', 'SAME']]), 'constraint-operator'), [
      ['upper', 'UNIQUE'],
      ['upper', 'CLUSTER'],
      ['upper', 'GROUP_BY'],
      ['upper', 'IS'],
      ['removeConstraint', undefined],
    ]);
    assertFixAcrossFormats(app([['hostname', 'SAME']]), 'constraint-operator', app([['hostname', 'UNIQUE']]));
    assertFixAcrossFormats(
      app([
        ['hostname', 'SAME'],
        ['rack', 'GROUP_BY'],
      ]),
      'constraint-operator',
      app([['rack', 'GROUP_BY']]),
      { title: 'removeConstraint' },
    );
  });

  test('a fourth field goes; an empty field becomes "hostname"; a regex is matched literally; IS text loses what it cannot hold', () => {
    assertFixAcrossFormats(app([['a', 'LIKE', 'x', 'y']]), 'constraint-form', app([['a', 'LIKE', 'x']]));
    assertFixAcrossFormats(app([['', 'UNIQUE']]), 'constraint-field', app([['hostname', 'UNIQUE']]));
    assertFixAcrossFormats(
      app([['hostname', 'UNLIKE', '(agent-1']]),
      'constraint-value',
      app([['hostname', 'UNLIKE', '\\(agent-1']]),
    );
    assertFixAcrossFormats(
      app([['rack', 'IS', 'rack 1']]),
      'constraint-value',
      app([['rack', 'IS', 'rack-1']]),
    );
    // LIKE without a value, a constraint of one field: only removing it is mechanical.
    assert.deepEqual(titles(app([['hostname', 'LIKE']]), 'constraint-value'), [
      ['removeConstraint', undefined],
    ]);
    assertFixAcrossFormats(
      app([['hostname'], ['zone', 'UNIQUE']]),
      'constraint-form',
      app([['zone', 'UNIQUE']]),
    );
    assertFixAcrossFormats(pod([{ fieldName: 'hostname', operator: 'LIKE' }]), 'constraint-value', pod([]));
  });
});
