/**
 * Settings from the client: the `marathon` section, pulled with
 * `workspace/configuration` when the client supports it, else taken from
 * `didChangeConfiguration` pushes or the initialization options.
 */
import type { Connection } from 'vscode-languageserver/node';
import { resolveSettings, type MarathonSettings } from '../service/settings';

export class SettingsSource {
  pull = false;

  constructor(private readonly connection: Connection) {}

  /** The current settings; `pushed` is what a didChangeConfiguration notification carried. */
  async fetch(pushed?: unknown): Promise<MarathonSettings> {
    if (this.pull) {
      try {
        const [section] = await this.connection.workspace.getConfiguration([{ section: 'marathon' }]);
        return resolveSettings(section);
      } catch (e) {
        this.connection.console.warn(`marathon: could not read settings: ${(e as Error)?.message ?? e}`);
      }
    }
    const p = pushed as { marathon?: unknown } | undefined;
    return resolveSettings(p && typeof p === 'object' && 'marathon' in p ? p.marathon : pushed);
  }
}
