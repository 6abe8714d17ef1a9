// `npm run bench`: the project's server beside VS Code's own JSON language server
// (vscode-json-language-server from vscode-langservers-extracted, validating the same
// facts through schemas/group.schema.json), on generated groups, as an editor talks to
// them. Also: indexing a 10,000-file workspace, and the .vsix size.
//   node --import tsx scripts/bench.ts [--sizes 1,100,1000,5000] [--reps 5] [--files 10000] [--json out.json] [--only project]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTree } from 'jsonc-parser';
import { ROOT, SERVER, TestClient } from '../test/lsp';
import { editInMiddle, group, workspace } from './bench/generate';

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const sizes = opt('--sizes', '1,100,1000,5000').split(',').map(Number);
const reps = Number(opt('--reps', '5'));
const files = Number(opt('--files', '10000'));
const only = opt('--only', '');
const out = opt('--json', path.join(ROOT, 'bench-results.json'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'marathon-bench-'));

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

function position(text: string, offset: number) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

function peakRssMB(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Server {
  name: string;
  start(): Promise<TestClient>;
}

const anchorBin = path.join(ROOT, 'node_modules', '.bin', 'vscode-json-language-server');
const servers: Server[] = [];
if (only !== 'anchor') {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: npm run build first`);
  servers.push({ name: 'marathon', start: () => TestClient.start({ workspaceFolder: work }) });
}
if (only !== 'project') {
  if (!fs.existsSync(anchorBin)) throw new Error('vscode-langservers-extracted is not installed (npm ci)');
  const schemaUri = pathToFileURL(path.join(ROOT, 'schemas', 'group.schema.json')).href;
  servers.push({
    name: 'json-ls',
    start: () =>
      TestClient.start({
        command: anchorBin,
        args: ['--stdio'],
        workspaceFolder: work,
        configuration: {
          json: { schemas: [{ fileMatch: ['*.json'], url: schemaUri }], validate: { enable: true } },
        },
      }),
  });
}

interface Row {
  server: string;
  apps: number;
  bytes: number;
  parseMs: number;
  /** didOpen → first diagnostics. */
  openMs: number;
  /** didOpen → complete diagnostics (a server that reports long work as progress has ended it). */
  allMs: number;
  /** A one-character edit, once the open's work is complete → its diagnostics. */
  editMs: number;
  completionMs: number;
  hoverMs: number;
  diagnostics: number;
  peakRssMB: number;
}

async function measure(server: Server, apps: number, text: string, parseMs: number): Promise<Row> {
  const client = await server.start();
  const open: number[] = [];
  const all: number[] = [];
  const edit: number[] = [];
  const completion: number[] = [];
  const hover: number[] = [];
  let diagnostics = 0;
  try {
    for (let k = 0; k < reps; k++) {
      const uri = pathToFileURL(path.join(work, `${server.name}-${apps}-${k}.json`)).href;
      let t0 = performance.now();
      await client.open(uri, text);
      open.push(client.publishedAt.get(uri)! - t0);
      await client.settled();
      all.push(client.publishedAt.get(uri)! - t0);
      const change = editInMiddle(text);
      const edited = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.length);
      t0 = performance.now();
      const diags = await client.change(uri, change.text, {
        start: position(text, change.offset),
        end: position(text, change.offset + change.length),
      });
      edit.push(client.publishedAt.get(uri)! - t0);
      diagnostics = diags.length;
      const mid = edited.indexOf('"persistent": {', Math.floor(edited.length / 2)) + '"persistent": {'.length;
      t0 = performance.now();
      await client.request('textDocument/completion', {
        textDocument: { uri },
        position: position(edited, mid),
      });
      completion.push(performance.now() - t0);
      const key = edited.indexOf('"containerPath"', Math.floor(edited.length / 2)) + 3;
      t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: position(edited, key) });
      hover.push(performance.now() - t0);
      client.close(uri);
    }
    return {
      server: server.name,
      apps,
      bytes: text.length,
      parseMs,
      openMs: median(open),
      allMs: median(all),
      editMs: median(edit),
      completionMs: median(completion),
      hoverMs: median(hover),
      diagnostics,
      peakRssMB: peakRssMB(client.proc.pid),
    };
  } finally {
    await client.stop();
  }
}

async function indexing(count: number): Promise<{ files: number; ms: number; progressReports: number }> {
  const dir = path.join(work, `workspace-${count}`);
  workspace(dir, count);
  const t0 = performance.now();
  const client = new TestClient({ workspaceFolder: dir });
  let reports = 0;
  const done = new Promise<number>((resolve) => {
    client.conn.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
      if (p.value?.kind === 'report') reports++;
      if (p.value?.kind === 'end') resolve(performance.now());
    });
  });
  const root = pathToFileURL(dir).href;
  await client.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'ws' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true },
    },
  });
  client.conn.sendNotification('initialized', {});
  const end = await done;
  await client.stop();
  return { files: count, ms: end - t0, progressReports: reports };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.log(`sizes ${sizes.join(', ')} apps; ${reps} repetitions; medians in ms`);
  console.log(
    'server    apps   bytes      parse   open     all      edit     complete hover   diags  peak RSS MB',
  );
  for (const apps of sizes) {
    const text = group(apps);
    const parses: number[] = [];
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      parseTree(text);
      parses.push(performance.now() - t0);
    }
    const parseMs = median(parses);
    for (const server of servers) {
      const r = await measure(server, apps, text, parseMs);
      rows.push(r);
      const f = (x: number) => x.toFixed(1).padEnd(9);
      console.log(
        `${r.server.padEnd(10)}${String(apps).padEnd(7)}${String(r.bytes).padEnd(11)}${f(parseMs).slice(0, 8)}${f(r.openMs)}${f(r.allMs)}${f(r.editMs)}${f(r.completionMs)}${f(r.hoverMs).slice(0, 8)}${String(r.diagnostics).padEnd(7)}${r.peakRssMB.toFixed(0)}`,
      );
    }
  }

  const ratios = sizes.map((apps) => {
    const p = rows.find((r) => r.server === 'marathon' && r.apps === apps);
    const a = rows.find((r) => r.server === 'json-ls' && r.apps === apps);
    return p && a
      ? {
          apps,
          openSpeedup: a.openMs / p.openMs,
          allSpeedup: a.allMs / p.allMs,
          editSpeedup: a.editMs / p.editMs,
          rssShare: p.peakRssMB / a.peakRssMB,
          editVsParse: p.editMs / p.parseMs,
        }
      : { apps, editVsParse: p ? p.editMs / p.parseMs : NaN };
  });
  console.log(
    '\nratios (anchor ÷ marathon for latency; marathon ÷ anchor for memory; marathon edit ÷ full parse)',
  );
  for (const r of ratios)
    console.log(JSON.stringify(r, (_, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v)));

  let index: Awaited<ReturnType<typeof indexing>> | undefined;
  if (files > 0 && only !== 'anchor') {
    index = await indexing(files);
    console.log(
      `\nindexing ${index.files} files: ${index.ms.toFixed(0)} ms (${index.progressReports} progress reports)`,
    );
  }
  const activation: number[] = [];
  for (let k = 0; k < 7; k++) {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'activation.cjs')], {
      encoding: 'utf8',
    });
    activation.push(Number(out.trim()));
  }
  const activationMs = median(activation);
  console.log(`extension activation (load + activate, dist/extension.js): ${activationMs.toFixed(1)} ms`);
  const vsix = fs.readdirSync(ROOT).find((f) => f.endsWith('.vsix'));
  const vsixBytes = vsix ? fs.statSync(path.join(ROOT, vsix)).size : undefined;
  if (vsix) console.log(`${vsix}: ${(vsixBytes! / 1024).toFixed(0)} KiB`);
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        rows,
        ratios,
        index,
        activationMs,
        vsixBytes,
      },
      null,
      1,
    ),
  );
  console.log(`\nfigures written to ${path.relative(process.cwd(), out)}`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
