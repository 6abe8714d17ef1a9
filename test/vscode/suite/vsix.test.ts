/**
 * What ships is what was tested: this session runs in a VS Code where the extension is
 * installed from the .vsix (`--install-extension`), not loaded from the repository.
 * It checks activation by a command (nothing JSON is opened before), the packaged files,
 * and that the installed copy validates.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../../package.json';
import { codeOf, extension, open, rangeOf, until, waitForCode, assertRange } from './util';

const MiB = 1024 * 1024;

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

describe('the installed .vsix', () => {
  it('is the installed copy of this version, not the repository folder', () => {
    const ext = extension();
    assert.equal(ext.packageJSON.version, pkg.version);
    assert.ok(
      !fs.existsSync(path.join(ext.extensionPath, 'client', 'src')),
      `${ext.extensionPath} has the sources`,
    );
    assert.match(ext.extensionPath, /extensions/);
  });

  it('is not active before a JSON document is opened or a command is run', () => {
    assert.equal(extension().isActive, false);
  });

  it('activates on its command', async () => {
    // No editor is open: the command has nothing to do, but running it activates the extension.
    await vscode.commands.executeCommand('marathon.excludeFile');
    await until('the extension to activate', () => extension().isActive);
  });

  it('validates a Marathon app', async () => {
    const { document: doc } = await open('apps/broken-schema.json');
    const ds = await waitForCode(doc.uri, 'schema-type');
    assertRange(ds.find((d) => codeOf(d) === 'schema-type')!.range, rangeOf(doc, '"512"'), 'schema-type');
  });

  it('ships the bundles, schemas, snippets, both languages, the docs and an icon, and nothing else', () => {
    const ext = extension();
    const files = filesUnder(ext.extensionPath);
    const has = (f: string) => files.includes(f);
    for (const f of [
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      'l10n/bundle.l10n.zh-cn.json',
      'dist/extension.js',
      'dist/client.js',
      'dist/server.js',
      'dist/server-core.js',
      'dist/cli.js',
      ext.packageJSON.icon,
    ])
      assert.ok(has(f), `${f} is not in the package`);
    // vsce stores these as readme.md, changelog.md and LICENSE.txt.
    for (const re of [/^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt|\.md)?$/i])
      assert.ok(
        files.some((f) => re.test(f)),
        `no ${re.source} in the package`,
      );
    for (const s of fs.readdirSync(path.join(__dirname, '..', '..', '..', 'schemas')))
      assert.ok(has(`schemas/${s}`), `schemas/${s} is not in the package`);
    for (const s of ext.packageJSON.contributes?.snippets ?? [])
      assert.ok(has(path.posix.normalize(s.path)), `${s.path} is not in the package`);
    const unwanted = files.filter(
      (f) =>
        /\.(ts|map|mjs|tsbuildinfo)$/.test(f) ||
        /^(node_modules|client|server|test|scripts|out|docs|examples|\.ci|\.vscode)\//.test(f) ||
        /(^|\/)\.(eslint|prettier|editorconfig|gitignore)/.test(f),
    );
    assert.deepEqual(unwanted, [], 'files that do not belong in the package');
  });

  it('has production bundles: minified, no source maps', () => {
    const dist = path.join(extension().extensionPath, 'dist');
    for (const f of ['extension.js', 'client.js', 'server.js', 'server-core.js', 'cli.js']) {
      const text = fs.readFileSync(path.join(dist, f), 'utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, `${f} refers to a source map`);
      const lines = text.split('\n');
      assert.ok(text.length / lines.length > 500, `${f} does not look minified (${lines.length} lines)`);
    }
  });

  it('is a .vsix under 1 MiB', () => {
    const vsix = process.env.MARATHON_VSCODE_VSIX;
    assert.ok(vsix, 'MARATHON_VSCODE_VSIX is not set');
    const size = fs.statSync(vsix).size;
    assert.ok(size < MiB, `${path.basename(vsix)} is ${(size / MiB).toFixed(2)} MiB`);
  });

  it('declares its workspace trust and virtual workspace support', () => {
    const caps = extension().packageJSON.capabilities;
    assert.equal(caps?.untrustedWorkspaces?.supported, true);
    assert.equal(caps?.virtualWorkspaces?.supported, 'limited');
    assert.ok(caps.virtualWorkspaces.description, 'a limited virtual workspace support says what is limited');
  });
});
