/**
 * Both languages, complete: every user-visible English text of the product has a
 * Simplified Chinese translation with the same placeholders, and nothing else is in
 * the bundle; package.nls files match; schema descriptions are bilingual.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { bundle } from '../server/src/service/l10n';
import { englishMessages as english } from '../scripts/l10n-catalog';

const ROOT = path.resolve(import.meta.dirname, '..');
const CJK = /[\u4e00-\u9fff]/;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('l10n bundle', () => {
  const zh = bundle('zh-cn');

  test('every English text has a Chinese translation', () => {
    const missing = [...english()].filter((m) => !(m in zh));
    assert.deepEqual(
      missing,
      [],
      `missing in l10n/bundle.l10n.zh-cn.json:\n${missing.map((m) => JSON.stringify(m)).join(',\n')}`,
    );
  });

  test('the bundle holds no text the product does not use', () => {
    const used = english();
    assert.deepEqual(
      Object.keys(zh).filter((k) => !used.has(k)),
      [],
    );
  });

  test('translations keep the placeholders and are Chinese', () => {
    for (const [en, cn] of Object.entries(zh)) {
      assert.deepEqual(placeholders(cn), placeholders(en), `placeholders differ for ${JSON.stringify(en)}`);
      if (!/^[\w-]+$/.test(en) && /[a-z]{3}/.test(en.replace(/"[^"]*"|`[^`]*`|\{\w+\}/g, '')))
        assert.match(cn, CJK, `not translated: ${JSON.stringify(en)}`);
    }
  });
});

describe('package.nls', () => {
  const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
  const pkg = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');

  test('both languages have the same keys', () => {
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  });

  test('every %key% of package.json exists, and every key is used', () => {
    const used = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(
      used.filter((k) => !(k in en)),
      [],
    );
    assert.deepEqual(
      Object.keys(en).filter((k) => !used.includes(k)),
      [],
    );
  });

  test('the Chinese texts are Chinese', () => {
    for (const [k, v] of Object.entries(zh)) assert.match(String(v), CJK, k);
  });
});

describe('schemas', () => {
  test('every description and deprecation message has a Chinese version', () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'schemas'))) {
      const missing: string[] = [];
      const walk = (node: unknown, at: string) => {
        if (!node || typeof node !== 'object') return;
        const o = node as Record<string, unknown>;
        if (typeof o.description === 'string' && !CJK.test(String(o['x-description-zh-cn'] ?? '')))
          missing.push(at + ' description');
        if (
          typeof o.markdownDescription === 'string' &&
          !CJK.test(String(o['x-markdownDescription-zh-cn'] ?? ''))
        )
          missing.push(at + ' markdownDescription');
        if (
          typeof o.deprecationMessage === 'string' &&
          !CJK.test(String(o['x-deprecationMessage-zh-cn'] ?? ''))
        )
          missing.push(at + ' deprecationMessage');
        for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
      };
      walk(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', file), 'utf8')), file);
      assert.deepEqual(missing, []);
    }
  });
});
