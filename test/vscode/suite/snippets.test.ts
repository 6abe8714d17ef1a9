/**
 * Snippets: every snippet the extension contributes is offered in a JSON file and,
 * inserted as VS Code inserts it (placeholders at their defaults), gives a clean
 * definition: valid JSON with no Marathon error or warning. A whole definition is
 * inserted into an empty file; a fragment (a volume, a volume mount, properties) into
 * a clean definition at the place it belongs.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as vscode from 'vscode';
import {
  codeOf,
  create,
  cursor,
  describeDiagnostics,
  extension,
  marathonDiagnostics,
  problems,
  settled,
} from './util';

interface SnippetFile {
  language: string;
  path: string;
}

interface Snippet {
  name: string;
  prefix: string[];
  body: string;
}

const RESIDENT = `"unreachableStrategy": "disabled",
  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 }`;

/** Clean definitions with a cursor where a fragment of each kind belongs. */
const HOSTS: { kind: string; fits: (fragment: unknown) => boolean; text: string }[] = [
  {
    kind: 'app volume',
    fits: (v) => isObject(v) && 'containerPath' in v,
    text: `{
  "id": "/snippet-host/app",
  "cmd": "sleep 3600",
  "cpus": 0.1,
  "mem": 64,
  "container": {
    "type": "MESOS",
    "volumes": [
      |
    ]
  },
  ${RESIDENT}
}
`,
  },
  {
    kind: 'pod volume mount',
    fits: (v) => isObject(v) && 'mountPath' in v,
    text: `{
  "id": "/snippet-host/pod",
  "volumes": [{ "name": "data" }],
  "scaling": { "kind": "fixed", "instances": 1 },
  "containers": [
    {
      "name": "main",
      "resources": { "cpus": 0.1, "mem": 64 },
      "exec": { "command": { "shell": "sleep 3600" } },
      "volumeMounts": [
        { "name": "data", "mountPath": "data" },
        |
      ]
    }
  ]
}
`,
  },
  {
    kind: 'pod volume',
    fits: (v) => isObject(v) && 'name' in v && !('containerPath' in v) && !('mountPath' in v),
    text: `{
  "id": "/snippet-host/pod",
  "volumes": [
    |
  ],
  "scaling": { "kind": "fixed", "instances": 1 },
  "scheduling": { "unreachableStrategy": "disabled", "upgrade": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 } },
  "containers": [
    {
      "name": "main",
      "resources": { "cpus": 0.1, "mem": 64 },
      "exec": { "command": { "shell": "sleep 3600" } }
    }
  ]
}
`,
  },
  {
    kind: 'app properties',
    fits: () => true,
    text: `{
  "id": "/snippet-host/props",
  "cmd": "sleep 3600",
  "cpus": 0.1,
  "mem": 64,
  |
}
`,
  },
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strictParse(text: string): { value?: unknown; error?: string } {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length)
    return { error: errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`).join(', ') };
  return { value };
}

function contributed(): { files: SnippetFile[]; snippets: Snippet[] } {
  const ext = extension();
  const files: SnippetFile[] = ext.packageJSON.contributes?.snippets ?? [];
  const snippets: Snippet[] = [];
  for (const f of files) {
    const file = path.join(ext.extensionPath, f.path);
    const errors: ParseError[] = [];
    const content = parse(fs.readFileSync(file, 'utf8'), errors) as Record<
      string,
      { prefix: string | string[]; body: string | string[] }
    >;
    assert.equal(errors.length, 0, `${f.path} is not valid JSON`);
    for (const [name, s] of Object.entries(content))
      snippets.push({
        name,
        prefix: Array.isArray(s.prefix) ? s.prefix : [s.prefix],
        body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
      });
  }
  return { files, snippets };
}

/** The text a snippet inserts with its placeholders at their defaults (as VS Code resolves them). */
async function expand(snippet: Snippet, n: number): Promise<string> {
  const editor = await create(`scratch/snippet-expand-${n}.json`, '');
  assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippet.body), new vscode.Position(0, 0)));
  return editor.document.getText();
}

describe('snippets', () => {
  it('contributes snippet files for JSON', () => {
    const { files, snippets } = contributed();
    assert.ok(files.length > 0, 'package.json contributes no snippets');
    for (const f of files) {
      assert.ok(['json', 'jsonc'].includes(f.language), `${f.path}: language ${f.language}`);
      assert.ok(fs.existsSync(path.join(extension().extensionPath, f.path)), `${f.path} is missing`);
    }
    assert.ok(snippets.length > 0, 'the snippet files are empty');
  });

  it('offers every snippet by its prefix in a JSON file', async () => {
    const { snippets } = contributed();
    const { document: doc } = await create('scratch/snippet-offer.json', '');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 0),
    );
    const offered = new Set(
      (list?.items ?? [])
        .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
    );
    for (const s of snippets)
      assert.ok(
        s.prefix.some((p) => offered.has(p)),
        `snippet "${s.name}" (${s.prefix.join(', ')}) is not offered; offered: ${[...offered].join(', ')}`,
      );
  });

  it('inserts every snippet as a clean definition', async () => {
    const { snippets } = contributed();
    assert.ok(snippets.length > 0, 'no snippets');
    const failures: string[] = [];
    let n = 0;
    for (const snippet of snippets) {
      n++;
      const expanded = await expand(snippet, n);
      const whole = strictParse(expanded);
      let doc: vscode.TextDocument;
      let where: string;
      if (isObject(whole.value) && 'id' in whole.value) {
        doc = (await create(`scratch/snippet-${n}.json`, expanded)).document;
        where = 'an empty file';
      } else {
        const fragment = strictParse(expanded).value ?? strictParse(`{${expanded}}`).value;
        const host = HOSTS.find((h) => h.fits(fragment))!;
        const { text, offset } = cursor(host.text);
        const editor = await create(`scratch/snippet-${n}.json`, text);
        assert.ok(
          await editor.insertSnippet(
            new vscode.SnippetString(snippet.body),
            editor.document.positionAt(offset),
          ),
        );
        doc = editor.document;
        where = `a clean ${host.kind} host`;
      }
      await settled();
      const json = strictParse(doc.getText());
      const found = problems(marathonDiagnostics(doc.uri));
      if (json.error)
        failures.push(`"${snippet.name}" in ${where}: not strict JSON (${json.error}):\n${doc.getText()}`);
      else if (found.length)
        failures.push(
          `"${snippet.name}" in ${where}: ${found.map(codeOf).join(', ')}\n${describeDiagnostics(found)}\n${doc.getText()}`,
        );
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
  });
});
