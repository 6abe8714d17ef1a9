/**
 * Whole-definition templates: the snippets of `snippets/marathon.json`, which VS Code
 * reads through `contributes.snippets`. VS Code cannot localize a contributed snippet's
 * description (it shows the file's text as is; microsoft/vscode#56777 was closed out of
 * scope), so the file carries both languages, and the server serves the same bodies as
 * completion items with the description in the user's language, for every editor. The
 * VS Code client drops these server items (they would show twice next to the
 * contributed snippets): they carry `data.template`.
 */
import snippets from '../../../../snippets/marathon.json';
import type { EditingMessage } from './messages';

export interface DefinitionTemplate {
  /** The snippet's name in the file. */
  name: string;
  prefix: string;
  /** What it defines: where it may be inserted. */
  kind: 'app' | 'pod';
  description: EditingMessage;
  /** Snippet lines, indented with tabs. */
  body: string[];
}

const META: Record<string, { kind: 'app' | 'pod'; description: EditingMessage }> = {
  'marathon-mysql': { kind: 'app', description: 'snippetMysql' },
  'marathon-postgres': { kind: 'app', description: 'snippetPostgres' },
  'marathon-pod-shared-volume': { kind: 'pod', description: 'snippetPod' },
  'marathon-external-docker': { kind: 'app', description: 'snippetExternalDocker' },
  'marathon-external-mesos': { kind: 'app', description: 'snippetExternalMesos' },
  'marathon-stateful-app': { kind: 'app', description: 'snippetStateful' },
};

export const TEMPLATES: DefinitionTemplate[] = Object.entries(
  snippets as Record<string, { prefix: string; body: string[] }>,
)
  .filter(([, s]) => META[s.prefix])
  .map(([name, s]) => ({ name, prefix: s.prefix, body: s.body, ...META[s.prefix] }));

/**
 * A template's snippet text laid out at indentation `level` with the document's
 * indentation unit and line ends (the first line is inserted at the cursor).
 */
export function templateText(
  t: DefinitionTemplate,
  indent: string,
  eol: string,
  level: string,
  relativeId = false,
): string {
  return t.body
    .map((line, i) => {
      const tabs = /^\t*/.exec(line)![0].length;
      let text = line.slice(tabs);
      if (relativeId && tabs === 1) text = text.replace(/^("id": "\$\{\d+:)\//, '$1');
      return (i ? level : '') + indent.repeat(tabs) + text;
    })
    .join(eol);
}
