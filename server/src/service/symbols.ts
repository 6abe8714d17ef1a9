/**
 * Document symbols (outline): groups, apps, pods, their containers and volumes,
 * labelled by id, name or path, with the volume kind and size as detail.
 *
 * Decision on VS Code: its built-in JSON extension already provides an outline of every
 * JSON file, and VS Code does not merge the results of several document symbol
 * providers: `OutlineModel.create` makes one group per provider and shows each group
 * as a separate tree (and Go to Symbol lists both), so the same apps and volumes would
 * appear twice. The server therefore answers `textDocument/documentSymbol` for the
 * editors that have no JSON outline of their own (Neovim, Emacs, Sublime, Helix...),
 * and the VS Code client drops the answer in its middleware (client/src/extension.ts).
 */
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { m } from './editing/describe';
import type { EditingMessage } from './editing/messages';
import { keyNode, num, prop, str, type Node } from './json';
import type { Locale } from './l10n';
import type { AppView, AppVolumeKind, GroupView, PodView, PodVolumeKind } from './model';

const APP_KINDS: Record<AppVolumeKind, EditingMessage> = {
  persistent: 'kindPersistent',
  'external-dvdi': 'kindExternalDvdi',
  'external-csi': 'kindExternalCsi',
  secret: 'kindSecret',
  host: 'kindHost',
};

const POD_KINDS: Record<PodVolumeKind, EditingMessage> = {
  persistent: 'kindPersistent',
  secret: 'kindSecret',
  host: 'kindHost',
  ephemeral: 'kindEphemeral',
};

export function documentSymbols(analysis: Analysis, locale: Locale): DocumentSymbol[] {
  const model = analysis.model;
  if (!model) return [];
  const doc = analysis.doc;
  const range = (n: Node): Range => ({
    start: doc.lines.positionAt(n.offset),
    end: doc.lines.positionAt(n.offset + n.length),
  });
  /** A symbol whose selection is `label` (a node inside `node`), or the node's start. */
  const symbol = (
    name: string,
    detail: string,
    kind: SymbolKind,
    node: Node,
    label: Node | undefined,
    children: DocumentSymbol[] = [],
  ): DocumentSymbol => {
    const r = range(node);
    const inside =
      label && label.offset >= node.offset && label.offset + label.length <= node.offset + node.length;
    return {
      name: name || '?',
      detail,
      kind,
      range: r,
      selectionRange: inside ? range(label) : { start: r.start, end: r.start },
      children,
    };
  };
  const idLabel = (n: Node) => prop(n, 'id') ?? keyNode(n, 'id');

  const app = (a: AppView): DocumentSymbol => {
    const details = [m(locale, 'kindApp')];
    if (a.containerType) details.push(a.containerType);
    if (a.resident) details.push(m(locale, 'kindResident'));
    const children: DocumentSymbol[] = [];
    if (a.container) {
      const volumes = a.volumes.map((v) => {
        const path = str(prop(v.node, 'containerPath'));
        return symbol(
          path ?? `[${v.index}]`,
          volumeDetail(APP_KINDS[v.kind], v.node, v.kind),
          SymbolKind.Field,
          v.node,
          prop(v.node, 'containerPath'),
        );
      });
      children.push(
        symbol(
          'container',
          [m(locale, 'kindContainer'), a.containerType].filter(Boolean).join(' · '),
          SymbolKind.Object,
          a.container,
          keyNode(a.node, 'container'),
          volumes,
        ),
      );
    }
    return symbol(a.id ?? '?', details.join(' · '), SymbolKind.Class, a.node, idLabel(a.node), children);
  };

  const pod = (p: PodView): DocumentSymbol => {
    const details = [m(locale, 'kindPod')];
    if (p.resident) details.push(m(locale, 'kindResident'));
    const volumes = p.volumes.map((v) =>
      symbol(
        v.name ?? `[${v.index}]`,
        volumeDetail(POD_KINDS[v.kind], v.node, v.kind),
        SymbolKind.Field,
        v.node,
        prop(v.node, 'name'),
      ),
    );
    const containers = p.containers.map((c) =>
      symbol(
        c.name ?? `[${c.index}]`,
        m(locale, 'kindContainer'),
        SymbolKind.Object,
        c.node,
        prop(c.node, 'name'),
        c.volumeMounts.map((mount) => {
          const name = str(prop(mount, 'name')) ?? '?';
          const path = str(prop(mount, 'mountPath'));
          return symbol(
            path ? `${name} → ${path}` : name,
            '',
            SymbolKind.Property,
            mount,
            prop(mount, 'name'),
          );
        }),
      ),
    );
    return symbol(p.id ?? '?', details.join(' · '), SymbolKind.Module, p.node, idLabel(p.node), [
      ...volumes,
      ...containers,
    ]);
  };

  const group = (g: GroupView): DocumentSymbol =>
    symbol(
      g.id ?? g.absoluteId ?? '/',
      m(locale, 'kindGroup'),
      SymbolKind.Namespace,
      g.node,
      idLabel(g.node),
      [...g.apps.map(app), ...g.pods.map(pod), ...g.groups.map(group)],
    );

  function volumeDetail(kindKey: EditingMessage, v: Node, kind: AppVolumeKind | PodVolumeKind): string {
    const parts = [m(locale, kindKey)];
    if (kind === 'persistent') {
      const size = num(prop(prop(v, 'persistent'), 'size'));
      if (size !== undefined) parts.push(m(locale, 'sizeMiB', { size }));
    } else if (kind === 'external-dvdi') {
      const size = num(prop(prop(v, 'external'), 'size'));
      if (size !== undefined) parts.push(m(locale, 'sizeGiB', { size }));
    }
    return parts.join(' · ');
  }

  switch (model.kind) {
    case 'group':
      return model.groups.filter((g) => !g.parent).map(group);
    case 'pod':
      return model.pods.map(pod);
    default:
      return model.apps.map(app);
  }
}
