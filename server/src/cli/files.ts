/** Which files the CLI checks: the files given by name, and the `.json` files under the folders given. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Target {
  file: string;
  /** Given by name (always checked), or found in a folder (checked when it is a Marathon definition). */
  explicit: boolean;
}

export class InputError extends Error {
  constructor(
    readonly key: 'notFound' | 'unreadable' | 'cannotWrite',
    readonly args: Record<string, string>,
  ) {
    super(key);
  }
}

export async function collectTargets(inputs: string[]): Promise<Target[]> {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (file: string, explicit: boolean) => {
    const abs = path.resolve(file);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ file, explicit });
  };
  for (const input of inputs) {
    let stat;
    try {
      stat = await fs.stat(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('notFound', { path: input });
      throw new InputError('unreadable', { path: input, reason: code ?? String(e) });
    }
    if (stat.isFile()) add(input, true);
    else if (!stat.isDirectory()) throw new InputError('unreadable', { path: input, reason: 'not a file' });
    else {
      const stack = [input];
      while (stack.length) {
        const dir = stack.pop()!;
        let entries;
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch (e) {
          throw new InputError('unreadable', {
            path: dir,
            reason: (e as NodeJS.ErrnoException).code ?? String(e),
          });
        }
        entries.sort((a, b) => a.name.localeCompare(b.name));
        for (const e of entries) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) {
            if (!SKIP_DIRS.has(e.name)) stack.push(p);
          } else if (e.isFile() && /\.json(\.mustache)?$/i.test(e.name)) add(p, false);
        }
      }
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
