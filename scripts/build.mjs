// Bundles the extension client, the language server and the CLI with esbuild.
// Type checking is done separately by `tsc --noEmit` (see `npm run build`).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg >= 0 ? process.argv[outArg + 1] : 'dist';
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build cannot be bundled; its ESM build can.
  mainFields: ['module', 'main'],
  define: {
    MARATHON_VERSION: JSON.stringify(pkg.version),
    'process.env.MARATHON_VERSION': JSON.stringify(pkg.version),
  },
};

// The schema validators are generated as standalone code (no ajv compilation at run time)
// and replace the run-time compiler in the server and CLI bundles.
const generated = path.resolve('.cache', 'schema-validators.cjs');
fs.mkdirSync(path.dirname(generated), { recursive: true });
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-validators.ts', generated], {
  stdio: 'inherit',
});

/** @type {import('esbuild').Plugin} */
const precompiledSchemas = {
  name: 'precompiled-schemas',
  setup(build) {
    build.onResolve({ filter: /^#schema-validators$/ }, () => ({ path: generated }));
    // The run-time compiler (and ajv's code generator with it) stays out of the bundle.
    build.onResolve({ filter: /^\.\/compile$/ }, (args) =>
      args.importer.endsWith(path.join('schema', 'validator.ts'))
        ? { path: 'compile', namespace: 'stub' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        'exports.compileValidators = () => { throw new Error("schemas are precompiled in bundles"); };',
    }));
  },
};
const service = { define: { ...common.define, MARATHON_PRECOMPILED: 'true' }, plugins: [precompiledSchemas] };

const builds = [
  // The extension's entry point stays small (activation); the language client is its own bundle.
  { entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] },
  { entryPoints: ['client/src/client.ts'], outfile: `${outdir}/client.js`, external: ['vscode'] },
  // The relay the editor starts, and the server its worker thread loads (lsp/worker.ts).
  {
    entryPoints: ['server/src/server.ts'],
    outfile: `${outdir}/server.js`,
    banner: { js: '#!/usr/bin/env node' },
  },
  { entryPoints: ['server/src/core.ts'], outfile: `${outdir}/server-core.js`, ...service },
  {
    entryPoints: ['server/src/cli.ts'],
    outfile: `${outdir}/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
    ...service,
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
