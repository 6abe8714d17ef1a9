/**
 * The head of a large document: its text up to the end of its first apps and pods, with
 * the brackets still open there closed. A group of thousands of apps takes hundreds of
 * milliseconds to parse; its head (the first screens of the file) takes a few, so the
 * editor can show the problems of the first apps while the whole document is parsed.
 * The head's offsets are the document's own (it is a prefix), so what is found in its
 * apps is found at the same place in the whole document.
 */

/** How the head of a document is cut. */
export interface HeadOptions {
  /** Apps and pods in the head. */
  units: number;
  /** The head ends after the first unit that ends past this many characters, even with fewer units. */
  maxChars: number;
  /** A document shorter than this many times its head is analysed whole at once. */
  minRatio: number;
}

export interface DocumentHead {
  /** The prefix with its open brackets closed: strict JSON when the prefix is. */
  text: string;
  /** Where the prefix ends: offsets below it are the document's own. */
  end: number;
  /** Apps and pods that end inside the prefix. */
  units: number;
  /**
   * Every object still open where the head ends (the groups around its last apps) has its
   * `id` inside the head. When one has not (Marathon's own exports write `apps` before
   * `id`), relative ids in the head cannot be resolved yet.
   */
  ancestorsIdentified: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * The head of `text`, or undefined when it has none worth analysing apart (a small
 * document, one app, fewer units than asked for). One pass over the prefix only: the
 * cost does not grow with the document.
 *
 * A unit is an object in an `apps` or `pods` array, or in an array at the top (a list of
 * apps), as the analysis sees them. The scan knows strings and brackets, nothing else:
 * a prefix that is not JSON fails to parse, and then the document is analysed whole.
 */
export function documentHead(text: string, options: HeadOptions): DocumentHead | undefined {
  const n = text.length;
  /** Open brackets, and for each one whether its elements are units. */
  const open: number[] = [];
  const unitArray: boolean[] = [];
  /** For each open bracket: an object that has an `id` key so far. */
  const identified: boolean[] = [];
  /** The key of the property whose value comes next ('' when none, or another key). */
  let key = '';
  let units = 0;
  // Past a quarter (minRatio) of the document, no head is worth it: stop there.
  const limit = Math.floor(n / options.minRatio);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE || d === 10 || d === 13) break;
      }
      // A string followed by a colon is a key; any other string is a value.
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === COLON) {
        key = i - start === 4 || i - start === 2 ? text.slice(start, i) : '';
        if (key === 'id' && open.length) identified[identified.length - 1] = true;
        i = j;
      } else key = '';
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const top = open.length;
      unitArray.push(c === OPEN_BRACKET && (top === 0 || key === 'apps' || key === 'pods'));
      identified.push(c === OPEN_BRACKET);
      open.push(c);
      key = '';
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (!open.length || open[open.length - 1] !== (c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET))
        return undefined;
      open.pop();
      unitArray.pop();
      identified.pop();
      key = '';
      const inUnits = c === CLOSE_BRACE && unitArray.length > 0 && unitArray[unitArray.length - 1];
      if (inUnits && (++units >= options.units || i + 1 >= options.maxChars)) {
        const end = i + 1;
        let closers = '';
        for (let k = open.length - 1; k >= 0; k--) closers += open[k] === OPEN_BRACE ? '}' : ']';
        return {
          text: text.slice(0, end) + closers,
          end,
          units,
          ancestorsIdentified: identified.every(Boolean),
        };
      }
    } else if (!isSpace(c) && c !== 44 /* , */) {
      key = '';
    }
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
