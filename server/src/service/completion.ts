/**
 * Completion at a cursor offset, from the schemas and the document: the property keys
 * Marathon accepts in the object at the cursor (only those of the branch that applies:
 * the volume kind, the container type; never deprecated, read-only or present ones),
 * each with a value scaffold as a snippet; the values it accepts in that context (enums
 * narrowed by the facts of `editing/facts.ts`, booleans, defaults, references to the
 * document's own volumes and secrets); whole volumes and mounts inside their arrays;
 * definition templates in empty files and group `apps` arrays.
 *
 * Works on half-typed JSON (`editing/cursor.ts`) and costs the depth of the document at
 * the cursor, never its size: the parse and the analysis are cached per version.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { ParsedDocument } from './document';
import type { OffsetEdit } from './edits';
import { cursorAt, type Cursor } from './editing/cursor';
import { detailText, documentation, m } from './editing/describe';
import {
  allowedValues,
  appStateful,
  appVolumeAt,
  DVDI_DRIVERS,
  keyAllowed,
  placeOf,
  references,
  type Place,
} from './editing/facts';
import { formattingOf, memberLayout } from './editing/format';
import { itemProposals } from './editing/items';
import {
  choice,
  expandDefaults,
  hole,
  render,
  renderItems,
  renderMember,
  tab,
  Tab,
  type Scalar,
  type Template,
} from './editing/snippet';
import { TEMPLATES, templateText } from './editing/templates';
import { elements, prop, properties, str } from './json';
import type { Locale } from './l10n';
import {
  annotation,
  enumOf,
  expandProperty,
  propertySchemas,
  requiredOf,
  schemasAt,
  typesOf,
  type Applicable,
  type Segment,
} from './schema/navigate';
import { DEFAULT_SETTINGS, type MarathonSettings } from './settings';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

interface Ctx {
  doc: ParsedDocument;
  analysis: Analysis;
  cur: Cursor;
  locale: Locale;
  settings: MarathonSettings;
  /** The client inserts snippets (else tab stops are written as their defaults). */
  snippets: boolean;
}

export function complete(
  analysis: Analysis,
  offset: number,
  locale: Locale,
  settings: MarathonSettings = DEFAULT_SETTINGS,
  snippets = true,
): CompletionList {
  const doc = analysis.doc;
  if (doc.limit) return EMPTY;
  const cur = cursorAt(doc.text, doc.tree, offset);
  const ctx: Ctx = { doc, analysis, cur, locale, settings, snippets };
  if (cur.kind === 'root')
    return analysis.detection.reason === 'glob' ? list(templateItems(ctx, ['app', 'pod'])) : EMPTY;
  const kind = analysis.detection.kind;
  if (!kind || cur.kind === 'none' || !doc.tree) return EMPTY;
  switch (cur.kind) {
    case 'key':
      return list(keyItems(ctx, kind));
    case 'value':
      return list(valueItems(ctx, kind));
    case 'item':
      return list(arrayItems(ctx, kind));
  }
  return EMPTY;
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

// ---------------------------------------------------------------------------------------
// Edits

function range(doc: ParsedDocument, start: number, end: number) {
  return { start: doc.lines.positionAt(start), end: doc.lines.positionAt(end) };
}

function textEdits(doc: ParsedDocument, edits: OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: range(doc, e.offset, e.offset + e.length), newText: e.content }));
}

/** The item's main edit, with the commas the cursor's neighbours need. */
function item(
  ctx: Ctx,
  fields: Omit<CompletionItem, 'textEdit' | 'insertTextFormat'> & {
    newText: string;
    snippet?: boolean;
    extra?: OffsetEdit[];
  },
): CompletionItem {
  const { doc, cur } = ctx;
  const { newText, snippet = true, extra = [], ...rest } = fields;
  const additional: OffsetEdit[] = [...extra];
  const member = cur.kind === 'key' || cur.kind === 'item';
  if (member && cur.commaBefore !== undefined)
    additional.push({ offset: cur.commaBefore, length: 0, content: ',' });
  // Right after a colon (completion triggered by `:`), keep the document's `": "` spacing.
  const space =
    cur.kind === 'value' &&
    cur.start === cur.end &&
    doc.text[cur.start - 1] === ':' &&
    formattingOf(doc).colon === ': '
      ? ' '
      : '';
  const body = snippet && !ctx.snippets ? expandDefaults(newText) : newText;
  const text = space + body + (member && cur.commaAfter ? ',' : '');
  const out: CompletionItem = {
    ...rest,
    textEdit: { range: range(doc, cur.start, cur.end), newText: text },
    insertTextFormat: snippet && ctx.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
  };
  if (additional.length) out.additionalTextEdits = textEdits(doc, additional);
  return out;
}

const markdown = (value: string) => (value ? { kind: MarkupKind.Markdown, value } : undefined);

/** What VS Code filters on: the item text as typed, with its quote when the user typed one. */
function filterFor(cur: Cursor, text: string): string {
  return cur.prefix.startsWith('"') && !text.startsWith('"') ? JSON.stringify(text) : text;
}

// ---------------------------------------------------------------------------------------
// Keys

function keyItems(ctx: Ctx, kind: NonNullable<Analysis['detection']['kind']>): CompletionItem[] {
  const { doc, cur, locale, settings } = ctx;
  const place = placeOf(kind, cur.path, cur.nodes, settings);
  const applicable = schemasAt(kind, doc.tree, cur.path);
  const props = propertySchemas(applicable);
  const required = requiredOf(applicable);
  const { layout, level } = memberLayout(doc, cur.container!, cur.start);
  const out: CompletionItem[] = [];
  let index = 0;
  for (const [key, schemas] of props) {
    index++;
    if (cur.presentKeys.has(key)) continue;
    const value = expandProperty(schemas, undefined);
    if (annotation(value, 'deprecated') === true || annotation(value, 'readOnly') === true) continue;
    if (!keyAllowed(place, key)) continue;
    const valuePlace = placeOf(kind, [...cur.path, key], [...cur.nodes, undefined], settings);
    const allowed = allowedValues(valuePlace);
    if (allowed && !allowed.length) continue; // ignored here (a secret volume's mode)
    const template = scaffold(valuePlace, value, allowed);
    const rendered = renderMember(key, template, layout, level);
    const isRequired = required.has(key);
    out.push(
      item(ctx, {
        label: key,
        kind: CompletionItemKind.Property,
        detail: detailText(value, key, locale, isRequired ? [m(locale, 'required')] : []),
        documentation: markdown(documentation(value, locale, { key, allowed })),
        filterText: filterFor(cur, key),
        sortText: `${isRequired ? 0 : 1}${String(index).padStart(3, '0')}`,
        newText: cur.keyOnly ? JSON.stringify(key) : rendered.snippet,
        snippet: !cur.keyOnly,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Scaffolds

const PERSISTENT_TYPES = ['root', 'path', 'mount'];

/** The value a new key starts with: a curated one where Marathon's rules decide it, else from the schema. */
function scaffold(p: Place, applicable: Applicable[], allowed: Scalar[] | undefined): Template {
  if (allowed?.length) return choice(allowed);
  return curated(p) || generic(applicable, 0);
}

/** A scaffold that Marathon's rules decide; `false` where no object or array belongs. */
function curated(p: Place): Template | false | undefined {
  const rel = p.rel;
  const at = (...pattern: string[]) =>
    rel.length === pattern.length &&
    pattern.every((s, i) =>
      s === '#' ? typeof rel[i] === 'number' : s === '*' ? typeof rel[i] === 'string' : rel[i] === s,
    );
  const persistent = () => ({ type: choice(PERSISTENT_TYPES), size: tab(1024) });
  if (p.unit === 'app' && p.app) {
    const app = p.app;
    const vol = appVolumeAt(p);
    if (vol && at('container', 'volumes', '#', 'persistent')) return persistent();
    if (vol && at('container', 'volumes', '#', 'external')) {
      const drivers = choice(DVDI_DRIVERS.map((d) => d.name));
      return vol.docker
        ? { name: tab('my-volume'), provider: 'dvdi', options: { 'dvdi/driver': drivers } }
        : { name: tab('my-volume'), provider: 'dvdi', size: tab(16), options: { 'dvdi/driver': drivers } };
    }
    if (vol && (at('container', 'volumes', '#', 'hostPath') || at('container', 'volumes', '#', 'secret'))) {
      const refs = references(p).map((r) => r.value);
      return refs.length ? choice(refs) : tab('');
    }
    if (vol && at('container', 'volumes', '#', 'containerPath'))
      return tab(vol.kind === 'persistent' || vol.kind === undefined ? 'data' : '/data');
    if (at('upgradeStrategy'))
      return appStateful(app)
        ? { minimumHealthCapacity: tab(0.5), maximumOverCapacity: 0 }
        : { minimumHealthCapacity: tab(1), maximumOverCapacity: tab(1) };
    if (at('unreachableStrategy'))
      return app.resident || app.residency
        ? 'disabled'
        : { inactiveAfterSeconds: tab(0), expungeAfterSeconds: tab(0) };
    if (at('acceptedResourceRoles') && (app.resident || app.residency)) return ['*'];
    if (at('networks')) return [{ mode: choice(['host', 'container/bridge', 'container']) }];
    if (at('container')) return { type: choice(['MESOS', 'DOCKER']), volumes: hole('array') };
    if (at('container', 'docker')) return { image: tab('') };
    if (vol && at('container', 'volumes', '#', 'persistent', 'constraints'))
      return [['path', 'LIKE', tab('/mnt/ssd-.+')]];
    if (vol && at('container', 'volumes', '#', 'persistent', 'constraints', '#'))
      return ['path', 'LIKE', tab('/mnt/ssd-.+')];
    if (at('env', '*')) return secretRef(p);
  }
  if (p.unit === 'pod' && p.pod) {
    const pod = p.pod;
    if (at('volumes', '#', 'persistent')) return persistent();
    if (at('volumes', '#', 'persistent', 'constraints')) return [['path', 'LIKE', tab('/mnt/ssd-.+')]];
    if (at('volumes', '#', 'persistent', 'constraints', '#')) return ['path', 'LIKE', tab('/mnt/ssd-.+')];
    if (at('volumes', '#', 'secret')) {
      const refs = references(p).map((r) => r.value);
      return refs.length ? choice(refs) : tab('');
    }
    if (at('scaling')) return { kind: 'fixed', instances: tab(1) };
    if (at('scheduling', 'upgrade'))
      return pod.resident
        ? { minimumHealthCapacity: tab(0.5), maximumOverCapacity: 0 }
        : { minimumHealthCapacity: tab(1), maximumOverCapacity: tab(1) };
    if (at('scheduling', 'unreachableStrategy') && pod.resident) return 'disabled';
    if (at('containers', '#', 'resources')) return { cpus: tab(0.1), mem: tab(128) };
    if (at('containers', '#', 'image')) return { kind: 'DOCKER', id: tab('') };
    if (at('containers', '#', 'volumeMounts')) {
      const container = p.relNodes[2];
      const mounted = new Set(elements(prop(container, 'volumeMounts')).map((x) => str(prop(x, 'name'))));
      const names = pod.volumes.map((v) => v.name).filter((n): n is string => !!n && !mounted.has(n));
      return names.length ? [{ name: choice(names, 'vol'), mountPath: tab(names[0]) }] : hole('array');
    }
    if (at('containers', '#', 'volumeMounts', '#', 'name')) {
      const refs = references(p).map((r) => r.value);
      return refs.length ? choice(refs) : tab('');
    }
    if (at('networks')) return [{ mode: choice(['host', 'container/bridge', 'container']) }];
    if (at('environment', '*') || at('containers', '#', 'environment', '*')) return secretRef(p);
  }
  return undefined;
}

/** `{"secret": <a key of secrets>}` for an environment variable; none without secrets. */
function secretRef(p: Place): Template | false {
  const keys = properties(prop(p.node, 'secrets')).map((s) => s.key);
  return keys.length ? { secret: choice(keys) } : false;
}

/** A value from the schema: the enum, the default, an example, required members of an object. */
function generic(applicable: Applicable[], depth: number): Template {
  const values = enumOf(applicable);
  const def = annotation(applicable, 'default');
  const examples = annotation(applicable, 'examples');
  const example = Array.isArray(examples) ? examples[0] : undefined;
  if (values?.length) {
    const scalars = values.filter((v): v is Scalar => v !== null && typeof v !== 'object');
    const ordered =
      def !== undefined && scalars.includes(def as Scalar)
        ? [def as Scalar, ...scalars.filter((v) => v !== def)]
        : scalars;
    if (ordered.length) return choice(ordered);
  }
  const types = typesOf(applicable);
  if (types.has('string'))
    return tab(typeof def === 'string' ? def : typeof example === 'string' ? example : '');
  if (types.has('integer') || types.has('number')) {
    const n = typeof def === 'number' ? def : typeof example === 'number' ? example : 0;
    return tab(n);
  }
  if (types.has('boolean')) {
    const d = def === true;
    return choice([d, !d]);
  }
  if (types.has('object')) {
    const required = [...requiredOf(applicable)];
    if (!required.length || depth >= 2) return hole('object');
    const props = propertySchemas(applicable);
    const out: Record<string, Template> = {};
    for (const r of required) {
      const s = props.get(r);
      out[r] = s ? generic(expandProperty(s, undefined), depth + 1) : tab('');
    }
    return out;
  }
  if (types.has('array')) {
    // A tuple (a constraint): its leading items, as long as the schema suggests values.
    const tuple = applicable.find((a) => Array.isArray(a.schema.items));
    if (!tuple || depth >= 2) return hole('array');
    const items = tuple.schema.items as Record<string, any>[];
    const out: Template[] = [];
    for (let k = 0; k < items.length; k++) {
      if (k >= 2 && !(items[k].examples || items[k].enum)) break;
      out.push(generic(expandProperty([{ schema: items[k], base: tuple.base }], undefined), depth + 1));
    }
    return out;
  }
  return tab('');
}

// ---------------------------------------------------------------------------------------
// Values

function valueItems(ctx: Ctx, kind: NonNullable<Analysis['detection']['kind']>): CompletionItem[] {
  const { doc, cur, settings } = ctx;
  const place = placeOf(kind, cur.path, cur.nodes, settings);
  const applicable = schemasAt(kind, doc.tree, cur.path, true);
  if (!applicable.length) return [];
  const key =
    typeof cur.path[cur.path.length - 1] === 'string' ? String(cur.path[cur.path.length - 1]) : undefined;
  const object = cur.property?.parent;
  const { layout, level } = object
    ? memberLayout(doc, object, cur.start)
    : { layout: { ...formattingOf(doc), inline: true }, level: '' };
  return valueProposals(ctx, place, applicable, key, (template) => render(template, layout, level));
}

/** Value proposals for a value or array item place. */
function valueProposals(
  ctx: Ctx,
  place: Place,
  applicable: Applicable[],
  key: string | undefined,
  draw: (t: Template) => { snippet: string; plain: string },
): CompletionItem[] {
  const { cur, locale } = ctx;
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const detail = detailText(applicable, key, locale);
  const allowed = allowedValues(place);
  const doc = markdown(documentation(applicable, locale, { key, allowed }));
  const def = annotation(applicable, 'default');
  const scalar = (v: Scalar, kind: CompletionItemKind, sort: string, extra: Partial<CompletionItem> = {}) => {
    const text = JSON.stringify(v);
    if (seen.has(text)) return;
    seen.add(text);
    out.push(
      item(ctx, {
        label: text,
        kind,
        detail,
        documentation: doc,
        filterText: filterFor(cur, text),
        sortText: (v === def ? '0' : sort) + String(out.length).padStart(3, '0'),
        newText: text,
        snippet: false,
        ...extra,
      }),
    );
  };
  if (allowed) {
    for (const v of allowed) scalar(v, CompletionItemKind.EnumMember, '1');
    return out;
  }
  const values = enumOf(applicable);
  if (values) {
    for (const v of values)
      if (v !== null && v !== undefined && typeof v !== 'object')
        scalar(v as Scalar, CompletionItemKind.EnumMember, '1');
  }
  const refs = references(place);
  for (const r of refs)
    scalar(r.value, CompletionItemKind.Reference, r.preferred ? '1' : '2', {
      detail: m(locale, r.detail),
      documentation: markdown(
        r.documentation ? m(locale, r.documentation) : documentation(applicable, locale, { key }),
      ),
    });
  const types = typesOf(applicable);
  if (!values) {
    if (types.has('boolean'))
      for (const b of def === true ? [true, false] : [false, true]) scalar(b, CompletionItemKind.Value, '1');
    if (!refs.length) {
      for (const s of applicable) {
        for (const trail of s.trail) {
          for (const ex of Array.isArray(trail.examples) ? trail.examples : [])
            if (ex !== null && ex !== undefined && typeof ex !== 'object' && key !== 'id')
              scalar(ex as Scalar, CompletionItemKind.Value, '3');
        }
      }
    }
    if (def !== undefined && def !== null && typeof def !== 'object')
      scalar(def as Scalar, CompletionItemKind.Value, '0');
  }
  // Objects and arrays: a scaffold (curated where Marathon's rules decide it).
  if (types.has('object') || types.has('array')) {
    const decided = curated(place);
    const template =
      decided === false
        ? undefined
        : (decided ??
          generic(
            applicable.filter(
              (a) => !a.schema.type || a.schema.type === 'object' || a.schema.type === 'array',
            ),
            0,
          ));
    if (
      template !== undefined &&
      template !== null &&
      typeof template === 'object' &&
      !(template instanceof Tab)
    ) {
      const r = draw(template);
      const label =
        r.plain.length <= 60 && !/\n/.test(r.plain) ? r.plain : r.plain.startsWith('[') ? '[…]' : '{…}';
      if (!seen.has(r.plain)) {
        seen.add(r.plain);
        out.push(
          item(ctx, {
            label,
            kind: CompletionItemKind.Snippet,
            detail,
            documentation: doc,
            filterText: filterFor(cur, r.plain.startsWith('[') ? '[' : '{'),
            sortText: '2' + String(out.length).padStart(3, '0'),
            newText: r.snippet,
          }),
        );
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Array items

function arrayItems(ctx: Ctx, kind: NonNullable<Analysis['detection']['kind']>): CompletionItem[] {
  const { doc, cur, locale, settings } = ctx;
  const arrayPlace = placeOf(kind, cur.path, cur.nodes, settings);
  const { layout, level } = memberLayout(doc, cur.container!, cur.start);
  const out: CompletionItem[] = [];
  // Whole volumes and mounts.
  if (!cur.token) {
    for (const proposal of itemProposals(doc, arrayPlace)) {
      const r = renderItems(proposal.items, layout, level);
      const label = m(locale, proposal.label, proposal.labelArgs);
      out.push(
        item(ctx, {
          label,
          kind: CompletionItemKind.Snippet,
          detail: m(locale, 'itemTemplate'),
          documentation: markdown(proposal.docs.map((d) => m(locale, d.key, d.args)).join('\n\n')),
          filterText: label,
          sortText: '0' + proposal.sort,
          newText: r.snippet,
          extra: proposal.edits,
        }),
      );
    }
    // Definition templates in a group's `apps` (or an array of apps).
    const rel = arrayPlace.rel;
    const groupApps = arrayPlace.unit === 'group' && rel.length === 1 && rel[0] === 'apps';
    if (groupApps || (kind === 'apps' && cur.path.length === 0)) {
      out.push(...templateItems(ctx, ['app'], groupApps));
      return out;
    }
  }
  // Items from the schema: allowed values, references, a scaffold.
  const itemPath: Segment[] = [...cur.path, cur.index ?? 0];
  const itemPlace = placeOf(kind, itemPath, [...cur.nodes, undefined], settings);
  const applicable = schemasAt(kind, doc.tree, itemPath, true);
  if (applicable.length && !(out.length && isVolumeArray(arrayPlace)))
    out.push(
      ...valueProposals(ctx, itemPlace, applicable, undefined, (template) => render(template, layout, level)),
    );
  return out;
}

function isVolumeArray(p: Place): boolean {
  const rel = p.rel;
  return (
    (p.unit === 'app' && rel.length === 2 && rel[0] === 'container' && rel[1] === 'volumes') ||
    (p.unit === 'pod' && rel.length === 1 && rel[0] === 'volumes') ||
    (p.unit === 'pod' && rel.length === 3 && rel[2] === 'volumeMounts')
  );
}

// ---------------------------------------------------------------------------------------
// Definition templates

/** The definition templates; inside a group their ids are relative (`mysql`, resolved against the group). */
function templateItems(ctx: Ctx, kinds: ('app' | 'pod')[], relative = false): CompletionItem[] {
  const { doc, cur, locale } = ctx;
  const f = formattingOf(doc);
  const { level } = cur.container ? memberLayout(doc, cur.container, cur.start) : { level: '' };
  return TEMPLATES.filter((tpl) => kinds.includes(tpl.kind)).map((tpl, i) => {
    const description = m(locale, tpl.description);
    return item(ctx, {
      label: tpl.prefix,
      kind: CompletionItemKind.Snippet,
      detail: description,
      documentation: markdown(description),
      filterText: tpl.prefix,
      sortText: '5' + String(i).padStart(3, '0'),
      newText: templateText(tpl, f.indent, f.eol, level, relative),
      data: { template: tpl.prefix },
    });
  });
}
