import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { renderRulesDoc } from '../server/src/service/rulesDoc';
import { RULES } from '../server/src/service/rules/registry';

const ROOT = path.resolve(import.meta.dirname, '..');

test('docs/rules.md and docs/rules.zh-cn.md are up to date with the registry (npm run docs)', () => {
  assert.equal(fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8'), renderRulesDoc('en'));
  assert.equal(fs.readFileSync(path.join(ROOT, 'docs', 'rules.zh-cn.md'), 'utf8'), renderRulesDoc('zh-cn'));
});

test('rule ids are unique, kebab-case, and every rule has messages', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) {
    assert.match(r.meta.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, r.meta.id);
    assert.ok(Object.keys(r.meta.messages).length > 0, r.meta.id);
    assert.ok(r.app || r.pod || r.document, `${r.meta.id} has no check`);
  }
});
