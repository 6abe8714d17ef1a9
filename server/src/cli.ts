/**
 * `marathon-lint`: the same service and rules as the language server, for CI.
 * Exit status 0 without errors, 1 with errors, 2 for usage or I/O problems.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectTargets, InputError } from './cli/files';
import { json, sarif, stylish, type FileResult } from './cli/format';
import { CLI_MESSAGES } from './cli/messages';
import { analyze } from './service/analyze';
import { fixAllText, type AppliedFix } from './service/codeActions';
import { toDiagnostics } from './service/diagnostics';
import { parseDocument, type ParsedDocument } from './service/document';
import { environmentLocale, t, toLocale, type Locale } from './service/l10n';
import { resolveSettings, type MarathonSettings } from './service/settings';
import { extractEntry, WorkspaceIndex } from './service/workspace';

declare const MARATHON_VERSION: string | undefined;
const VERSION = typeof MARATHON_VERSION === 'string' ? MARATHON_VERSION : '0.0.0';

interface Options {
  format: 'stylish' | 'json' | 'sarif';
  fix: boolean;
  locale: Locale;
  config?: string;
  rules: Record<string, string>;
  inputs: string[];
  help: boolean;
  version: boolean;
}

class UsageError extends Error {
  constructor(
    readonly key: keyof typeof CLI_MESSAGES,
    readonly args: Record<string, string> = {},
  ) {
    super(key);
  }
}

function parseArgs(argv: string[], locale: Locale): Options {
  const o: Options = {
    format: 'stylish',
    fix: false,
    locale,
    rules: {},
    inputs: [],
    help: false,
    version: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError('missingValue', { option: name });
      return v;
    };
    switch (name) {
      case '--format':
      case '-f': {
        const f = value();
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif')
          throw new UsageError('badFormat', { format: f });
        o.format = f;
        break;
      }
      case '--fix':
        o.fix = true;
        break;
      case '--locale': {
        const l = value().toLowerCase();
        if (!['en', 'zh-cn', 'zh', 'zh-hans'].includes(l)) throw new UsageError('badLocale', { locale: l });
        o.locale = toLocale(l);
        break;
      }
      case '--config':
      case '-c':
        o.config = value();
        break;
      case '--rule': {
        const r = value();
        const m = /^([\w-]+)=(error|warning|information|hint|off)$/.exec(r);
        if (!m) throw new UsageError('badRule', { rule: r });
        o.rules[m[1]] = m[2];
        break;
      }
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--version':
        o.version = true;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError('unknownOption', { option: a });
        o.inputs.push(a);
    }
  }
  return o;
}

async function loadSettings(o: Options): Promise<MarathonSettings> {
  let base: Record<string, unknown> = {};
  if (o.config) {
    try {
      const raw = JSON.parse(await fs.readFile(o.config, 'utf8'));
      base = (raw && typeof raw === 'object' && 'marathon' in raw ? raw.marathon : raw) ?? {};
    } catch (e) {
      throw new UsageError('badConfig', { path: o.config, reason: (e as Error).message });
    }
  }
  const rules = { ...((base.rules as Record<string, string>) ?? {}), ...o.rules };
  return resolveSettings({ ...base, rules });
}

/** Where the CLI writes (process.stdout and process.stderr, or test collectors). */
export interface CliIO {
  out: { write(text: string): unknown; isTTY?: boolean };
  err: { write(text: string): unknown };
}

export async function main(
  argv: string[],
  io: CliIO = { out: process.stdout, err: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const envLocale = environmentLocale(env);
  let o: Options;
  try {
    o = parseArgs(argv, envLocale);
    if (o.help) {
      io.out.write(t(o.locale, CLI_MESSAGES.usage) + '\n\n' + t(o.locale, CLI_MESSAGES.help) + '\n');
      return 0;
    }
    if (o.version) {
      io.out.write(VERSION + '\n');
      return 0;
    }
    if (!o.inputs.length) throw new UsageError('noInput');
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(
        t(envLocale, CLI_MESSAGES[e.key], e.args) + '\n' + t(envLocale, CLI_MESSAGES.usage) + '\n',
      );
      return 2;
    }
    throw e;
  }
  try {
    const settings = await loadSettings(o);
    const targets = await collectTargets(o.inputs);
    // Read and parse everything first: the cross-file rules need the whole set.
    const index = new WorkspaceIndex();
    const docs: { target: (typeof targets)[number]; doc: ParsedDocument }[] = [];
    for (const target of targets) {
      let text: string;
      try {
        text = await fs.readFile(target.file, 'utf8');
      } catch (e) {
        throw new InputError('unreadable', {
          path: target.file,
          reason: (e as NodeJS.ErrnoException).code ?? String(e),
        });
      }
      const uri = pathToFileURL(path.resolve(target.file)).href;
      const doc = parseDocument(uri, 1, text, settings.limits);
      const analysis = analyze(doc, settings, undefined, target.explicit);
      if (!analysis.detection.kind && !analysis.problems.length) continue;
      index.setDisk(extractEntry(doc, analysis.model));
      docs.push({ target, doc });
    }
    if (!docs.length && o.format === 'stylish') {
      io.err.write(t(o.locale, CLI_MESSAGES.noDefinitions) + '\n');
    }
    // --fix: every file first (a fixed file is indexed again), then the report on the results.
    const fixes = new Map<string, AppliedFix[]>();
    if (o.fix) {
      for (const entry of docs) {
        const { target, doc } = entry;
        const r = fixAllText(doc, settings, index, o.locale, 10, target.explicit);
        if (r.text === doc.text) continue;
        try {
          await fs.writeFile(target.file, r.text);
        } catch (e) {
          throw new InputError('cannotWrite', {
            path: target.file,
            reason: (e as NodeJS.ErrnoException).code ?? String(e),
          });
        }
        entry.doc = r.analysis.doc;
        fixes.set(target.file, r.applied);
        index.setDisk(extractEntry(r.analysis.doc, r.analysis.model));
      }
    }
    const results: FileResult[] = [];
    for (const { target, doc } of docs) {
      const analysis = analyze(doc, settings, index, target.explicit);
      const applied = fixes.get(target.file);
      results.push({
        file: target.file,
        diagnostics: toDiagnostics(analysis, o.locale),
        fixed: o.fix
          ? (applied ?? []).map((a) => ({
              rule: a.problem.rule,
              title: a.title,
              line: a.position.line + 1,
              column: a.position.character + 1,
            }))
          : undefined,
      });
    }
    const output =
      o.format === 'json'
        ? json(results)
        : o.format === 'sarif'
          ? sarif(results, o.locale, VERSION)
          : stylish(results, o.locale, !!io.out.isTTY && !env.NO_COLOR);
    io.out.write(output + '\n');
    return results.some((r) => r.diagnostics.some((d) => (d.severity ?? 1) === 1)) ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.err.write(t(o.locale, CLI_MESSAGES[e.key], e.args) + '\n');
      return 2;
    }
    if (e instanceof UsageError) {
      io.err.write(t(o.locale, CLI_MESSAGES[e.key], e.args) + '\n');
      return 2;
    }
    io.err.write(`marathon-lint: ${(e as Error)?.message ?? e}\n`);
    return 2;
  }
}

if (require.main === module) {
  // exitCode, not exit(): a large report to a pipe is written out completely first.
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`marathon-lint: ${(e as Error)?.message ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
