/**
 * Hover (`vscode.executeHoverProvider`): the units users get wrong, MiB for a local
 * persistent volume and GiB for an external one.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { create, cursor } from './util';

async function hoverText(rel: string, textWithCursor: string): Promise<string> {
  const { text, offset } = cursor(textWithCursor);
  const { document: doc } = await create(rel, text);
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(offset),
    )) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('hover', () => {
  it('says that persistent.size is in MiB', async () => {
    const text = await hoverText(
      'scratch/hover-persistent.json',
      `{
  "id": "/data",
  "cmd": "sleep 3600",
  "container": {
    "type": "MESOS",
    "volumes": [{ "containerPath": "data", "mode": "RW", "persistent": { "type": "root", "s|ize": 1000 } }]
  }
}
`,
    );
    assert.match(text, /MiB/, `hover text: ${text || '(none)'}`);
  });

  it('says that external.size is in GiB', async () => {
    const text = await hoverText(
      'scratch/hover-external.json',
      `{
  "id": "/data",
  "cmd": "sleep 3600",
  "container": {
    "type": "MESOS",
    "volumes": [
      {
        "containerPath": "data",
        "mode": "RW",
        "external": { "name": "hover-vol", "provider": "dvdi", "s|ize": 10, "options": { "dvdi/driver": "rexray" } }
      }
    ]
  }
}
`,
    );
    assert.match(text, /GiB/, `hover text: ${text || '(none)'}`);
  });
});
