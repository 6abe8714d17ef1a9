// Measures the extension's activation in a plain Node process: loading dist/extension.js and
// running activate() against a stand-in for the `vscode` module (every property is a no-op
// function or object). The language server is started in the background by activate() and is
// not part of the measure, as in VS Code. Prints the milliseconds.
const Module = require('node:module');
const path = require('node:path');
const stand = new Proxy(function () {}, {
  get: (_, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : stand),
  apply: () => stand,
  construct: () => stand,
});
// A module object with the namespaces an extension touches (bundlers copy own properties).
// Its names are those of the API's type declarations.
const vscode = { version: '1.100.3' };
const api = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
for (const m of api.matchAll(/^\s*export (?:class|namespace|enum|const) (\w+)/gm))
  if (!(m[1] in vscode)) vscode[m[1]] = stand;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const root = path.resolve(__dirname, '..', '..');
const context = { subscriptions: [], asAbsolutePath: (p) => path.join(root, p), extensionPath: root };
const t0 = performance.now();
const ext = require(path.join(root, 'dist', 'extension.js'));
ext.activate(context);
const ms = performance.now() - t0;
process.stdout.write(`${ms}\n`);
process.exit(0);
