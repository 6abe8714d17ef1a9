/**
 * The definition snippets (snippets/marathon.json): contributed to VS Code for json
 * and jsonc, described in both languages, and each one linted clean by the CLI once its
 * tab stops are at their defaults. Run against another build with
 * MARATHON_CLI=/tmp/marathon-<name>/dist/cli.js.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { EDITING_MESSAGES } from '../server/src/service/editing/messages';
import { expandDefaults } from '../server/src/service/editing/snippet';
import { TEMPLATES, templateText } from '../server/src/service/editing/templates';
import { bundle } from '../server/src/service/l10n';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = process.env.MARATHON_CLI ?? path.join(ROOT, 'dist', 'cli.js');
const FILE = path.join(ROOT, 'snippets', 'marathon.json');
const snippets = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<
  string,
  { prefix: string; description: string; body: string[] }
>;

interface Problem {
  rule: string;
  severity: string;
  message: string;
}

/** Runs the CLI on files; returns its exit status and problems per file. */
function lintFiles(files: string[], args: string[] = []): { status: number; problems: Problem[][] } {
  let out: string;
  let status = 0;
  try {
    out = execFileSync(process.execPath, [CLI, '--format', 'json', ...args, ...files], { encoding: 'utf8' });
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    assert.notEqual(err.status, 2, `the CLI failed: ${err.stderr}`);
    status = err.status;
    out = err.stdout;
  }
  const results = JSON.parse(out) as { file: string; problems: Problem[] }[];
  return { status, problems: files.map((f) => results.find((r) => r.file === f)?.problems ?? []) };
}

describe('contributed snippets', () => {
  test('package.json contributes the file for json and jsonc', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contributed = pkg.contributes.snippets as { language: string; path: string }[];
    assert.deepEqual(contributed.map((c) => c.language).sort(), ['json', 'jsonc']);
    for (const c of contributed) assert.equal(path.resolve(ROOT, c.path), FILE);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!snippets\/\*\.json$/m, 'the snippets are packaged');
  });

  test('six definitions, each served by the server as well', () => {
    assert.deepEqual(
      Object.values(snippets).map((s) => s.prefix),
      [
        'marathon-mysql',
        'marathon-postgres',
        'marathon-pod-shared-volume',
        'marathon-external-docker',
        'marathon-external-mesos',
        'marathon-stateful-app',
      ],
    );
    assert.deepEqual(
      TEMPLATES.map((t) => t.prefix),
      Object.values(snippets).map((s) => s.prefix),
    );
    for (const t of TEMPLATES)
      assert.equal(templateText(t, '\t', '\n', ''), snippets[t.name].body.join('\n'));
  });

  test('descriptions in English and Chinese: VS Code cannot localize them, so the file carries both', () => {
    const zh = bundle('zh-cn');
    for (const t of TEMPLATES) {
      const en = EDITING_MESSAGES[t.description];
      assert.ok(zh[en], `no translation of ${JSON.stringify(en)}`);
      assert.equal(snippets[t.name].description, `${en} · ${zh[en]}`);
    }
  });

  test('tab stops on the values users change', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const body = s.body.join('\n');
      assert.match(body, /"id": "\$\{1:\/[a-z-]+\}"/, `${name}: the id is the first tab stop`);
      assert.match(body, /"(size|image|id)": ("?)\$\{\d+[:|]/, `${name}: sizes and images are tab stops`);
      assert.match(body, /\$0/, `${name}: a final cursor position`);
      if (/"persistent"/.test(body))
        assert.match(body, /"size": \$\{\d+:\d+\}/, `${name}: the persistent size`);
    }
  });

  test('every snippet expands to strict JSON that the CLI reports clean', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marathon-snippets-'));
    try {
      const files = Object.values(snippets).map((s) => {
        const text = expandDefaults(s.body.join('\n')) + '\n';
        const errors: unknown[] = [];
        parseTree(text, errors as never, { disallowComments: true, allowTrailingComma: false });
        assert.deepEqual(errors, [], `${s.prefix} is not strict JSON`);
        const file = path.join(dir, `${s.prefix}.json`);
        fs.writeFileSync(file, text);
        return file;
      });
      // As on DC/OS, where Marathon's role is not "*": nothing at all to report.
      const config = path.join(dir, 'settings.json');
      fs.writeFileSync(config, JSON.stringify({ cluster: { defaultRole: 'slave_public' } }));
      const dcos = lintFiles(files, ['--config', config]);
      files.forEach((f, i) =>
        assert.deepEqual(
          dcos.problems[i].map((p) => `${p.severity} ${p.rule}: ${p.message}`),
          [],
          path.basename(f),
        ),
      );
      assert.equal(dcos.status, 0);
      // With the default settings too: no error, no warning.
      const plain = lintFiles(files);
      assert.equal(plain.status, 0);
      files.forEach((f, i) =>
        assert.deepEqual(
          plain.problems[i]
            .filter((p) => p.severity === 'error' || p.severity === 'warning')
            .map((p) => p.rule),
          [],
          path.basename(f),
        ),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
