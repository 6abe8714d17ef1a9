/**
 * Completion as VS Code asks for it (`vscode.executeCompletionItemProvider`): values
 * of persistent.type, and the pod's own volume names for a volume mount.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { create, cursor } from './util';

function labelOf(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label.label;
  return label.replace(/^"|"$/g, '');
}

async function completeAt(rel: string, textWithCursor: string): Promise<vscode.CompletionItem[]> {
  const { text, offset } = cursor(textWithCursor);
  const { document: doc } = await create(rel, text);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    doc.positionAt(offset),
  );
  return list?.items ?? [];
}

describe('completion', () => {
  it('offers root, path and mount for persistent.type', async () => {
    const items = await completeAt(
      'scratch/completion-type.json',
      `{
  "id": "/data",
  "cmd": "sleep 3600",
  "container": {
    "type": "MESOS",
    "volumes": [
      {
        "containerPath": "data",
        "mode": "RW",
        "persistent": { "type": "|", "size": 100 }
      }
    ]
  }
}
`,
    );
    const labels = items.map(labelOf);
    for (const value of ['root', 'path', 'mount'])
      assert.ok(
        labels.includes(value),
        `"${value}" is not offered; offered: ${labels.join(', ') || '(none)'}`,
      );
  });

  it('offers the pod volume names for a volume mount', async () => {
    const items = await completeAt(
      'scratch/completion-mount.json',
      `{
  "id": "/db",
  "volumes": [
    { "name": "pgdata", "persistent": { "type": "root", "size": 1024 } },
    { "name": "scratch-space" }
  ],
  "scaling": { "kind": "fixed", "instances": 1 },
  "containers": [
    {
      "name": "postgres",
      "resources": { "cpus": 1, "mem": 1024 },
      "image": { "kind": "DOCKER", "id": "postgres:16" },
      "volumeMounts": [{ "name": "|", "mountPath": "pgdata" }]
    }
  ]
}
`,
    );
    const labels = items.map(labelOf);
    for (const name of ['pgdata', 'scratch-space'])
      assert.ok(labels.includes(name), `"${name}" is not offered; offered: ${labels.join(', ') || '(none)'}`);
  });
});
