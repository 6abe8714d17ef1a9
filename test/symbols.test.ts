/** Document symbols: groups, apps, pods, containers and volumes, labelled by id, name or path. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { documentSymbols } from '../server/src/service/symbols';
import { lint } from './helpers';

interface Shape {
  name: string;
  detail?: string;
  kind: SymbolKind;
  children?: Shape[];
}

const shape = (s: DocumentSymbol): Shape => ({
  name: s.name,
  detail: s.detail,
  kind: s.kind,
  ...(s.children?.length ? { children: s.children.map(shape) } : {}),
});

const within = (inner: Range, outer: Range) =>
  (inner.start.line > outer.start.line ||
    (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
  (inner.end.line < outer.end.line ||
    (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

function assertRanges(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assert.ok(within(s.selectionRange, s.range), `${s.name}: selection outside its range`);
    if (parent) assert.ok(within(s.range, parent.range), `${s.name}: outside ${parent.name}`);
    assert.ok(s.name.length > 0);
    assertRanges(s.children ?? [], s);
  }
}

const GROUP = {
  id: '/prod',
  apps: [
    {
      id: 'mysql',
      cmd: 'run',
      container: {
        type: 'DOCKER',
        docker: { image: 'mysql:8' },
        volumes: [
          { containerPath: 'mysqldata', mode: 'RW', persistent: { size: 2048 } },
          { containerPath: '/var/lib/mysql', hostPath: 'mysqldata', mode: 'RW' },
        ],
      },
    },
  ],
  groups: [
    {
      id: 'storage',
      apps: [
        {
          id: 'ebs',
          cmd: 'run',
          container: {
            type: 'MESOS',
            volumes: [
              {
                containerPath: 'data',
                mode: 'RW',
                external: { name: 'v', provider: 'dvdi', size: 16, options: { 'dvdi/driver': 'rexray' } },
              },
            ],
          },
        },
      ],
    },
  ],
};

const POD = {
  id: '/web',
  volumes: [{ name: 'cache' }, { name: 'data', persistent: { size: 512 } }],
  containers: [
    {
      name: 'nginx',
      resources: { cpus: 0.1, mem: 64 },
      volumeMounts: [
        { name: 'cache', mountPath: 'cache' },
        { name: 'data', mountPath: '/usr/share/nginx/html' },
      ],
    },
  ],
};

describe('document symbols', () => {
  test('a group tree with its apps, containers and volumes', () => {
    const symbols = documentSymbols(lint(GROUP), 'en');
    assert.deepEqual(symbols.map(shape), [
      {
        name: '/prod',
        detail: 'group',
        kind: SymbolKind.Namespace,
        children: [
          {
            name: 'mysql',
            detail: 'app · DOCKER · resident',
            kind: SymbolKind.Class,
            children: [
              {
                name: 'container',
                detail: 'container · DOCKER',
                kind: SymbolKind.Object,
                children: [
                  { name: 'mysqldata', detail: 'local persistent volume · 2048 MiB', kind: SymbolKind.Field },
                  { name: '/var/lib/mysql', detail: 'host volume', kind: SymbolKind.Field },
                ],
              },
            ],
          },
          {
            name: 'storage',
            detail: 'group',
            kind: SymbolKind.Namespace,
            children: [
              {
                name: 'ebs',
                detail: 'app · MESOS',
                kind: SymbolKind.Class,
                children: [
                  {
                    name: 'container',
                    detail: 'container · MESOS',
                    kind: SymbolKind.Object,
                    children: [
                      { name: 'data', detail: 'external volume (DVDI) · 16 GiB', kind: SymbolKind.Field },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ]);
    assertRanges(symbols);
  });

  test('a pod with its volumes, containers and mounts; the selection is the id', () => {
    const a = lint(POD);
    const symbols = documentSymbols(a, 'en');
    assert.deepEqual(symbols.map(shape), [
      {
        name: '/web',
        detail: 'pod · resident',
        kind: SymbolKind.Module,
        children: [
          { name: 'cache', detail: 'ephemeral volume', kind: SymbolKind.Field },
          { name: 'data', detail: 'local persistent volume · 512 MiB', kind: SymbolKind.Field },
          {
            name: 'nginx',
            detail: 'container',
            kind: SymbolKind.Object,
            children: [
              { name: 'cache → cache', detail: '', kind: SymbolKind.Property },
              { name: 'data → /usr/share/nginx/html', detail: '', kind: SymbolKind.Property },
            ],
          },
        ],
      },
    ]);
    const sel = symbols[0].selectionRange;
    const doc = a.doc.lines;
    assert.equal(a.doc.text.slice(doc.offsetAt(sel.start), doc.offsetAt(sel.end)), '"/web"');
    assertRanges(symbols);
  });

  test('details in Chinese', () => {
    const symbols = documentSymbols(lint(POD), 'zh-cn');
    assert.match(String(symbols[0].children?.[1].detail), /^本地持久卷 · 512 MiB$/);
  });

  test('an array of apps, and half-written definitions never give empty names', () => {
    const symbols = documentSymbols(
      lint('[{ "id": "/a", "cmd": "run" }, { "id": "/b", "container": { "volumes": [ {} ] } }]'),
      'en',
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['/a', '/b'],
    );
    assertRanges(symbols);
    assert.equal(symbols[1].children?.[0].children?.[0].name, '[0]');
  });
});
