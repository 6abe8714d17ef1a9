/**
 * The fuzzer shared by test/fuzz.test.ts (a fixed seed, bounded for CI) and
 * scripts/fuzz.ts (long runs): seed documents (the project's fixtures and generated
 * definitions), random edits that land anywhere (mid-token, mid-surrogate, binary,
 * BOM, CRLF, wrong types, truncation), and two drivers, one over the pure service and
 * one over the real server on stdio, with requests between the edits. Every finding is
 * recorded with the text that produced it, so that it can be shrunk to a minimal input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { analyze } from '../server/src/service/analyze';
import { toDiagnostics } from '../server/src/service/diagnostics';
import { parseDocument, type ParsedDocument } from '../server/src/service/document';
import { MarathonService } from '../server/src/service/service';
import { DEFAULT_SETTINGS, type MarathonSettings } from '../server/src/service/settings';
import { extractEntry, WorkspaceIndex } from '../server/src/service/workspace';
import type { TestClient } from './lsp';

/** Any request slower than this is a finding. */
export const SLOW_MS = 2000;

// ---------------------------------------------------------------------------------------
// Randomness

/** A small seeded generator (mulberry32): the same seed gives the same run everywhere. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

// ---------------------------------------------------------------------------------------
// Seed documents

/** Wrong values of every type, put where Marathon expects something else. */
const WRONG: unknown[] = [null, '2', '', -1, 0, 1.5, 1e300, true, [], {}, [null], { a: null }, 'RW', '/'];

function maybeWrong(rng: Rng, good: unknown, p = 0.12): unknown {
  return rng.chance(p) ? rng.pick(WRONG) : good;
}

function appVolume(rng: Rng, i: number): Record<string, unknown> {
  const mode = maybeWrong(rng, rng.pick(['RW', 'RO', 'rw']));
  switch (rng.int(5)) {
    case 0:
      return {
        containerPath: maybeWrong(rng, rng.pick([`data${i}`, `/abs${i}`, 'a/b', '..'])),
        mode,
        persistent: maybeWrong(rng, {
          type: maybeWrong(rng, rng.pick(['root', 'path', 'mount'])),
          size: maybeWrong(rng, rng.pick([0, 100, 1024])),
          ...(rng.chance(0.3) ? { maxSize: maybeWrong(rng, 2048) } : {}),
          ...(rng.chance(0.3)
            ? { constraints: [['path', rng.pick(['LIKE', 'UNLIKE']), rng.pick(['/mnt/.+', '(', '[a-'])]] }
            : {}),
        }),
      };
    case 1:
      return {
        containerPath: maybeWrong(rng, `/mnt/ext${i}`),
        mode,
        external: maybeWrong(rng, {
          name: maybeWrong(rng, `vol-${i % 3}`),
          provider: maybeWrong(rng, rng.pick(['dvdi', 'csi'])),
          options: maybeWrong(rng, { 'dvdi/driver': rng.pick(['rexray', 'pxd']) }),
          ...(rng.chance(0.3) ? { shared: maybeWrong(rng, true) } : {}),
        }),
      };
    case 2:
      return {
        containerPath: maybeWrong(rng, `/var/lib/x${i}`),
        hostPath: maybeWrong(rng, `data${i}`),
        mode,
      };
    case 3:
      return { containerPath: maybeWrong(rng, 'secretfile'), secret: maybeWrong(rng, 'mysecret') };
    default:
      return rng.pick(WRONG) as Record<string, unknown>;
  }
}

/** A random app: mostly plausible, with wrong types and odd values sprinkled in. */
export function generateApp(rng: Rng, i = 0): Record<string, unknown> {
  const volumes = Array.from({ length: rng.int(4) }, (_, k) => appVolume(rng, i * 10 + k));
  const type = maybeWrong(rng, rng.pick(['MESOS', 'DOCKER', 'docker']));
  const app: Record<string, unknown> = {
    id: maybeWrong(rng, rng.pick([`app-${i}`, `/prod/app-${i}`, `../x${i}`, 'UPPER', `a${i}/b`])),
    cmd: maybeWrong(rng, 'sleep 1000'),
    instances: maybeWrong(rng, rng.int(4)),
    cpus: maybeWrong(rng, 0.1),
    mem: maybeWrong(rng, 128),
    container: maybeWrong(rng, {
      type,
      volumes: maybeWrong(rng, volumes),
      ...(type === 'DOCKER' ? { docker: maybeWrong(rng, { image: maybeWrong(rng, 'nginx:1') }) } : {}),
    }),
  };
  if (rng.chance(0.3)) app.residency = maybeWrong(rng, { taskLostBehavior: 'WAIT_FOREVER' });
  if (rng.chance(0.3))
    app.upgradeStrategy = maybeWrong(rng, { minimumHealthCapacity: 0, maximumOverCapacity: 0 });
  if (rng.chance(0.3)) app.unreachableStrategy = maybeWrong(rng, 'disabled');
  if (rng.chance(0.3))
    app.constraints = maybeWrong(rng, [
      ['hostname', rng.pick(['UNIQUE', 'LIKE', 'CLUSTER']), rng.pick(['a.+', '(', ''])],
    ]);
  if (rng.chance(0.2))
    app.env = maybeWrong(rng, { A: 'b', N: maybeWrong(rng, '1'), S: { secret: 'mysecret' } });
  if (rng.chance(0.2)) app.secrets = maybeWrong(rng, { mysecret: { source: 'db/password' } });
  if (rng.chance(0.2)) app.acceptedResourceRoles = maybeWrong(rng, ['*', 'slave_public']);
  if (rng.chance(0.2)) app.role = maybeWrong(rng, 'prod');
  if (rng.chance(0.1)) app.persistant = { size: 1 };
  return app;
}

export function generatePod(rng: Rng, i = 0): Record<string, unknown> {
  const names = ['data', 'logs', 'cfg'].slice(0, 1 + rng.int(3));
  return {
    id: maybeWrong(rng, `/pods/pod-${i}`),
    scaling: maybeWrong(rng, { kind: 'fixed', instances: maybeWrong(rng, 1) }),
    volumes: maybeWrong(
      rng,
      names.map((name) =>
        rng.chance(0.5)
          ? {
              name: maybeWrong(rng, name),
              persistent: maybeWrong(rng, { type: 'root', size: maybeWrong(rng, 10) }),
            }
          : rng.chance(0.5)
            ? { name, host: maybeWrong(rng, '/var/log') }
            : { name },
      ),
    ),
    containers: maybeWrong(
      rng,
      Array.from({ length: 1 + rng.int(2) }, (_, c) => ({
        name: maybeWrong(rng, `c${c}`),
        exec: { command: { shell: 'sleep 1000' } },
        resources: maybeWrong(rng, { cpus: 0.1, mem: maybeWrong(rng, 64) }),
        volumeMounts: maybeWrong(
          rng,
          names.map((n) => ({
            name: maybeWrong(rng, n),
            mountPath: maybeWrong(rng, `/m/${n}`),
            readOnly: maybeWrong(rng, false),
          })),
        ),
      })),
    ),
    ...(rng.chance(0.3) ? { scheduling: maybeWrong(rng, { unreachableStrategy: 'disabled' }) } : {}),
  };
}

export function generateGroup(rng: Rng, apps: number, depth = 0): Record<string, unknown> {
  const group: Record<string, unknown> = {
    id: maybeWrong(rng, depth ? `sub${depth}` : '/prod'),
    apps: Array.from({ length: apps }, (_, i) => generateApp(rng, i)),
  };
  if (rng.chance(0.4)) group.pods = Array.from({ length: 1 + rng.int(2) }, (_, i) => generatePod(rng, i));
  if (depth < 2 && rng.chance(0.4)) group.groups = [generateGroup(rng, 1 + rng.int(2), depth + 1)];
  return group;
}

/** A generated document in one of the layouts people write (2/4 spaces, tabs, minified, CRLF). */
export function generateDocument(rng: Rng): string {
  const value =
    rng.int(5) === 0
      ? generatePod(rng)
      : rng.int(4) === 0
        ? generateGroup(rng, 1 + rng.int(4))
        : rng.int(6) === 0
          ? [generateApp(rng, 0), generateApp(rng, 1)]
          : generateApp(rng);
  const layout = rng.int(5);
  const text = JSON.stringify(value, null, [2, 4, '\t', undefined, 2][layout]);
  return layout === 4 ? text.replace(/\n/g, '\r\n') : text;
}

/** The JSON files under test/fixtures (if any), small enough to fuzz. */
export function fixtureDocuments(dir = path.join(import.meta.dirname, 'fixtures'), max = 200_000): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.json')) {
        const text = fs.readFileSync(p, 'utf8');
        if (text.length <= max) out.push(text);
      }
    }
  };
  walk(dir);
  return out;
}

// ---------------------------------------------------------------------------------------
// Edits

/** One edit of a text: `[offset, offset + length)` becomes `text`. */
export interface Edit {
  offset: number;
  length: number;
  text: string;
}

const SNIPPETS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\\',
  '/',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '0',
  '-1',
  '1e999',
  '-0',
  '01',
  '1.',
  '.5',
  'null',
  'true',
  'tru',
  '"x',
  '\\u12',
  '\\ud800',
  '"\\ud800"',
  '\ud800',
  '\udc00',
  '\u0000',
  '\u0007',
  '\ufeff',
  '\u2028',
  '\uffff',
  '中文',
  '😀',
  '{{VAR}}',
  '{{#s}}',
  '$X',
  '//c\n',
  '/*',
  '*/',
  ',,',
  ': :',
  '"containerPath": "data"',
  '"persistent": {"size": 1}',
  '"mode": "RO"',
  '"volumes": [',
  '"instances": "2"',
  '"id": "/a"',
  '"type": "MESOS"',
  '"external": {"name": "v"}',
  '"hostPath": "data"',
  '"residency": {}',
  '"apps": [{}]',
  '"containers": []',
  '"__proto__": {"a": 1}',
  '"constructor": 1',
  '"": ""',
];

/** A random edit of `text`: anywhere, of any kind. */
export function randomEdit(rng: Rng, text: string): Edit {
  const at = rng.int(text.length + 1);
  switch (rng.int(10)) {
    case 0:
      return { offset: at, length: Math.min(text.length - at, 1 + rng.int(40)), text: '' };
    case 1:
    case 2:
      return { offset: at, length: 0, text: rng.pick(SNIPPETS) };
    case 3: {
      const from = rng.int(text.length + 1);
      return { offset: at, length: 0, text: text.slice(from, from + rng.int(120)) };
    }
    case 4:
      return { offset: at, length: text.length - at, text: '' };
    case 5:
      return { offset: at, length: rng.int(3), text: String(rng.int(1e6)) };
    case 6:
      return wrongValue(rng, text) ?? { offset: at, length: 1, text: rng.pick(SNIPPETS) };
    case 7: {
      // Binary noise.
      const n = 1 + rng.int(30);
      let s = '';
      for (let i = 0; i < n; i++) s += String.fromCharCode(rng.int(rng.chance(0.5) ? 256 : 65536));
      return { offset: at, length: rng.int(4), text: s };
    }
    case 8:
      return { offset: at, length: rng.int(8), text: rng.pick(SNIPPETS) + rng.pick(SNIPPETS) };
    default: {
      // The same text in another layout (one full replacement).
      const alt = rng.chance(0.5) ? text.replace(/\r?\n/g, '\r\n') : text.replace(/\r\n/g, '\n');
      const bom = rng.chance(0.2) && !alt.startsWith('\ufeff') ? '\ufeff' + alt : alt;
      return { offset: 0, length: text.length, text: bom };
    }
  }
}

/** Replaces one value of the document with a value of another type. */
function wrongValue(rng: Rng, text: string): Edit | undefined {
  const tree = parseTree(text, [], { disallowComments: true });
  if (!tree) return undefined;
  const values: { offset: number; length: number }[] = [];
  const stack = [tree];
  while (stack.length && values.length < 2000) {
    const n = stack.pop()!;
    if (n.type === 'property') {
      // The value of a property, never its key.
      if (n.children?.[1]) stack.push(n.children[1]);
      continue;
    }
    values.push(n);
    for (const c of n.children ?? []) stack.push(c);
  }
  const v = values.length ? rng.pick(values) : undefined;
  if (!v) return undefined;
  return { offset: v.offset, length: v.length, text: JSON.stringify(rng.pick(WRONG)) };
}

/**
 * True when an LSP range can say where the edit is: a position never falls between the
 * \r and \n of a line break, so an edit there can only be sent as a full replacement.
 */
export function expressible(text: string, e: Edit): boolean {
  const splits = (o: number) => o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
  return !splits(e.offset) && !splits(e.offset + e.length);
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
}

/** The position of an offset in a text (UTF-16 code units, lines split at \n, \r\n and \r as LSP does). */
export function positionAt(text: string, offset: number): Position {
  return TextDocument.create('x:', 'json', 0, text).positionAt(offset);
}

// ---------------------------------------------------------------------------------------
// Findings

export type FindingKind =
  | 'exception' // a call threw
  | 'rule-crash' // a rule, fix or refactor threw and its guard caught it (logged)
  | 'slow' // a call took more than SLOW_MS
  | 'stale' // diagnostics differ from a fresh analysis of the same text
  | 'bad-fix' // a quick fix gives JSON that parses worse, or its edits overlap
  | 'no-diagnostics' // the server published nothing for the latest version
  | 'server-died';

export interface Finding {
  kind: FindingKind;
  /** What was being done (`diagnostics`, `codeAction`, ...). */
  where: string;
  detail: string;
  /** The document text when it happened. */
  text?: string;
  /** For findings after an edit: the text before it, and the edit. */
  before?: string;
  edit?: Edit;
}

export interface Stats {
  documents: number;
  edits: number;
  requests: number;
  fixesChecked: number;
  findings: Finding[];
  /** The slowest call seen, for the report. */
  slowest: { where: string; ms: number };
}

export function newStats(): Stats {
  return {
    documents: 0,
    edits: 0,
    requests: 0,
    fixesChecked: 0,
    findings: [],
    slowest: { where: '', ms: 0 },
  };
}

/** Collects what the guards of analyze.ts / codeActions.ts log (`marathon: rule x failed: ...`). */
export function captureGuardLogs(): { take(): string[]; restore(): void } {
  const original = console.error;
  let logs: string[] = [];
  console.error = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    if (line.startsWith('marathon:')) logs.push(line);
    else original(...args);
  };
  return {
    take() {
      const out = logs;
      logs = [];
      return out;
    },
    restore() {
      console.error = original;
    },
  };
}

/** Syntax errors as the server counts them (a BOM skipped, template placeholders masked). */
function syntaxErrors(uri: string, text: string): number {
  const doc = parseDocument(uri, 1, text, DEFAULT_SETTINGS.limits);
  // Past a limit the text is not parsed: count it as broken as can be.
  return doc.limit && doc.limit.kind !== 'string' ? Infinity : doc.syntaxErrors.length;
}

/** Applies LSP text edits (rejecting overlaps, as editors do). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const doc = TextDocument.create('x:', 'json', 0, text);
  const spans = edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++)
    if (spans[i].start < spans[i - 1].end) throw new Error('overlapping edits');
  return TextDocument.applyEdits(doc, edits);
}

/**
 * Checks a code action's edit: it applies (no overlapping edits) and the result parses at
 * least as well as the text before (strict JSON stays strict JSON). Returns a problem, or
 * undefined when the fix is sound.
 */
export function checkFix(uri: string, text: string, action: CodeAction): string | undefined {
  const changes = action.edit?.changes;
  if (!changes) return undefined;
  const edits = changes[uri];
  const others = Object.keys(changes).filter((u) => u !== uri);
  if (others.length) return `edits another document: ${others.join(', ')}`;
  if (!edits) return undefined;
  let after: string;
  try {
    after = applyTextEdits(text, edits);
  } catch (e) {
    return `${action.title}: ${(e as Error).message}`;
  }
  const before = syntaxErrors(uri, text);
  const now = syntaxErrors(uri, after);
  if (now > before || (before === 0 && now > 0))
    return `"${action.title}" leaves ${now} syntax errors (before: ${before})`;
  return undefined;
}

/** Diagnostics in a comparable form. */
export function diagnosticKeys(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.severity} ${d.code} ${JSON.stringify(d.range)} ${d.message}`).sort();
}

/** The diagnostics a fresh service (no caches, no incremental parse) gives for a text. */
export function freshDiagnostics(
  uri: string,
  text: string,
  settings: MarathonSettings = DEFAULT_SETTINGS,
  others: { uri: string; text: string }[] = [],
): Diagnostic[] {
  const index = new WorkspaceIndex();
  for (const o of others) {
    const doc = parseDocument(o.uri, 1, o.text, settings.limits);
    index.setOpen(extractEntry(doc, analyze(doc, settings).model));
  }
  return toDiagnostics(analyze(parseDocument(uri, 1, text, settings.limits), settings, index), 'en');
}

// ---------------------------------------------------------------------------------------
// Driver 1: the pure service

export interface ServiceRunOptions {
  seed: number;
  /** Edits in total. */
  edits: number;
  /** Stop early after this many milliseconds. */
  durationMs?: number;
  /** Edits per document before the next seed document is taken. */
  perDocument?: number;
  documents?: string[];
  /** Compare every version's diagnostics with a fresh analysis (the incremental-sync oracle). */
  compareFresh?: boolean;
  settings?: MarathonSettings;
  onProgress?: (stats: Stats) => void;
}

/** Random edits through `MarathonService`, as the server drives it, with requests in between. */
export function fuzzService(options: ServiceRunOptions): Stats {
  const rng = new Rng(options.seed);
  const stats = newStats();
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const service = new MarathonService({ settings });
  const logs = captureGuardLogs();
  const started = Date.now();
  const perDocument = options.perDocument ?? 40;
  const seeds = options.documents ?? [];
  try {
    while (stats.edits < options.edits) {
      if (options.durationMs !== undefined && Date.now() - started > options.durationMs) break;
      const uri = `file:///fuzz/doc-${stats.documents}${rng.chance(0.3) ? '.marathon' : ''}.json`;
      let text = seeds.length && rng.chance(0.5) ? rng.pick(seeds) : generateDocument(rng);
      let version = 1;
      stats.documents++;
      let lines = TextDocument.create(uri, 'json', version, text);
      let doc = step(stats, logs, 'document', text, () => service.document(uri, version, text, { lines }));
      for (let k = 0; k < perDocument && stats.edits < options.edits; k++) {
        const edit = randomEdit(rng, text);
        const next = applyEdit(text, edit);
        const previous = text;
        const base = version;
        version++;
        const ranged = expressible(text, edit);
        lines = ranged
          ? TextDocument.update(
              lines,
              [
                {
                  range: {
                    start: lines.positionAt(edit.offset),
                    end: lines.positionAt(edit.offset + edit.length),
                  },
                  text: edit.text,
                },
              ],
              version,
            )
          : TextDocument.create(uri, 'json', version, next);
        text = next;
        stats.edits++;
        doc = step(stats, logs, 'document', text, () =>
          service.document(uri, version, text, ranged ? { lines, change: edit, base } : { lines }),
        );
        if (!doc) break;
        const diags = step(stats, logs, 'diagnostics', text, () => service.diagnostics(doc!)) ?? [];
        if (options.compareFresh !== false) {
          const fresh = diagnosticKeys(freshDiagnostics(uri, text, settings));
          const got = diagnosticKeys(diags);
          if (JSON.stringify(fresh) !== JSON.stringify(got))
            record(stats, {
              kind: 'stale',
              where: 'diagnostics',
              detail: `after edit ${JSON.stringify(edit).slice(0, 200)}: ${difference(got, fresh)}`,
              text,
              before: previous,
              edit,
            });
          logs.take(); // the fresh analysis repeats the service's guard logs
        }
        if (rng.chance(0.5)) requests(rng, stats, logs, service, doc, text, diags);
        options.onProgress?.(stats);
      }
      service.forget(uri);
    }
  } finally {
    logs.restore();
  }
  return stats;
}

function difference(got: string[], want: string[]): string {
  const extra = got.filter((g) => !want.includes(g));
  const missing = want.filter((w) => !got.includes(w));
  return `extra ${JSON.stringify(extra.slice(0, 2))}, missing ${JSON.stringify(missing.slice(0, 2))}`.slice(
    0,
    600,
  );
}

function record(stats: Stats, f: Finding): void {
  // One of a kind per place is enough (a long run would otherwise repeat the same finding).
  const same = stats.findings.filter(
    (x) => x.kind === f.kind && x.where === f.where && x.detail.slice(0, 80) === f.detail.slice(0, 80),
  );
  if (same.length < 3) stats.findings.push(f);
}

/** Runs one call of the service, timing it and recording exceptions and guard logs. */
function step<T>(
  stats: Stats,
  logs: ReturnType<typeof captureGuardLogs>,
  where: string,
  text: string,
  f: () => T,
): T | undefined {
  const t0 = performance.now();
  let out: T | undefined;
  // A hang cannot be caught from inside: MARATHON_FUZZ_TRACE=FILE keeps the call at hand there.
  const trace = process.env.MARATHON_FUZZ_TRACE;
  if (trace) fs.writeFileSync(trace, JSON.stringify({ where, edits: stats.edits, text }));
  try {
    out = f();
  } catch (e) {
    record(stats, { kind: 'exception', where, detail: String((e as Error)?.stack ?? e).slice(0, 800), text });
  }
  const ms = performance.now() - t0;
  if (ms > stats.slowest.ms) stats.slowest = { where, ms };
  if (ms > SLOW_MS) record(stats, { kind: 'slow', where, detail: `${ms.toFixed(0)} ms`, text });
  for (const line of logs.take())
    record(stats, { kind: 'rule-crash', where, detail: line.slice(0, 800), text });
  return out;
}

function randomRange(rng: Rng, doc: ParsedDocument, text: string): Range {
  const a = rng.int(text.length + 1);
  const b = Math.min(text.length, a + (rng.chance(0.5) ? 0 : rng.int(200)));
  return { start: doc.lines.positionAt(a), end: doc.lines.positionAt(b) };
}

function requests(
  rng: Rng,
  stats: Stats,
  logs: ReturnType<typeof captureGuardLogs>,
  service: MarathonService,
  doc: ParsedDocument,
  text: string,
  diags: Diagnostic[],
): void {
  const range = randomRange(rng, doc, text);
  const pos = range.start;
  stats.requests += 4;
  step(stats, logs, 'completion', text, () => service.completion(doc, pos));
  step(stats, logs, 'hover', text, () => service.hover(doc, pos));
  step(stats, logs, 'documentSymbols', text, () => service.documentSymbols(doc));
  // Quick fixes of some diagnostics, each one checked, and refactors at the range.
  const chosen = diags.length ? [rng.pick(diags), ...(rng.chance(0.3) ? diags.slice(0, 20) : [])] : [];
  for (const d of chosen) {
    stats.requests++;
    const actions = step(stats, logs, 'codeAction', text, () => service.codeActions(doc, d.range, [d])) ?? [];
    for (const a of actions) checkAction(stats, doc.uri, text, a);
  }
  const refactors =
    step(stats, logs, 'codeAction', text, () => service.codeActions(doc, range, [], ['refactor'])) ?? [];
  for (const a of refactors) checkAction(stats, doc.uri, text, a);
  if (rng.chance(0.15)) {
    stats.requests++;
    const all =
      step(stats, logs, 'fixAll', text, () => service.codeActions(doc, range, [], ['source.fixAll'])) ?? [];
    for (const a of all) checkAction(stats, doc.uri, text, a);
  }
  if (rng.chance(0.2)) {
    stats.requests += 2;
    step(stats, logs, 'definition', text, () => service.definition(doc, pos));
    step(stats, logs, 'references', text, () => service.references(doc, pos, true));
  }
}

function checkAction(stats: Stats, uri: string, text: string, action: CodeAction): void {
  stats.fixesChecked++;
  const problem = checkFix(uri, text, action);
  if (problem) record(stats, { kind: 'bad-fix', where: action.kind ?? 'codeAction', detail: problem, text });
}

// ---------------------------------------------------------------------------------------
// Driver 2: the real server over stdio

export interface LspRunOptions {
  seed: number;
  edits: number;
  durationMs?: number;
  perDocument?: number;
  documents?: string[];
  /** Documents open at the same time. */
  open?: number;
  onProgress?: (stats: Stats) => void;
}

/**
 * Random edits sent to the server as an editor sends them (incremental ranges, sometimes
 * several changes per notification or a full replacement), with requests in between
 * (some cancelled), checked for: answers within SLOW_MS, no internal errors, sound
 * quick fixes, and at the end of each document the diagnostics of its latest version,
 * equal to what a fresh analysis of that text gives.
 */
export async function fuzzServer(client: TestClient, options: LspRunOptions): Promise<Stats> {
  const rng = new Rng(options.seed);
  const stats = newStats();
  const started = Date.now();
  const perDocument = options.perDocument ?? 40;
  const seeds = options.documents ?? [];
  const openAtOnce = options.open ?? 3;
  let died = false;
  client.proc.once('exit', () => (died = true));
  // What the server logs as an error (a failed handler, a failed rule) is a crash it survived.
  client.conn.onNotification('window/logMessage', (m: { type: number; message: string }) => {
    if (m.type === 1)
      record(stats, { kind: 'exception', where: 'server log', detail: m.message.slice(0, 800) });
  });
  type Open = { uri: string; text: string; version: number; edits: number };
  const open: Open[] = [];
  const timedRequest = async (where: string, method: string, params: unknown, cancel = false) => {
    stats.requests++;
    const t0 = performance.now();
    const source = cancel ? new (await import('vscode-jsonrpc')).CancellationTokenSource() : undefined;
    const p = client.conn.sendRequest(method, params, ...(source ? [source.token] : [])) as Promise<unknown>;
    if (source) setImmediate(() => source.cancel());
    let result: unknown;
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), SLOW_MS * 3).unref());
    try {
      result = await Promise.race([p, timer]);
    } catch (e) {
      const code = (e as { code?: number }).code;
      // -32800: the request was cancelled, which is a correct answer to a cancellation.
      if (code !== -32800)
        record(stats, { kind: 'exception', where, detail: `${method}: ${(e as Error).message}` });
    }
    const ms = performance.now() - t0;
    if (ms > stats.slowest.ms) stats.slowest = { where: method, ms };
    if (ms > SLOW_MS) record(stats, { kind: 'slow', where: method, detail: `${ms.toFixed(0)} ms` });
    return result === 'timeout' ? undefined : result;
  };
  const newDocument = () => {
    const uri = `file:///fuzz/lsp-${stats.documents}${rng.chance(0.3) ? '.marathon' : ''}.json`;
    const text = seeds.length && rng.chance(0.5) ? rng.pick(seeds) : generateDocument(rng);
    stats.documents++;
    const o: Open = { uri, text, version: 1, edits: 0 };
    client.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'json', version: 1, text },
    });
    open.push(o);
    return o;
  };
  const settle = async (o: Open, fixes = true) => {
    let got: Diagnostic[] | undefined;
    try {
      got = await client.diagnostics(o.uri, o.version, SLOW_MS * 5);
    } catch {
      record(stats, {
        kind: 'no-diagnostics',
        where: o.uri,
        detail: `no diagnostics for version ${o.version}`,
        text: o.text,
      });
      return;
    }
    // The other open documents are the server's workspace (cross-file rules).
    const fresh = diagnosticKeys(
      freshDiagnostics(
        o.uri,
        o.text,
        DEFAULT_SETTINGS,
        open.filter((x) => x !== o),
      ),
    );
    let mine = diagnosticKeys(got);
    if (JSON.stringify(fresh) !== JSON.stringify(mine)) {
      // A change of another document may still be on its way to a new publication.
      try {
        mine = diagnosticKeys(await client.nextDiagnostics(o.uri, 1000));
      } catch {
        // none came: compare what there is
      }
    }
    if (JSON.stringify(fresh) !== JSON.stringify(mine))
      record(stats, {
        kind: 'stale',
        where: 'publishDiagnostics',
        detail: difference(mine, fresh),
        text: o.text,
      });
    // Quick fixes of what was published, checked.
    for (const d of fixes ? got.slice(0, 5) : []) {
      const actions = (await timedRequest('codeAction', 'textDocument/codeAction', {
        textDocument: { uri: o.uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[] | undefined;
      for (const a of actions ?? []) checkAction(stats, o.uri, o.text, a);
    }
  };
  while (stats.edits < options.edits && !died) {
    if (options.durationMs !== undefined && Date.now() - started > options.durationMs) break;
    while (open.length < openAtOnce) newDocument();
    const o = rng.pick(open);
    // A change: one to three edits in one notification, each in the coordinates the previous left.
    const changes = [];
    for (let n = 1 + (rng.chance(0.2) ? rng.int(3) : 0); n > 0; n--) {
      const e = randomEdit(rng, o.text);
      const next = applyEdit(o.text, e);
      const full =
        (e.offset === 0 && e.length === o.text.length && rng.chance(0.5)) || !expressible(o.text, e);
      changes.push(
        full
          ? { text: next }
          : {
              range: { start: positionAt(o.text, e.offset), end: positionAt(o.text, e.offset + e.length) },
              text: e.text,
            },
      );
      o.text = next;
      stats.edits++;
    }
    o.version++;
    o.edits++;
    client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: o.uri, version: o.version },
      contentChanges: changes,
    });
    if (rng.chance(0.06)) await misuse(client, rng, o, stats);
    // Now and then, wait for this version's diagnostics (so that many versions, not only
    // the last of a burst, are validated and compared).
    if (rng.chance(0.15)) await settle(o, rng.chance(0.3));
    // Requests in between (the server may still be validating; some are cancelled at once).
    if (rng.chance(0.3)) {
      const p = positionAt(o.text, rng.int(o.text.length + 1));
      const cancel = rng.chance(0.2);
      const which = rng.int(4);
      if (which === 0)
        await timedRequest(
          'completion',
          'textDocument/completion',
          { textDocument: { uri: o.uri }, position: p },
          cancel,
        );
      else if (which === 1)
        await timedRequest(
          'hover',
          'textDocument/hover',
          { textDocument: { uri: o.uri }, position: p },
          cancel,
        );
      else if (which === 2)
        await timedRequest(
          'documentSymbol',
          'textDocument/documentSymbol',
          { textDocument: { uri: o.uri } },
          cancel,
        );
      else {
        const actions = (await timedRequest(
          'codeAction',
          'textDocument/codeAction',
          {
            textDocument: { uri: o.uri },
            range: { start: p, end: p },
            context: { diagnostics: [] },
          },
          cancel,
        )) as CodeAction[] | undefined;
        for (const a of actions ?? []) checkAction(stats, o.uri, o.text, a);
      }
    }
    if (o.edits >= perDocument) {
      await settle(o);
      client.close(o.uri);
      open.splice(open.indexOf(o), 1);
    }
    options.onProgress?.(stats);
  }
  for (const o of [...open]) {
    if (died) break;
    await settle(o);
    client.close(o.uri);
  }
  if (died) record(stats, { kind: 'server-died', where: 'server', detail: client.stderr.slice(-800) });
  return stats;
}

/** Settings of the wrong shape everywhere: each resolves to the defaults. */
const GARBAGE_SETTINGS: unknown[] = [
  null,
  5,
  'x',
  [],
  { rules: 5, files: 'x', exclude: [1, null], limits: { maxDocumentSize: 'big', maxNestingDepth: -1 } },
  { cluster: { features: 'all', defaultRole: 7 }, detectByContent: 'yes', limits: null },
  { rules: { nope: 'loud', 'schema-type': 5 }, limits: { maxNestingDepth: Infinity, maxDocumentSize: NaN } },
];

/**
 * Protocol misuse between two edits: notifications and requests a confused or hostile
 * client may send. None of them may change what the server believes the open documents
 * contain, and none may break it.
 */
async function misuse(
  client: TestClient,
  rng: Rng,
  o: { uri: string; text: string; version: number },
  stats: Stats,
) {
  const c = client.conn;
  const ghost = `file:///fuzz/never-opened-${rng.int(1000)}.json`;
  const send = (method: string, params: unknown) => c.sendNotification(method, params);
  const ask = async (method: string, params: unknown) => {
    stats.requests++;
    const t0 = performance.now();
    try {
      await c.sendRequest(method, params);
    } catch (e) {
      const code = (e as { code?: number }).code;
      // Invalid params and unknown methods are answered as such; an internal error is a crash.
      if (code === -32603)
        record(stats, { kind: 'exception', where: `misuse ${method}`, detail: (e as Error).message });
    }
    const ms = performance.now() - t0;
    if (ms > SLOW_MS)
      record(stats, { kind: 'slow', where: `misuse ${method}`, detail: `${ms.toFixed(0)} ms` });
  };
  switch (rng.int(13)) {
    case 0:
      return send('textDocument/didChange', {
        textDocument: { uri: ghost, version: 3 },
        contentChanges: [{ text: '{}' }],
      });
    case 1:
      return send('textDocument/didChange', {
        textDocument: { uri: o.uri, version: o.version + 1 },
        contentChanges: rng.pick([
          [null],
          [{}],
          [{ text: 5 }],
          [{ range: { start: 1 }, text: 'x' }],
          'x',
          null,
        ]),
      });
    case 2:
      return send('textDocument/didClose', { textDocument: { uri: ghost } });
    case 3:
      return send('$/cancelRequest', { id: rng.int(100000) });
    case 4:
      return ask('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } });
    case 5:
      return ask('textDocument/completion', {
        textDocument: { uri: o.uri },
        position: rng.pick([
          { line: -1, character: -5 },
          { line: 1e9, character: 1e9 },
          { line: 0.5, character: 'x' },
          null,
        ]),
      });
    case 6:
      return ask('textDocument/codeAction', {
        textDocument: { uri: o.uri },
        range: { start: { line: 1e6, character: 0 }, end: { line: 0, character: 0 } },
        context: {
          diagnostics: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
              message: 'x',
              source: 'marathon',
              code: 'schema-type',
              data: { path: ['no', 3, {}] },
            },
          ],
        },
      });
    case 7:
      return ask('codeAction/resolve', {
        title: 'x',
        data: rng.pick([null, { uri: o.uri }, { uri: ghost, range: null }, 7]),
      });
    case 8:
      return send('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: 'file:///nowhere/x.json', type: 3 },
          { uri: 'not a uri', type: 1 },
          { uri: 'file:///fuzz/%zz.json', type: 2 },
        ],
      });
    case 9:
      return send('workspace/didChangeWorkspaceFolders', {
        event: { added: [], removed: [{ uri: 'file:///not/open', name: 'x' }] },
      });
    case 10: {
      client.settings = rng.pick(GARBAGE_SETTINGS) as Record<string, unknown>;
      send('workspace/didChangeConfiguration', { settings: rng.pick(GARBAGE_SETTINGS) });
      return;
    }
    case 11: {
      // A real edit with an out-of-order (older) version, then one with the next version:
      // the text is what the changes say, in the order they came.
      const e = randomEdit(rng, o.text);
      if (!expressible(o.text, e)) return;
      const range = { start: positionAt(o.text, e.offset), end: positionAt(o.text, e.offset + e.length) };
      send('textDocument/didChange', {
        textDocument: { uri: o.uri, version: Math.max(0, o.version - 5) },
        contentChanges: [{ range, text: e.text }],
      });
      o.text = applyEdit(o.text, e);
      o.version++;
      send('textDocument/didChange', {
        textDocument: { uri: o.uri, version: o.version },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' },
        ],
      });
      stats.edits++;
      return;
    }
    default:
      return ask('textDocument/documentSymbol', { textDocument: { uri: 'untitled:Untitled-1' } });
  }
}

// ---------------------------------------------------------------------------------------
// Shrinking

/**
 * A smaller text for which `fails` still holds (delta debugging over characters: drop
 * chunks of halving size while the failure remains). Bounded by `budget` calls.
 */
export function shrink(text: string, fails: (t: string) => boolean, budget = 2000): string {
  let cur = text;
  let calls = 0;
  for (
    let chunk = Math.max(1, cur.length >> 1);
    chunk >= 1 && calls < budget;
    chunk = chunk === 1 ? 0 : chunk >> 1
  ) {
    for (let i = 0; i < cur.length && calls < budget;) {
      const candidate = cur.slice(0, i) + cur.slice(i + chunk);
      calls++;
      if (fails(candidate)) cur = candidate;
      else i += chunk;
    }
  }
  return cur;
}

/** Prints a short report of a run. */
export function summary(stats: Stats): string {
  const by = new Map<FindingKind, number>();
  for (const f of stats.findings) by.set(f.kind, (by.get(f.kind) ?? 0) + 1);
  const counts = [...by].map(([k, n]) => `${n} ${k}`).join(', ') || 'no findings';
  return `${stats.documents} documents, ${stats.edits} edits, ${stats.requests} requests, ${stats.fixesChecked} fixes checked: ${counts}; slowest ${stats.slowest.where} ${stats.slowest.ms.toFixed(0)} ms`;
}
