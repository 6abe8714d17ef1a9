/**
 * Conformance with Marathon's own verdicts, through the pure service: every case of
 * test/fixtures/conformance-extra (written from marathon-rules.md, rule ids in each
 * `note`) and, when it is there, the shared public set /work/shared/conformance (outside
 * this repository). A rejected case needs an error on each expected path, on its parent,
 * or at most two levels below it; an accepted case must get no error at all. Paths are
 * found the way the measuring tool finds them: the node an error's range starts on, a
 * property key counting as its value.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import { lint } from './helpers';
import { pointerFromPath } from '../server/src/service/json';

interface Case {
  file: string;
  kind: 'app' | 'pod' | 'group';
  expect: 'valid' | 'invalid';
  paths: string[];
  area: string;
  note?: string;
}

const EXTRA = path.join(import.meta.dirname, 'fixtures', 'conformance-extra');
const PUBLIC = process.env.MARATHON_CONFORMANCE_DIR ?? '/work/shared/conformance';

function readCases(dir: string): Case[] {
  return JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')) as Case[];
}

/** JSON Pointer of the node a diagnostic starting at `offset` is on (a key counts as its value). */
function pointerAt(tree: Node | undefined, offset: number): string {
  let node = tree ? findNodeAtOffset(tree, offset, true) : undefined;
  if (!node) return '';
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node && parent.children[1])
    node = parent.children[1];
  if (node.type === 'property' && node.children?.[1]) node = node.children[1];
  return pointerFromPath(getNodePath(node));
}

const depth = (p: string) => (p === '' ? 0 : p.split('/').length - 1);

/** The measuring tool's rule: the expected node, its parent, or up to two levels below. */
export function hits(got: string, expected: string): boolean {
  if (expected === '') return depth(got) <= 1;
  if (got === expected) return true;
  if (expected.startsWith(got + '/') && depth(expected) - depth(got) <= 1) return true;
  return got.startsWith(expected + '/') && depth(got) - depth(expected) <= 2;
}

/** Errors of a case file as `pointer: rule: message`, and their pointers. */
function errorsOf(dir: string, c: Case): { pointers: string[]; lines: string[] } {
  const text = fs.readFileSync(path.join(dir, c.file), 'utf8');
  // A neutral location: no marathon.files glob matches it, so the content decides, as in the tool.
  const a = lint(text, { uri: `file:///conformance/${c.file}` });
  const errors = a.problems.filter((p) => p.severity === 'error');
  const pointers = errors.map((p) => pointerAt(a.doc.tree, p.offset));
  return { pointers, lines: errors.map((p, i) => `${pointers[i]}: ${p.rule}: ${p.message}`) };
}

function runCases(dir: string, cases: Case[]): void {
  for (const c of cases) {
    const title = `${c.file} [${c.area}] ${c.expect}${c.expect === 'invalid' ? ' at ' + c.paths.join(', ') : ''}`;
    test(title, () => {
      const { pointers, lines } = errorsOf(dir, c);
      if (c.expect === 'valid') {
        assert.deepEqual(lines, [], `Marathon accepts ${c.file} (${c.note ?? ''}); no error expected`);
        return;
      }
      assert.ok(c.paths.length > 0, `${c.file}: a rejected case names the paths Marathon reports`);
      const missed = c.paths.filter((p) => !pointers.some((got) => hits(got, p)));
      assert.deepEqual(
        missed,
        [],
        `${c.file} (${c.note ?? ''}): no error at ${missed.join(', ')}; errors: ${JSON.stringify(lines)}`,
      );
    });
  }
}

describe('the path matching of the measuring tool', () => {
  test('same node, parent, and up to two levels below; the root takes depth 0 and 1', () => {
    assert.ok(hits('/container/volumes/0/mode', '/container/volumes/0/mode'));
    assert.ok(hits('/container/volumes/0', '/container/volumes/0/hostPath'));
    assert.ok(!hits('/container/volumes', '/container/volumes/0/hostPath'));
    assert.ok(hits('/container/volumes/0/persistent/size', '/container/volumes/0'));
    assert.ok(!hits('/container/volumes/0/external/options/dvdi~1iops', '/container/volumes/0'));
    assert.ok(!hits('/container/volumes/0/mode', '/container/volumes/0/hostPath'));
    assert.ok(hits('', '') && hits('/instances', '') && !hits('/upgradeStrategy/maximumOverCapacity', ''));
    assert.ok(!hits('/container/volumes/10', '/container/volumes/1'));
  });

  test('an error on a key is on its value; positions between members are on the object', () => {
    const text = '{"id": "/a", "container": {"type": "MESOS"}}';
    const a = lint(text);
    const tree = a.doc.tree;
    assert.equal(pointerAt(tree, text.indexOf('"container"')), '/container');
    assert.equal(pointerAt(tree, text.indexOf('"MESOS"')), '/container/type');
    assert.equal(pointerAt(tree, 0), '');
  });
});

describe('conformance-extra: cases written from marathon-rules.md', () => {
  const cases = readCases(EXTRA);

  test('the set is well formed: every file exists, ids are unique, every area is covered', () => {
    const files = new Set(fs.readdirSync(EXTRA).filter((f) => f !== 'cases.json'));
    assert.equal(new Set(cases.map((c) => c.file)).size, cases.length);
    assert.deepEqual(
      [...files].sort(),
      cases.map((c) => c.file).sort(),
      'every case file is listed once, and nothing else is in the directory',
    );
    for (const c of cases) {
      assert.ok(['app', 'pod', 'group'].includes(c.kind), c.file);
      assert.ok(c.expect === 'valid' ? c.paths.length === 0 : c.paths.length > 0, c.file);
      assert.match(c.note ?? '', /\b(LV|EV|HV|SV|PV|RS|CN|GEN|D|P|S)-?\d+\b|§\d/, `${c.file} cites a rule`);
      JSON.parse(fs.readFileSync(path.join(EXTRA, c.file), 'utf8'));
    }
    const areas = new Set(cases.map((c) => c.area));
    for (const a of [
      'local-volume',
      'external-volume',
      'host-volume',
      'secret-volume',
      'pod-volume',
      'residency',
      'general',
    ])
      assert.ok(areas.has(a), `area ${a} is covered`);
    assert.ok(cases.some((c) => c.kind === 'group' && c.expect === 'valid'));
    assert.ok(cases.some((c) => c.kind === 'group' && c.expect === 'invalid'));
    assert.ok(cases.length >= 120);
  });

  runCases(EXTRA, cases);
});

const publicSet = fs.existsSync(path.join(PUBLIC, 'cases.json'));
describe(
  `the shared public conformance set (${PUBLIC})`,
  {
    skip: publicSet
      ? false
      : `${PUBLIC} is not here: it lives outside this repository (set MARATHON_CONFORMANCE_DIR to run it)`,
  },
  () => {
    if (publicSet) runCases(PUBLIC, readCases(PUBLIC));
  },
);
