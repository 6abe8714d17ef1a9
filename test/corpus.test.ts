/**
 * The real-world corpus (/work/shared/corpus/real-world: Marathon files people committed to
 * public repositories): every file is analysed quickly and without a rule failing, on its own
 * and as part of one workspace, and its errors are exactly those listed, with the Marathon
 * rejection behind each, in test/fixtures/corpus-expected-errors.json. A new error on a
 * corpus file is a false alarm until Marathon is shown to reject the file; any change to
 * the list is reviewed here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, type Analysis } from '../server/src/service/analyze';
import { toDiagnostics } from '../server/src/service/diagnostics';
import { parseDocument } from '../server/src/service/document';
import { extractEntry, WorkspaceIndex } from '../server/src/service/workspace';
import { found, settingsOf } from './helpers';

/** MARATHON_CORPUS, else the shared folder (beside the repository in CI, or /work/shared). */
const CORPUS =
  process.env.MARATHON_CORPUS ??
  [path.join(__dirname, '..', '..', 'shared', 'corpus', 'real-world'), '/work/shared/corpus/real-world'].find(
    (p) => fs.existsSync(p),
  ) ??
  '/work/shared/corpus/real-world';
const EXPECTED = path.join(__dirname, 'fixtures', 'corpus-expected-errors.json');
/** Generous: the largest file (1.8 MB, 1,000 apps) takes a fraction of a second. */
const MAX_MS = 10_000;

interface Expected {
  reason: string;
  errors: string[];
  /** When the file is named on the command line (analysed whatever its content). */
  whenNamed?: string[];
}

const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Record<string, Expected | string>;
const entries = Object.entries(expected).filter(([k]) => !k.startsWith('$')) as [string, Expected][];
const present = fs.existsSync(CORPUS);
const files = present
  ? fs
      .readdirSync(CORPUS)
      .filter((f) => /\.json(\.mustache)?$/.test(f))
      .sort()
  : [];
const settings = settingsOf({});

/** Rule failures are caught and logged by analyze (one rule must not take the others down): catch them here. */
const failures: string[] = [];
const consoleError = console.error;
function watched<T>(file: string, run: () => T): { value: T; ms: number } {
  console.error = (...args: unknown[]) => {
    failures.push(`${file}: ${args.map(String).join(' ')}`);
  };
  const t0 = performance.now();
  try {
    return { value: run(), ms: performance.now() - t0 };
  } finally {
    console.error = consoleError;
  }
}

function errorsOf(a: Analysis): string[] {
  return found(a)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule}@${f.pointer}`)
    .sort();
}

function lintFile(file: string, options: { named?: boolean; workspace?: WorkspaceIndex } = {}) {
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
  return watched(file, () => {
    const doc = parseDocument(`file:///corpus/${file}`, 1, text, settings.limits);
    const a = analyze(doc, settings, options.workspace, options.named ?? false);
    // Messages in both languages are rendered as the editor and the CLI render them.
    toDiagnostics(a, 'en');
    toDiagnostics(a, 'zh-cn');
    return a;
  });
}

describe('the expected-errors list', () => {
  test('every entry says why Marathon rejects the file and lists rule@pointer errors', () => {
    for (const [file, e] of entries) {
      assert.ok(typeof e.reason === 'string' && e.reason.length > 20, `${file}: a reason`);
      for (const list of [e.errors, e.whenNamed ?? []])
        for (const x of list) assert.match(x, /^[a-z][a-z-]*@(\/.*)?$/, `${file}: ${x}`);
      assert.ok(e.errors.length || e.whenNamed?.length, `${file}: an entry without errors`);
    }
  });

  test('every entry names a corpus file', { skip: present ? false : `no corpus at ${CORPUS}` }, () => {
    const missing = entries.map(([f]) => f).filter((f) => !files.includes(f));
    assert.deepEqual(missing, [], 'entries for files that are not in the corpus');
  });
});

describe(
  'real-world corpus',
  { skip: present ? false : `the corpus lives outside the repository and is not at ${CORPUS}` },
  () => {
    const workspace = new WorkspaceIndex();
    before(() => {
      for (const f of files) {
        const { value } = lintFile(f);
        workspace.setDisk(extractEntry(value.doc, value.model));
      }
    });
    after(() => {
      assert.deepEqual(failures, [], 'a rule failed on a corpus file');
    });

    test('the corpus is there (202 files, 201 definitions and templates)', () => {
      assert.ok(files.length >= 200, `${files.length} files`);
    });

    for (const file of files) {
      test(file, () => {
        const want = expected[file] as Expected | undefined;
        const alone = lintFile(file);
        assert.ok(alone.ms < MAX_MS, `${file}: ${Math.round(alone.ms)} ms`);
        assert.deepEqual(errorsOf(alone.value), want?.errors ?? [], `${file}: errors on its own`);

        const inWorkspace = lintFile(file, { workspace });
        assert.ok(inWorkspace.ms < MAX_MS, `${file}: ${Math.round(inWorkspace.ms)} ms in the workspace`);
        assert.deepEqual(errorsOf(inWorkspace.value), want?.errors ?? [], `${file}: errors in the workspace`);

        const named = lintFile(file, { named: true, workspace });
        assert.ok(named.ms < MAX_MS, `${file}: ${Math.round(named.ms)} ms when named`);
        assert.deepEqual(
          errorsOf(named.value),
          want?.whenNamed ?? want?.errors ?? [],
          `${file}: errors when named on the command line`,
        );
        assert.deepEqual(failures, [], 'a rule failed');
      });
    }
  },
);
