// The Chinese bundle, maintained by hand with two helpers:
//   node --import tsx scripts/l10n.ts missing        prints the untranslated English texts as a JSON object
//   node --import tsx scripts/l10n.ts add FILE.json  merges translations (English → Chinese) into the bundle
//   node --import tsx scripts/l10n.ts unused         prints bundle keys no code uses
import fs from 'node:fs';
import { BUNDLE, englishMessages } from './l10n-catalog';

const [cmd, file] = process.argv.slice(2);
const read = () => JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, string>;
if (cmd === 'missing') {
  const zh = read();
  const missing = Object.fromEntries([...englishMessages()].filter((m) => !(m in zh)).map((m) => [m, '']));
  console.log(JSON.stringify(missing, null, 2));
} else if (cmd === 'add' && file) {
  const add = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  const zh = { ...read(), ...add };
  fs.writeFileSync(BUNDLE, JSON.stringify(zh, null, 2) + '\n');
  console.log(`added ${Object.keys(add).length} translations`);
} else if (cmd === 'unused') {
  const used = englishMessages();
  console.log(
    JSON.stringify(
      Object.keys(read()).filter((k) => !used.has(k)),
      null,
      2,
    ),
  );
} else {
  console.error('usage: scripts/l10n.ts missing | add FILE.json | unused');
  process.exit(2);
}
