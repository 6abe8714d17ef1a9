/**
 * `npm run demo`: the packaged extension in a VS Code in your browser, on a copy of
 * examples/. Installs code-server's VS Code server into ~/.cache/marathon-vscode when it
 * is not there yet (scripts/vscode/install-code-server.sh), packages the .vsix, installs
 * it into a demo profile, starts the server and prints the URL to open. Ctrl+C stops it.
 *
 *   npm run demo [-- --port 8080] [--host 127.0.0.1] [--in-place] [--no-package]
 *
 * --in-place opens examples/ itself instead of a copy (your edits then change the repository).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../test/vscode/launch/common';
import { codeServerDir, serverUnavailable, startServer } from '../../test/vscode/launch/server';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const port = Number(opt('--port') ?? 8080);
  const host = opt('--host') ?? '127.0.0.1';

  if (!fs.existsSync(path.join(codeServerDir(), '.complete'))) {
    console.log('Installing the VS Code server (code-server) once, into ~/.cache/marathon-vscode ...');
    execFileSync(path.join(ROOT, 'scripts', 'vscode', 'install-code-server.sh'), { stdio: 'inherit' });
  }
  const unavailable = serverUnavailable();
  if (unavailable && !/Chromium/.test(unavailable)) throw new Error(unavailable);

  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(ROOT, `marathon-vscode-${pkg.version}.vsix`);
  if (!argv.includes('--no-package') || !fs.existsSync(vsix))
    execFileSync('npm', ['run', '--silent', 'package'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });

  const home = path.join(
    process.env.MARATHON_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'marathon-vscode'),
    'demo',
  );
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  let workspace = path.join(ROOT, 'examples');
  if (!argv.includes('--in-place')) {
    const copy = path.join(home, 'examples');
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(workspace, copy, { recursive: true });
    workspace = copy;
  }
  fs.rmSync(extensions, { recursive: true, force: true });
  const logFile = path.join(home, 'server.log');
  fs.mkdirSync(home, { recursive: true });
  const server = await startServer({
    userData,
    extensions,
    install: [vsix],
    env: process.env,
    logFile,
    port,
    host,
  });
  const url = server.url(workspace);
  console.log(`
Marathon for VS Code ${pkg.version} is running in the VS Code server (code-server's VS Code 1.100.3).
Open this in a browser on this machine:

    ${url}

Workspace: ${workspace}${argv.includes('--in-place') ? '' : ' (a copy of examples/)'}
Start with broken-mysql.json: the red squiggles, the Problems view, and Ctrl+. for the quick fixes.
Server log: ${logFile}. Press Ctrl+C to stop.
`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const why = await server.exited;
  console.error(why);
  process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
