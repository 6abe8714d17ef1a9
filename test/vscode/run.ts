/**
 * `npm run test:vscode`: the extension in a real VS Code.
 *
 *   1. bundles the suite (scripts/vscode/build-tests.mjs) and packages the .vsix (npm run package);
 *   2. picks the launcher that can run here and says which: the VS Code server of
 *      code-server in Chromium (launch/server.ts), or desktop VS Code through
 *      @vscode/test-electron (launch/electron.ts);
 *   3. runs three sessions of the suite: `main` (the extension from this folder), `zh-cn`
 *      (Chinese display language), `vsix` (the packaged extension installed with
 *      --install-extension), then, with the server launcher, a check through the browser UI;
 *   4. prints the summary and exits non-zero when anything failed, timed out, or did not run.
 *
 * Options: --launcher server|electron, --session main,zh-cn,vsix, --grep <regexp of test titles>,
 *          --no-package, --keep (the session folders), --timeout <seconds per session>.
 *          Environment: MARATHON_VSCODE_LAUNCHER (server|electron), MARATHON_VSCODE_CACHE.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ROOT,
  RESULTS_DIR,
  log,
  report,
  sessionDir,
  type SessionOutcome,
  type SessionSpec,
} from './launch/common';
import { CODE_SERVER_VERSION, chromiumPath, runServerSession, serverUnavailable } from './launch/server';
import { uiCheck } from './ui';

interface Options {
  launcher?: 'server' | 'electron';
  sessions: SessionSpec['name'][];
  package: boolean;
  keep: boolean;
  timeoutMs: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    launcher: process.env.MARATHON_VSCODE_LAUNCHER as Options['launcher'],
    sessions: ['main', 'zh-cn', 'vsix'],
    package: true,
    keep: false,
    timeoutMs: 300_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--launcher') o.launcher = argv[++i] as Options['launcher'];
    else if (a === '--session') o.sessions = argv[++i].split(',') as Options['sessions'];
    else if (a === '--no-package') o.package = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--grep') process.env.MARATHON_VSCODE_GREP = argv[++i];
    else if (a === '--timeout') o.timeoutMs = Number(argv[++i]) * 1000;
    else throw new Error(`unknown option ${a}`);
  }
  if (o.launcher && !['server', 'electron'].includes(o.launcher))
    throw new Error(`unknown launcher ${o.launcher}`);
  return o;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

function timed<T>(what: string, f: () => T): T {
  const t0 = Date.now();
  const r = f();
  log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

/** Packages the small test-only language pack that switches VS Code to zh-cn. */
function languagePackVsix(): string {
  const dir = sessionDir('language-pack');
  fs.cpSync(path.join(ROOT, 'test', 'vscode', 'fixtures', 'zh-cn-language-pack'), dir, { recursive: true });
  const out = path.join(ROOT, 'out', 'test', 'test-language-pack-zh-cn.vsix');
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--out',
      out,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  timed('bundled the suite', () =>
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'vscode', 'build-tests.mjs')], {
      stdio: 'inherit',
    }),
  );
  const vsix = path.join(ROOT, `marathon-vscode-${pkg.version}.vsix`);
  if (o.package)
    timed('npm run package', () =>
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: 'inherit' }),
    );
  if (!fs.existsSync(vsix)) throw new Error(`${path.basename(vsix)} is missing (npm run package)`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')))
    throw new Error('dist/ is not built (npm run package)');
  const languagePack = timed('packaged the zh-cn test language pack', languagePackVsix);

  const specs: SessionSpec[] = o.sessions.map((name) =>
    name === 'main'
      ? { name, developmentPath: ROOT, install: [] }
      : name === 'zh-cn'
        ? { name, developmentPath: ROOT, install: [languagePack], locale: 'zh-cn' }
        : { name, install: [vsix] },
  );
  const env = { MARATHON_VSCODE_VSIX: vsix };

  let launcher = o.launcher;
  const unavailable = serverUnavailable();
  if (!launcher) launcher = unavailable ? 'electron' : 'server';
  const outcomes: SessionOutcome[] = [];
  if (launcher === 'server') {
    if (unavailable) throw new Error(`the server launcher cannot run: ${unavailable}`);
    log(
      `launcher: VS Code server (code-server ${CODE_SERVER_VERSION}) in ${chromiumPath()} driven by playwright-core`,
    );
    for (const spec of specs) {
      const t0 = Date.now();
      outcomes.push(
        await runServerSession(spec, {
          timeoutMs: o.timeoutMs,
          keep: o.keep,
          env,
          uiCheck: spec.name === 'vsix' ? uiCheck : undefined,
        }),
      );
      log(`session ${spec.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } else {
    const { desktopVSCode, runElectronSession } = await import('./launch/electron');
    log(`launcher: desktop VS Code through @vscode/test-electron${unavailable ? ` (${unavailable})` : ''}`);
    let executable: string;
    try {
      executable = await desktopVSCode();
    } catch (e) {
      log(`desktop VS Code could not be downloaded: ${e instanceof Error ? e.message : String(e)}`);
      log('no VS Code ran: install the server launcher with scripts/vscode/install-code-server.sh');
      return 1;
    }
    for (const spec of specs)
      outcomes.push(
        await runElectronSession(spec, { timeoutMs: o.timeoutMs, executable, keep: o.keep, env }),
      );
  }
  return report(outcomes) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
