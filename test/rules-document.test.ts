/**
 * The document rules on Cosmos/SDK templates as packages write them (the shapes of the
 * real-world corpus): either/or sections, sections that meet without a comma, and
 * template bugs that break the rendered file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { found, lint } from './helpers';

const uri = 'file:///pkg/marathon.json.mustache';
const notes = (text: string) =>
  found(lint(text, { uri }))
    .filter((f) => f.severity !== 'hint' && !(f.rule === 'document' && /placeholders/.test(f.message)))
    .map((f) => `${f.severity} ${f.rule} ${f.pointer}`);

describe('templates: either/or sections', () => {
  test('{{#x}}...{{/x}}{{^x}}...{{/x}} alternatives are read as rendered with the section on', () => {
    const text = [
      '{',
      '  "id": "{{service.name}}",',
      '  "container": {',
      '    "type": "DOCKER",',
      '    "docker": {',
      '      {{#service.docker-image}}',
      '      "image": "{{service.docker-image}}"',
      '      {{/service.docker-image}}',
      '      {{^service.docker-image}}',
      '      "image": "{{resource.assets.container.docker.jenkins}}"',
      '      {{/service.docker-image}}',
      '    }',
      '  },',
      '  "networks": [',
      '    {{#service.virtual_network_enabled}}',
      '    { "name": "{{service.virtual_network_name}}", "mode": "container" }',
      '    {{/service.virtual_network_enabled}}',
      '    {{^service.virtual_network_enabled}}',
      '    { "mode": "host" }',
      '    {{/service.virtual_network_enabled}}',
      '  ]',
      '}',
    ].join('\n');
    // Without the blanking: a comma error between the alternatives and "image" given twice.
    assert.deepEqual(notes(text), []);
  });

  test('a resident app whose unreachableStrategy is only written when persistence is off', () => {
    const text = [
      '{',
      '  "id": "{{service.name}}",',
      '  "cmd": "run",',
      '  "container": {',
      '    "type": "MESOS",',
      '    "volumes": [',
      '      {{#storage.persistence.enable}}',
      '      { "containerPath": "data", "mode": "RW", "persistent": { "size": {{storage.persistence.size}} } }',
      '      {{/storage.persistence.enable}}',
      '    ]',
      '  },',
      '  {{^storage.persistence.enable}}',
      '  "unreachableStrategy": { "expungeAfterSeconds": 0, "inactiveAfterSeconds": 0 },',
      '  {{/storage.persistence.enable}}',
      '  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 }',
      '}',
    ].join('\n');
    assert.deepEqual(
      notes(text).filter((n) => n.startsWith('error')),
      [],
    );
  });

  test('keys in unrelated sections are not duplicates; in nested sections they are', () => {
    const unrelated = [
      '{',
      '  "id": "/z", "cmd": "run",',
      '  "env": {',
      '    {{#service.external_volume}}',
      '    "DATA": "/zeppelin-data",',
      '    {{/service.external_volume}}',
      '    {{#service.local_volume}}',
      '    "DATA": "/zeppelin-data",',
      '    {{/service.local_volume}}',
      '    "X": "1"',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(notes(unrelated), []);
    const nested = [
      '{',
      '  "id": "/z", "cmd": "run",',
      '  "env": {',
      '    "DATA": "/a",',
      '    {{#service.local_volume}}',
      '    "DATA": "/b",',
      '    {{/service.local_volume}}',
      '    "X": "1"',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(notes(nested), ['warning duplicate-key /env/DATA']);
  });
});

describe('templates: sections that meet without a comma', () => {
  test('unrelated sections: a note, not an error (the package may render only one)', () => {
    const text = [
      '{',
      '  "id": "/z", "cmd": "run",',
      '  "container": { "type": "MESOS", "volumes": [',
      '    {{#service.external_volume}}',
      '    { "containerPath": "/data", "external": { "name": "z", "provider": "dvdi", "options": { "dvdi/driver": "rexray" } }, "mode": "RW" }',
      '    {{/service.external_volume}}',
      '    {{#service.host_volume}}',
      '    { "containerPath": "/data", "hostPath": "/srv/z", "mode": "RW" }',
      '    {{/service.host_volume}}',
      '  ] }',
      '}',
    ].join('\n');
    const got = found(lint(text, { uri })).filter(
      (f) => f.rule === 'document' && !/placeholders/.test(f.message),
    );
    assert.deepEqual(
      got.map((g) => [g.severity, g.pointer]),
      [['information', '/container/volumes/1']],
    );
    assert.match(got[0].message, /never renders both sections/);
  });

  test('a section followed by text that is always rendered: the rendered file is broken, an error', () => {
    const text = [
      '{',
      '  "id": "/z", "cmd": "run",',
      '  "container": { "type": "MESOS", "volumes": [',
      '    {{#service.secret}}',
      '    { "containerPath": "secrets/key.json", "secret": "key" }',
      '    {{/service.secret}}',
      '    { "containerPath": "data", "hostPath": "data", "mode": "RW" }',
      '  ] },',
      '  "secrets": { "key": { "source": "key" } }',
      '}',
    ].join('\n');
    assert.deepEqual(notes(text), ['error document /container/volumes/1']);
  });

  test('a trailing comma inside a section is an error (Marathon rejects the rendered file)', () => {
    const text = [
      '{',
      '  "id": "/z", "cmd": "run",',
      '  "env": {',
      '    {{#a}}',
      '    "A": "{{a}}",',
      '    {{/a}}',
      '    "B": "1",',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(
      notes(text).filter((n) => n.includes('document')),
      ['error document /env/B'],
    );
  });
});

describe('templates: the note that says what is checked', () => {
  test('with inverted sections, the note says their content is not checked', () => {
    const note = (text: string) =>
      found(lint(text, { uri })).find((f) => f.rule === 'document' && f.severity === 'information')?.message;
    assert.match(
      note('{\n  "id": "{{name}}",\n  "cmd": "run"{{^x}},\n  "user": "nobody"{{/x}}\n}\n') ?? '',
      /^Template file: its 3 placeholders are not checked, nor what its inverted sections/,
    );
    assert.match(
      note('{\n  "id": "{{name}}",\n  "cmd": "run"\n}\n') ?? '',
      /the rest of the definition is\.$/,
    );
  });
});
