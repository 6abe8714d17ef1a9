/**
 * Launcher for machines that can download desktop VS Code: @vscode/test-electron 2.5.x
 * (the 3.x line needs Node 22) with VS Code pinned to the version the server launcher
 * runs. Same suite, same sessions, same JSON summary; the extension host exits when the
 * suite ends, so the process exit code is a second signal.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  TESTS_OUT,
  VSCODE_VERSION,
  copyWorkspace,
  log,
  sessionDir,
  spawnGroup,
  stopGroup,
  waitForSummary,
  type SessionOutcome,
  type SessionSpec,
} from './common';
import { runnerExtension } from './server';

type TestElectron = typeof import('@vscode/test-electron');

/** Downloads (or reuses) desktop VS Code into ~/.cache/marathon-vscode; throws when it cannot. */
export async function desktopVSCode(): Promise<string> {
  const te: TestElectron = await import('@vscode/test-electron');
  const cache = process.env.MARATHON_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'marathon-vscode');
  return te.downloadAndUnzipVSCode({
    version: VSCODE_VERSION,
    cachePath: path.join(cache, 'vscode-desktop'),
  });
}

export async function runElectronSession(
  spec: SessionSpec,
  options: { timeoutMs: number; executable: string; keep?: boolean; env?: NodeJS.ProcessEnv },
): Promise<SessionOutcome> {
  const te: TestElectron = await import('@vscode/test-electron');
  const dir = sessionDir(spec.name);
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  const workspace = copyWorkspace(dir);
  const results = path.join(dir, 'results.json');
  const outcome: SessionOutcome = { spec };
  try {
    const [cli, ...cliArgs] = te.resolveCliArgsFromVSCodeExecutablePath(options.executable);
    for (const vsix of spec.install) {
      const r = spawnSync(
        cli,
        [
          ...cliArgs,
          '--user-data-dir',
          userData,
          '--extensions-dir',
          extensions,
          '--install-extension',
          vsix,
          '--force',
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}${r.stderr}`);
      log(`installed ${path.basename(vsix)}`);
    }
    const launchArgs = [
      workspace,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-gpu',
    ];
    if (spec.locale) launchArgs.push('--locale', spec.locale);
    // Tests run only with a development extension: the .vsix session gets an empty one.
    const developmentPath = spec.developmentPath ?? runnerExtension();
    // Linux without a display: run it in a virtual one when xvfb-run is there.
    const headless =
      process.platform === 'linux' && !process.env.DISPLAY && fs.existsSync('/usr/bin/xvfb-run');
    const child = spawnGroup(
      headless ? '/usr/bin/xvfb-run' : options.executable,
      [
        ...(headless ? ['-a', options.executable] : []),
        ...launchArgs,
        '--no-sandbox',
        '--disable-updates',
        `--extensionDevelopmentPath=${developmentPath}`,
        `--extensionTestsPath=${TESTS_OUT}`,
      ],
      {
        env: {
          ...process.env,
          ...options.env,
          MARATHON_VSCODE_SESSION: spec.name,
          MARATHON_VSCODE_RESULTS: results,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const exited = new Promise<string>((resolve) =>
      child.once('exit', (code, signal) => resolve(`VS Code exited (${signal ?? code}) without results`)),
    );
    const { summary, error } = await waitForSummary(results, options.timeoutMs, exited);
    outcome.summary = summary;
    outcome.error = error;
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    await stopGroup(child);
  } catch (e) {
    outcome.error = e instanceof Error ? e.message : String(e);
  } finally {
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  return outcome;
}
