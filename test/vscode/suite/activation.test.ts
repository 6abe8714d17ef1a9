/**
 * Activation: the extension starts only for JSON documents (or its commands), never at
 * start-up, and its language server answers once it has.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, open, until, waitForCode } from './util';

describe('activation', () => {
  it('declares only JSON languages (and, implicitly, its commands) as activation events', () => {
    const events: string[] = extension().packageJSON.activationEvents ?? [];
    assert.deepEqual([...events].sort(), ['onLanguage:json', 'onLanguage:jsonc']);
    const commands: { command: string }[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(commands.length > 0, 'no commands contributed');
  });

  it('is not active in a workspace full of JSON files before one is opened', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the fixture workspace is not open');
    assert.equal(extension().isActive, false);
  });

  it('stays inactive when a plain text file is opened', async () => {
    const editor = await open('scratch/README.txt');
    assert.equal(editor.document.languageId, 'plaintext');
    assert.equal(extension().isActive, false);
  });

  it('activates when a JSON document is opened and validates it', async () => {
    const editor = await open('apps/broken-schema.json');
    assert.equal(editor.document.languageId, 'json');
    await until('the extension to activate', () => extension().isActive);
    await waitForCode(editor.document.uri, 'schema-type');
  });
});
