/** Every English text of the product: the service catalog, the server and CLI catalogs, the client's `l10n.t` calls. */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_MESSAGES } from '../server/src/cli/messages';
import { INDEX_MESSAGES } from '../server/src/lsp/indexer';
import { VALIDATION_MESSAGES } from '../server/src/lsp/validation';
import { allMessages } from '../server/src/service/catalog';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json');

/** `vscode.l10n.t('...')` calls of the extension client. */
export function clientMessages(): string[] {
  const out: string[] = [];
  const dir = path.join(ROOT, 'client', 'src');
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue;
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.push(m[1].replace(/\\'/g, "'"));
  }
  return out;
}

export function englishMessages(): Set<string> {
  return new Set([
    ...allMessages(),
    ...Object.values(INDEX_MESSAGES),
    ...Object.values(VALIDATION_MESSAGES),
    ...Object.values(CLI_MESSAGES),
    ...clientMessages(),
  ]);
}
