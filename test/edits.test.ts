import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFixAcrossFormats, formatLike, STYLES } from './formats';
import { parseDocument } from '../server/src/service/document';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { applyEdits, EditBuilder } from '../server/src/service/edits';
import { prop } from '../server/src/service/json';

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
