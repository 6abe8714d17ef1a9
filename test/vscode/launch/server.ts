/**
 * Launcher for machines that cannot download desktop VS Code: the VS Code server of
 * code-server (installed by scripts/vscode/install-code-server.sh into a cache folder)
 * and its browser workbench in Debian's Chromium, driven over CDP by playwright-core.
 * The workbench takes extensionDevelopmentPath/extensionTestsPath from its URL payload
 * and runs the suite in the real (Node) extension host, which inherits the server's
 * environment: that is how the suite learns its session and where to write its results.
 * See /work/shared/recipes/vscode-in-ci.md (how it was worked out) and docs in README.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  RESULTS_DIR,
  TESTS_OUT,
  copyWorkspace,
  log,
  sessionDir,
  spawnGroup,
  stopGroup,
  waitForSummary,
  type SessionOutcome,
  type SessionSpec,
} from './common';

export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerDir(): string {
  const cache = process.env.MARATHON_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'marathon-vscode');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
}

export function serverMain(): string {
  return path.join(codeServerDir(), 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
}

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

/** Why this launcher cannot run here, or undefined when it can. */
export function serverUnavailable(): string | undefined {
  if (!fs.existsSync(path.join(codeServerDir(), '.complete')) || !fs.existsSync(serverMain()))
    return `code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir()} (scripts/vscode/install-code-server.sh)`;
  if (!chromiumPath()) return 'Chromium is not installed (apt-get install -y chromium)';
  return undefined;
}

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--window-size=1400,900',
  '--remote-debugging-address=127.0.0.1',
  '--remote-debugging-port=0',
];

/** An empty extension to stand as the development extension when the tested one is installed. */
export function runnerExtension(): string {
  const dir = path.join(TESTS_OUT, '..', 'vscode-runner');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'test-runner',
      publisher: 'marathon-vscode-tests',
      version: '0.0.0',
      engines: { vscode: '*' },
    }),
  );
  return dir;
}

export interface RunningServer {
  port: number;
  url(folder: string, payload?: [string, string][]): string;
  remote(p: string): string;
  stop(): Promise<void>;
  exited: Promise<string>;
  logFile: string;
}

/**
 * Starts the VS Code server on a free port of 127.0.0.1 (or the given one). Extensions
 * to install are installed by the starting server itself (`--install-extension
 * --start-server`), not by a separate CLI run: only then does the server register a
 * language pack (languagepacks.json), and so serve the workbench in its language.
 * Resolves once the server listens and every extension is installed.
 */
export async function startServer(opts: {
  userData: string;
  extensions: string;
  install?: string[];
  env: NodeJS.ProcessEnv;
  locale?: string;
  logFile: string;
  port?: number;
  host?: string;
}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const args = [
    serverMain(),
    '--host',
    host,
    '--port',
    String(opts.port ?? 0),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-workspace-trust',
    '--telemetry-level',
    'off',
    '--user-data-dir',
    opts.userData,
    '--extensions-dir',
    opts.extensions,
  ];
  if (opts.locale) args.push('--locale', opts.locale);
  for (const vsix of opts.install ?? []) args.push('--install-extension', vsix);
  if (opts.install?.length) args.push('--start-server');
  const out = fs.openSync(opts.logFile, 'a');
  const child = spawnGroup(process.execPath, args, { env: opts.env, stdio: ['ignore', 'pipe', out] });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`the VS Code server exited (${signal ?? code})`)),
  );
  const pending = new Set((opts.install ?? []).map((f) => path.basename(f)));
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not start:\n${text}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      fs.appendFileSync(opts.logFile, d);
      text += d.toString();
      for (const name of pending)
        if (text.includes(`Extension '${name}' was successfully installed`)) {
          pending.delete(name);
          log(`installed ${name}`);
        }
      if (/Failed Installing Extensions|Error while installing/i.test(text)) {
        clearTimeout(timer);
        reject(new Error(`installing ${[...pending].join(', ')} failed:\n${text}`));
      }
      const m = /Web UI available at https?:\/\/[^:/\s]+:(\d+)/.exec(text);
      if (m && !pending.size) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then((why) => {
      clearTimeout(timer);
      reject(new Error(`${why}:\n${text}`));
    });
  });
  const authority = `${host}:${port}`;
  return {
    port,
    logFile: opts.logFile,
    exited,
    remote: (p) => `vscode-remote://${authority}${p.split(path.sep).join('/')}`,
    url(folder, payload) {
      let u = `http://${authority}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    stop: () => stopGroup(child),
  };
}

export interface RunningBrowser {
  browser: Browser;
  stop(): Promise<void>;
}

/** Starts Chromium (headless) and connects playwright-core to it over CDP. */
export async function startBrowser(profileDir: string): Promise<RunningBrowser> {
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium is not installed');
  const child = spawnGroup(exe, [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ws = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${text}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${text}`));
    });
  });
  child.stderr!.resume();
  const browser = await chromium.connectOverCDP(ws);
  return {
    browser,
    async stop() {
      await browser.close().catch(() => undefined);
      await stopGroup(child);
    },
  };
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  return page;
}

export type UiCheck = (ctx: {
  page: Page;
  server: RunningServer;
  workspace: string;
}) => Promise<SessionOutcome['extra']>;

/** Runs one session of the suite in the VS Code server; optionally the browser UI check after it. */
export async function runServerSession(
  spec: SessionSpec,
  options: { timeoutMs: number; uiCheck?: UiCheck; keep?: boolean; env?: NodeJS.ProcessEnv },
): Promise<SessionOutcome> {
  const dir = sessionDir(spec.name);
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  const workspace = copyWorkspace(dir);
  const results = path.join(dir, 'results.json');
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logFile = path.join(RESULTS_DIR, `vscode-${spec.name}-server.log`);
  fs.writeFileSync(logFile, '');
  let server: RunningServer | undefined;
  let browser: RunningBrowser | undefined;
  const outcome: SessionOutcome = { spec };
  try {
    server = await startServer({
      userData,
      extensions,
      install: spec.install,
      locale: spec.locale,
      logFile,
      env: {
        ...process.env,
        ...options.env,
        MARATHON_VSCODE_SESSION: spec.name,
        MARATHON_VSCODE_RESULTS: results,
      },
    });
    log(`session ${spec.name}: VS Code server on port ${server.port}, workspace ${workspace}`);
    browser = await startBrowser(path.join(dir, 'chromium'));
    const page = await newPage(browser.browser);
    const consoleLog = path.join(RESULTS_DIR, `vscode-${spec.name}-browser.log`);
    fs.writeFileSync(consoleLog, '');
    page.on('console', (m) => fs.appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => fs.appendFileSync(consoleLog, `[pageerror] ${e.stack ?? e.message}\n`));
    const payload: [string, string][] = [];
    // The workbench runs tests only for a development extension: the .vsix session gets an empty one.
    payload.push(['extensionDevelopmentPath', server.remote(spec.developmentPath ?? runnerExtension())]);
    payload.push(['extensionTestsPath', server.remote(TESTS_OUT)]);
    await page.goto(server.url(workspace, payload));
    const { summary, error } = await waitForSummary(results, options.timeoutMs, server.exited);
    outcome.summary = summary;
    outcome.error = error;
    if (!summary)
      await page
        .screenshot({ path: path.join(RESULTS_DIR, `vscode-${spec.name}-timeout.png`) })
        .catch(() => undefined);
    if (options.uiCheck) {
      const uiPage = await newPage(browser.browser);
      const uiWorkspace = copyWorkspace(path.join(dir, 'ui'));
      outcome.extra = await options.uiCheck({ page: uiPage, server, workspace: uiWorkspace });
    }
  } catch (e) {
    outcome.error = e instanceof Error ? e.message : String(e);
  } finally {
    await browser?.stop();
    await server?.stop();
    const failed = !outcome.summary || outcome.summary.failed > 0 || outcome.extra?.some((e) => !e.ok);
    if (failed) {
      // Keep VS Code's own logs (extension host, language server output) next to the results.
      const logs = path.join(userData, 'logs');
      const kept = path.join(RESULTS_DIR, `vscode-${spec.name}-logs`);
      fs.rmSync(kept, { recursive: true, force: true });
      if (fs.existsSync(logs))
        fs.cpSync(logs, path.join(RESULTS_DIR, `vscode-${spec.name}-logs`), { recursive: true });
    }
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  return outcome;
}
