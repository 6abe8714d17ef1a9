/**
 * The user-level check, through the browser UI as a person uses it, on the installed
 * .vsix: open a file with Quick Open, see the error count in the status bar, put the
 * cursor on the problem (F8), open the quick fixes with Ctrl+. and apply the first with
 * Enter, see the text change and the count drop to zero. Screenshots go to test-results/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, type SessionOutcome } from './launch/common';
import type { UiCheck } from './launch/server';

type Result = NonNullable<SessionOutcome['extra']>[number];

const TYPO = `{
  "id": "/ui/typo",
  "cmd": "nginx -g 'daemon off;'",
  "cpus": 0.5,
  "mem": 128,
  "container": {
    "type": "DOKCER",
    "docker": { "image": "nginx:1.27" }
  }
}
`;

/** Error and warning counts shown by the status bar's problems item. */
async function problemCounts(page: Page): Promise<{ errors: number; warnings: number; label: string }> {
  const label =
    (
      await page
        .locator('[id="status.problems"]')
        .first()
        .evaluate(
          (e) => e.getAttribute('aria-label') || (e as unknown as { innerText?: string }).innerText || '',
        )
    )
      .replace(/\s+/g, ' ')
      .trim() || '';
  const n = (re: RegExp) => Number(re.exec(label)?.[1] ?? NaN);
  let errors = n(/Errors?:\s*(\d+)/i);
  let warnings = n(/Warnings?:\s*(\d+)/i);
  if (/no problems/i.test(label)) errors = warnings = 0;
  return { errors, warnings, label };
}

async function waitFor(what: string, f: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await f()) return;
    } catch {
      /* the element is not there yet */
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function openWithQuickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.type(file, { delay: 20 });
  await waitFor(`Quick Open to list ${file}`, async () =>
    (await page.locator('.quick-input-widget .monaco-list-row').first().innerText()).includes(file),
  );
  await page.keyboard.press('Enter');
  await waitFor(`the editor of ${file}`, async () =>
    (await page.locator('.tabs-container .tab.active').first().innerText()).includes(file),
  );
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(RESULTS_DIR, `vscode-ui-${name}.png`) }).catch(() => undefined);
}

/** Opens `file`, waits for its errors, applies the first quick fix with the keyboard, checks the result. */
async function fixWithKeyboard(
  page: Page,
  name: string,
  file: string,
  changed: (text: string) => boolean,
): Promise<void> {
  // The status bar counts the problems of all files: this file's are what it adds.
  const before = (await problemCounts(page)).errors || 0;
  await openWithQuickOpen(page, file);
  await waitFor(
    'the error count in the status bar to go up',
    async () => (await problemCounts(page)).errors > before,
  );
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  await shot(page, `${name}-1-errors`);
  // F8: go to the next problem (the cursor lands on it); Escape closes its peek.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('F8');
  await page.locator('.marker-widget').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget .monaco-list-row');
  await menu.first().waitFor({ state: 'visible', timeout: 30_000 });
  await shot(page, `${name}-2-quick-fix-menu`);
  await page.keyboard.press('Enter');
  await waitFor('the quick fix to change the text', async () => changed(await editorText(page)), 30_000);
  await waitFor(
    `the status bar to count no error of ${file} (${before} before it was opened)`,
    async () => (await problemCounts(page)).errors === before,
  );
  await shot(page, `${name}-3-fixed`);
}

export const uiCheck: UiCheck = async ({ page, server, workspace }) => {
  fs.writeFileSync(path.join(workspace, 'scratch', 'typo.json'), TYPO);
  const results: Result[] = [];
  const step = async (title: string, f: () => Promise<void>) => {
    const t0 = Date.now();
    try {
      await f();
      results.push({ title, ok: true, durationMs: Date.now() - t0 });
      process.stdout.write(`      ok   ${title} (${Date.now() - t0} ms)\n`);
    } catch (e) {
      const counts = await problemCounts(page).catch(() => undefined);
      const error = `${e instanceof Error ? e.message : String(e)}${counts ? ` (status bar: ${counts.label})` : ''}`;
      results.push({ title, ok: false, error, durationMs: Date.now() - t0 });
      process.stdout.write(`      FAIL ${title}\n           ${error}\n`);
      await shot(page, `failed-${results.length}`);
    }
  };
  process.stdout.write('    browser UI check (the installed .vsix, keyboard only):\n');
  await step('the workbench opens the workspace', async () => {
    await page.goto(server.url(workspace));
    await page.locator('[id="status.problems"]').first().waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view').first().waitFor({ timeout: 60_000 });
  });
  await step('a misspelt container type: status bar errors, Ctrl+. Enter changes it to DOCKER', () =>
    fixWithKeyboard(page, 'typo', 'typo.json', (t) => t.includes('"type": "DOCKER"')),
  );
  await step('an absolute persistent containerPath: Ctrl+. Enter applies the two-volume workaround', () =>
    fixWithKeyboard(page, 'mysql', 'mysql-broken.json', (t) => t.includes('"hostPath"')),
  );
  return results;
};
