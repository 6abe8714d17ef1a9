// Bundles the suite that runs inside VS Code's extension host (test/vscode/suite/*.ts)
// into out/test/vscode/: index.js (the run() entry point) and one file per test file.
// `vscode` is provided by the extension host; `mocha` stays a require from node_modules
// so that the test files and the runner share one mocha instance.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const suite = path.join(root, 'test', 'vscode', 'suite');
const outdir = path.join(root, 'out', 'test', 'vscode');
fs.rmSync(outdir, { recursive: true, force: true });
const entryPoints = fs
  .readdirSync(suite)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => path.join(suite, f));
await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  // The tests read the rules' metadata only; they never run the schema validators.
  external: ['vscode', 'mocha', '#schema-validators'],
  define: { MARATHON_PRECOMPILED: 'false' },
  mainFields: ['module', 'main'],
});
console.log(`[vscode-tests] bundled ${entryPoints.length} files into ${path.relative(root, outdir)}`);
