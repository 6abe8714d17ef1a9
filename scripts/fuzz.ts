/**
 * A long fuzz run (`npm run fuzz -- [options]`): random edits through the pure service
 * and through the real server over stdio, with requests in between; prints what it did
 * and every finding (crashes, slow answers, stale diagnostics, unsound fixes), each with
 * a shrunk input when it can be reproduced on the pure service.
 *
 *   --seed N         first seed (default 1); each round uses the next one
 *   --edits N        edits per round and driver (default 2000)
 *   --duration S     stop after S seconds (default: after one round)
 *   --only service|lsp
 *   --server FILE    the server to drive (default: $MARATHON_SERVER or dist/server.js)
 *   --fixtures DIR   more seed documents (every .json under DIR)
 *   --no-shrink      do not shrink findings
 *   --out FILE       write the findings (with their inputs) as JSON
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  fixtureDocuments,
  freshDiagnostics,
  fuzzServer,
  fuzzService,
  shrink,
  summary,
  captureGuardLogs,
  diagnosticKeys,
  type Finding,
  type Stats,
} from '../test/fuzzing';
import { MarathonService } from '../server/src/service/service';

const argv = process.argv.slice(2);
const opt = (name: string, fallback?: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const seed = Number(opt('--seed', '1'));
const edits = Number(opt('--edits', '2000'));
const duration = opt('--duration') !== undefined ? Number(opt('--duration')) * 1000 : undefined;
const only = opt('--only');
const server = opt('--server');
if (server) process.env.MARATHON_SERVER = path.resolve(server);
const documents = fixtureDocuments();
const extra = opt('--fixtures');
if (extra) documents.push(...fixtureDocuments(path.resolve(extra)));
const doShrink = !argv.includes('--no-shrink');
const out = opt('--out');

const started = Date.now();
const totals = { service: [] as Stats[], lsp: [] as Stats[] };
const all: (Finding & { driver: string; seed: number; minimal?: string })[] = [];

const log = (s: string) => process.stdout.write(s + '\n');
log(`fuzz: seed ${seed}, ${edits} edits per round, ${documents.length} fixture documents`);

/** Re-checks a finding on the pure service and shrinks its input while it still fails. */
function minimal(f: Finding): string | undefined {
  if (!doShrink || f.text === undefined || f.text.length > 20000) return undefined;
  const uri = 'file:///fuzz/min.marathon.json';
  const logs = captureGuardLogs();
  try {
    const fails = (text: string): boolean => {
      try {
        const service = new MarathonService();
        const doc = service.document(uri, 1, text);
        const d = service.diagnostics(doc);
        service.documentSymbols(doc);
        for (const x of d.slice(0, 20)) service.codeActions(doc, x.range, [x]);
        const crashed = logs
          .take()
          .some((l) => f.kind !== 'rule-crash' || l.slice(0, 60) === f.detail.slice(0, 60));
        if (f.kind === 'rule-crash') return crashed;
        if (f.kind === 'stale')
          return (
            JSON.stringify(diagnosticKeys(d)) !== JSON.stringify(diagnosticKeys(freshDiagnostics(uri, text)))
          );
        return false;
      } catch (e) {
        return (
          f.kind === 'exception' &&
          String((e as Error)?.message).slice(0, 40) ===
            f.detail
              .split('\n')[0]
              .replace(/^\w*Error: /, '')
              .slice(0, 40)
        );
      }
    };
    if (!fails(f.text)) return undefined;
    return shrink(f.text, fails, 3000);
  } finally {
    logs.restore();
  }
}

function report(driver: string, round: number, stats: Stats): void {
  log(`${driver} round ${round} (seed ${seed + round}): ${summary(stats)}`);
  for (const f of stats.findings) {
    const m = f.kind === 'slow' || f.kind === 'no-diagnostics' ? undefined : minimal(f);
    all.push({ ...f, driver, seed: seed + round, minimal: m });
    log(`  ${f.kind} in ${f.where}: ${f.detail.split('\n').slice(0, 3).join(' | ')}`);
    if (m !== undefined) log(`    minimal input: ${JSON.stringify(m)}`);
  }
}

async function main(): Promise<number> {
  for (let round = 0; ; round++) {
    const left = duration === undefined ? undefined : duration - (Date.now() - started);
    if (left !== undefined && left <= 0) break;
    if (only !== 'lsp') {
      const s = fuzzService({
        seed: seed + round,
        edits,
        documents,
        durationMs: left === undefined ? undefined : left / 2,
      });
      totals.service.push(s);
      report('service', round, s);
    }
    if (only !== 'service') {
      const { TestClient } = await import('../test/lsp');
      const client = await TestClient.start();
      try {
        const s = await fuzzServer(client, {
          seed: seed + round,
          edits,
          documents,
          durationMs: duration === undefined ? undefined : Math.max(1000, duration - (Date.now() - started)),
        });
        totals.lsp.push(s);
        report('lsp', round, s);
      } finally {
        await client.stop();
      }
    }
    if (duration === undefined) break;
  }

  const sum = (xs: Stats[], k: 'edits' | 'requests' | 'documents' | 'fixesChecked') =>
    xs.reduce((a, s) => a + s[k], 0);
  const crashes = all.filter(
    (f) => f.kind === 'exception' || f.kind === 'server-died' || f.kind === 'rule-crash',
  ).length;
  const slow = all.filter((f) => f.kind === 'slow').length;
  log('');
  log(
    `total: ${sum(totals.service, 'edits') + sum(totals.lsp, 'edits')} edits ` +
      `(${sum(totals.service, 'edits')} service, ${sum(totals.lsp, 'edits')} stdio), ` +
      `${sum(totals.service, 'requests') + sum(totals.lsp, 'requests')} requests, ` +
      `${sum(totals.service, 'documents') + sum(totals.lsp, 'documents')} documents, ` +
      `${sum(totals.service, 'fixesChecked') + sum(totals.lsp, 'fixesChecked')} fixes checked: ` +
      `${crashes} crashes, ${slow} slow answers, ${all.length - crashes - slow} other findings ` +
      `in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (out) fs.writeFileSync(out, JSON.stringify(all, null, 2));
  return all.length ? 1 : 0;
}

void main().then((code) => process.exit(code));
