/**
 * The Chinese display language (a VS Code session started with `--locale zh-cn` and a
 * language pack for zh-cn): the language server takes its language from the client
 * (LSP initialize.locale = vscode.env.language), so diagnostics and quick fix titles
 * are the Simplified Chinese of l10n/bundle.l10n.zh-cn.json; the manifest texts come
 * from package.nls.zh-cn.json.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  codeOf,
  describeActions,
  extension,
  hasChinese,
  isTranslationOf,
  open,
  quickFixesFor,
  ruleFor,
  ruleMeta,
  waitForCode,
  waitForDiagnostics,
} from './util';

describe('Chinese display language', () => {
  it('runs VS Code with the zh-cn display language', () => {
    assert.equal(vscode.env.language, 'zh-cn');
  });

  it('shows the manifest texts in Chinese', () => {
    const ext = extension();
    const nls = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.nls.zh-cn.json'), 'utf8'));
    assert.equal(ext.packageJSON.displayName, nls.displayName);
    assert.ok(hasChinese(ext.packageJSON.displayName));
  });

  it('reports schema problems in Chinese', async () => {
    const { document: doc } = await open('apps/broken-schema.json');
    const ds = await waitForDiagnostics(
      doc.uri,
      (ds) => ['schema-type', 'schema-enum'].every((c) => ds.some((d) => codeOf(d) === c)),
      'schema-type and schema-enum diagnostics',
    );
    for (const d of ds.filter((x) => ['schema-type', 'schema-enum'].includes(codeOf(x)!))) {
      const templates = Object.values(ruleMeta(codeOf(d)!).messages);
      assert.ok(isTranslationOf(d.message, templates, 'zh-cn'), `not the Chinese text: ${d.message}`);
    }
  });

  it('titles quick fixes in Chinese', async () => {
    const { document: doc } = await open('apps/broken-schema.json');
    const ds = await waitForCode(doc.uri, 'schema-enum');
    const { fixes, all } = await quickFixesFor(
      doc.uri,
      ds.find((d) => codeOf(d) === 'schema-enum')!,
    );
    assert.ok(fixes.length > 0, `no quick fix; code actions at the range:\n${describeActions(all)}`);
    const templates = Object.values(ruleMeta('schema-enum').fixes ?? {});
    for (const f of fixes)
      assert.ok(isTranslationOf(f.title, templates, 'zh-cn'), `not the Chinese title: ${f.title}`);
  });

  it('reports an absolute persistent containerPath in Chinese (LV-01)', async () => {
    const code = ruleFor('LV-01');
    const { document: doc } = await open('apps/mysql-broken.json');
    const ds = await waitForCode(doc.uri, code);
    const d = ds.find((x) => codeOf(x) === code)!;
    assert.ok(isTranslationOf(d.message, Object.values(ruleMeta(code).messages), 'zh-cn'), d.message);
  });
});
