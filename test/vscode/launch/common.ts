/**
 * What both launchers share: the sessions to run, fresh copies of the fixture
 * workspace, the JSON summary written by the suite (test/vscode/suite/index.ts),
 * waiting for it with a timeout while echoing its progress log, and stopping the
 * processes we started (by their process id).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Summary } from '../suite/index';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'vscode', 'fixtures');
export const TESTS_OUT = path.join(ROOT, 'out', 'test', 'vscode');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
/** The VS Code both launchers run: the one inside code-server 4.100.3. */
export const VSCODE_VERSION = '1.100.3';

export interface SessionSpec {
  /** Session name, as in SESSIONS of suite/index.ts. */
  name: 'main' | 'zh-cn' | 'vsix';
  /** Load the extension from this folder (`extensionDevelopmentPath`), or not at all. */
  developmentPath?: string;
  /** .vsix files to install before VS Code starts. */
  install: string[];
  /** VS Code display language. */
  locale?: string;
}

export interface SessionOutcome {
  spec: SessionSpec;
  summary?: Summary;
  /** Why no summary came back (timeout, crash). */
  error?: string;
  /** Results of checks run by the driver itself (the browser UI check). */
  extra?: { title: string; ok: boolean; error?: string; durationMs: number }[];
}

export function log(line: string): void {
  process.stdout.write(`[vscode-tests] ${line}\n`);
}

/** A new temporary folder for one session (user data, extensions, workspace copy). */
export function sessionDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `marathon-vscode-${name}-`));
}

/** A fresh copy of the fixture workspace: the tests edit, save and rename files in it. */
export function copyWorkspace(dir: string, source = path.join(FIXTURES, 'workspace')): string {
  const target = path.join(dir, 'workspace');
  fs.cpSync(source, target, { recursive: true });
  return target;
}

/** Spawns a process in its own process group, so that it and its children can be stopped by its id. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

/** Stops a process group started by spawnGroup: SIGTERM, then SIGKILL after a grace period. */
export async function stopGroup(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  // Children that outlived the leader still belong to the group.
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/**
 * Waits for the suite's JSON summary, echoing the progress log as it grows.
 * Resolves undefined when `timeoutMs` passes or `abort` resolves first.
 */
export async function waitForSummary(
  resultsFile: string,
  timeoutMs: number,
  abort?: Promise<string>,
): Promise<{ summary?: Summary; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  let printed = 0;
  let aborted: string | undefined;
  void abort?.then((reason) => (aborted = reason));
  const echo = () => {
    try {
      const text = fs.readFileSync(`${resultsFile}.log`, 'utf8');
      if (text.length > printed) {
        process.stdout.write(text.slice(printed).replace(/^/gm, '    '));
        printed = text.length;
      }
    } catch {
      /* not yet */
    }
  };
  for (;;) {
    echo();
    if (fs.existsSync(resultsFile)) {
      echo();
      return { summary: JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Summary };
    }
    if (aborted) return { error: aborted };
    if (Date.now() > deadline)
      return { error: `no results after ${Math.round(timeoutMs / 1000)} s (timeout)` };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Prints the outcome of all sessions; returns true when everything ran and passed. */
export function report(outcomes: SessionOutcome[]): boolean {
  let passed = 0;
  let failed = 0;
  let ok = outcomes.length > 0;
  process.stdout.write('\n');
  for (const o of outcomes) {
    const s = o.summary;
    const extra = o.extra ?? [];
    const head = `session ${o.spec.name}`;
    if (!s) {
      ok = false;
      log(`${head}: NO RESULTS: ${o.error ?? 'unknown error'}`);
    } else {
      log(
        `${head} (VS Code ${s.vscodeVersion}, language ${s.language}): ${s.passed} passing, ${s.failed} failing` +
          (s.pending ? `, ${s.pending} pending` : '') +
          ` in ${(s.durationMs / 1000).toFixed(1)} s`,
      );
      if (s.fatal) log(`  fatal: ${s.fatal.split('\n')[0]}`);
      if (s.fatal || s.failed > 0 || s.passed === 0 || s.pending > 0) ok = false;
      passed += s.passed;
      failed += s.failed;
      for (const t of s.tests.filter((t) => t.state === 'failed'))
        log(`  FAIL ${t.fullTitle}\n${indent((t.error ?? '').split('\n').slice(0, 8).join('\n'), 9)}`);
    }
    for (const e of extra) {
      if (e.ok) passed++;
      else {
        failed++;
        ok = false;
        log(`  FAIL ${e.title}\n${indent(e.error ?? '', 9)}`);
      }
    }
    if (extra.length)
      log(`  browser UI checks: ${extra.filter((e) => e.ok).length} of ${extra.length} passed`);
  }
  log(`${ok ? 'PASSED' : 'FAILED'}: ${passed} passing, ${failed} failing`);
  return ok;
}

function indent(text: string, n: number): string {
  return text.replace(/^/gm, ' '.repeat(n));
}
