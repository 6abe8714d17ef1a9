/**
 * The entry point VS Code's extension host calls for `extensionTestsPath` (the same
 * `run()` contract as `@vscode/test-electron`): runs the mocha files of the session
 * named by MARATHON_VSCODE_SESSION and writes a JSON summary to MARATHON_VSCODE_RESULTS
 * (the browser workbench does not exit when a suite ends, so the driver reads the file).
 * Progress lines are appended to `<results>.log` while the suite runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Which test files run in which VS Code session. */
export const SESSIONS: Record<string, string[]> = {
  main: [
    'activation.test.js',
    'diagnostics.test.js',
    'fixes.test.js',
    'completion.test.js',
    'hover.test.js',
    'snippets.test.js',
    'detection.test.js',
    'crossfile.test.js',
    'settings.test.js',
  ],
  'zh-cn': ['l10n.test.js'],
  vsix: ['vsix.test.js'],
};

export interface TestResult {
  title: string;
  fullTitle: string;
  file: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface Summary {
  session: string;
  vscodeVersion: string;
  language: string;
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
  /** Set when the suite could not run at all. */
  fatal?: string;
}

export async function run(): Promise<void> {
  const session = process.env.MARATHON_VSCODE_SESSION || 'main';
  const resultsFile = process.env.MARATHON_VSCODE_RESULTS;
  const log = (line: string) => {
    console.log(line);
    if (resultsFile) fs.appendFileSync(`${resultsFile}.log`, line + '\n');
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as typeof import('vscode');
  const summary: Summary = {
    session,
    vscodeVersion: vscode.version,
    language: vscode.env.language,
    passed: 0,
    failed: 0,
    pending: 0,
    durationMs: 0,
    tests: [],
  };
  const write = () => {
    if (!resultsFile) return;
    fs.writeFileSync(`${resultsFile}.tmp`, JSON.stringify(summary, null, 2));
    fs.renameSync(`${resultsFile}.tmp`, resultsFile);
  };
  const started = Date.now();
  try {
    const files = SESSIONS[session];
    if (!files) throw new Error(`unknown session "${session}" (known: ${Object.keys(SESSIONS).join(', ')})`);
    log(`VS Code ${vscode.version}, display language ${vscode.env.language}, session ${session}`);
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
    if (process.env.MARATHON_VSCODE_GREP) mocha.grep(new RegExp(process.env.MARATHON_VSCODE_GREP));
    for (const f of files) mocha.addFile(path.join(__dirname, f));
    await mocha.loadFilesAsync();
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      const record = (test: Mocha.Test, state: TestResult['state'], err?: Error) => {
        const result: TestResult = {
          title: test.title,
          fullTitle: test.fullTitle(),
          file: path.basename(test.file ?? ''),
          state,
          durationMs: test.duration ?? 0,
        };
        if (err) result.error = err.stack || String(err);
        summary.tests.push(result);
        summary[state]++;
        const mark = state === 'passed' ? 'ok  ' : state === 'failed' ? 'FAIL' : 'skip';
        log(`  ${mark} ${result.fullTitle}${state === 'passed' ? ` (${result.durationMs} ms)` : ''}`);
        if (err) log('       ' + (err.message || String(err)).split('\n').join('\n       '));
      };
      runner.on('pass', (t) => record(t, 'passed'));
      runner.on('fail', (t, err) => {
        // A failing hook is reported as a "test" named after the hook.
        record(t as Mocha.Test, 'failed', err);
      });
      runner.on('pending', (t) => record(t, 'pending'));
    });
  } catch (e) {
    summary.fatal = e instanceof Error ? e.stack || e.message : String(e);
    log(`fatal: ${summary.fatal}`);
  }
  summary.durationMs = Date.now() - started;
  write();
  log(`${summary.passed} passing, ${summary.failed} failing, ${summary.pending} pending`);
  // Desktop VS Code (test-electron) learns the result from the rejection.
  if (summary.fatal || summary.failed > 0 || summary.passed === 0)
    throw new Error(`${summary.failed} of ${summary.tests.length} tests failed`);
}
