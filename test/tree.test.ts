/**
 * The compact tree (tree.ts) is jsonc-parser's `parseTree` tree, node for node: on real
 * definitions, on random edits of them (broken JSON, error recovery) and on comments and
 * trailing commas under both option sets; with each `children` array at its exact size.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseTree, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';
import { parseJsonTree, STRICT } from '../server/src/service/tree';

const CORPUS = path.resolve(__dirname, '../../shared/corpus/real-world');

function same(a: Node | undefined, b: Node | undefined, parent: Node | undefined, at = '$'): void {
  assert.equal(a?.type, b?.type, `type at ${at}`);
  if (!a || !b) return;
  assert.equal(a.parent, parent, `parent link at ${at}`);
  assert.deepEqual(
    [a.offset, a.length, a.value, a.colonOffset, a.children?.length],
    [b.offset, b.length, b.value, b.colonOffset, b.children?.length],
    `node at ${at}`,
  );
  a.children?.forEach((c, i) => same(c, b.children![i], a, `${at}/${i}`));
}

function check(text: string, options: ParseOptions, what: string): void {
  const mine: ParseError[] = [];
  const theirs: ParseError[] = [];
  const tree = parseJsonTree(text, mine, options);
  same(tree, parseTree(text, theirs, options), undefined, what);
  assert.deepEqual(mine, theirs, `errors of ${what}`);
}

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const texts = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, fs.readFileSync(path.join(CORPUS, f), 'utf8')] as const);

describe('parseJsonTree', () => {
  test('gives parseTree’s tree for every real-world definition', () => {
    assert.ok(texts.length > 100);
    for (const [name, text] of texts) check(text, STRICT, name);
  });

  test('and for random edits of them, broken JSON included', () => {
    const random = rng(11);
    const snippets = ['"', ',', '{', '}', '[', ']', ':', '1', 'true', ' ', '\n', '//', '/*', '"a": ', ''];
    let broken = 0;
    for (let i = 0; i < 3000; i++) {
      const [name, text] = texts[Math.floor(random() * texts.length)];
      const offset = Math.floor(random() * text.length);
      const length = Math.floor(random() * 8);
      const edited =
        text.slice(0, offset) +
        snippets[Math.floor(random() * snippets.length)] +
        text.slice(offset + length);
      const options = random() < 0.5 ? STRICT : { allowTrailingComma: true };
      const errors: ParseError[] = [];
      parseTree(edited, errors, options);
      if (errors.length) broken++;
      check(edited, options, `${name} edited at ${offset}`);
    }
    assert.ok(broken > 1000, `only ${broken} of the edits broke the JSON`);
  });

  test('the edge cases: nothing, a scalar, several values, unclosed containers, a missing value', () => {
    for (const text of [
      '',
      '   ',
      '1',
      '"a"',
      '{} {}',
      '[1, 2',
      '{"a": ',
      '{"a" 1}',
      '{"a": 1,}',
      '[,]',
      '{,"b": {}}',
    ])
      check(text, STRICT, JSON.stringify(text));
  });

  test('makes every children array at its size (a property’s holds its key and value)', () => {
    const tree = parseJsonTree('{"a": [1, 2, 3], "b": {"c": null}}')!;
    const property = tree.children![0];
    assert.deepEqual(
      property.children!.map((c) => c.type),
      ['string', 'array'],
    );
    assert.equal(property.colonOffset, 4);
    assert.equal(property.children![1].children!.length, 3);
  });
});
