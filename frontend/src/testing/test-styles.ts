/**
 * antd's CSS-in-JS puts about 650 KB of rules into the test page, and happy-dom matches every
 * one of them against an element on each `getComputedStyle`: about 9 ms an element, which
 * Testing Library's `*ByRole` (is it hidden?) and user-event (does it take the pointer?) ask
 * for every element they look at. That was about half of the front-end tests' time.
 *
 * What the tests read of a computed style is whether an element is shown and takes the
 * pointer, and a few layout properties they assert with `toHaveStyle`. `keepTestedCss` keeps
 * exactly those declarations of each rule, in their rule, media query and order (so the
 * cascade between them is the browser's), and drops the rest: rules with none of them,
 * keyframes and font faces.
 */

/** The properties a test may read from antd's styles: keep them all, or a cascade breaks. */
export const TESTED_PROPERTIES = new Set([
  'display',
  'visibility',
  'pointer-events',
  'opacity',
  'white-space',
  'overflow',
  'overflow-x',
  'overflow-y',
  'overflow-wrap',
  'word-break',
  'text-overflow',
  'font-weight',
]);

/** At-rules whose blocks hold rules (kept, with what they hold filtered). */
const GROUPING = /^@(media|supports|layer|container)\b/i;

/** The index of the `}` that closes the block opened at `open`, skipping strings. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i += 1) {
    const c = css[i];
    if (c === '"' || c === "'") {
      i = stringEnd(css, i);
    } else if (c === '{') {
      depth += 1;
    } else if (c === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return css.length;
}

function stringEnd(css: string, start: number): number {
  const quote = css[start];
  for (let i = start + 1; i < css.length; i += 1) {
    if (css[i] === '\\') i += 1;
    else if (css[i] === quote) return i;
  }
  return css.length;
}

/** The declarations of one rule, split at top-level semicolons (not inside strings or brackets). */
function declarations(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (c === '"' || c === "'") i = stringEnd(body, i);
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === ';' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

function keptDeclarations(body: string): string {
  return declarations(body)
    .filter((declaration) => {
      const colon = declaration.indexOf(':');
      return colon > 0 && TESTED_PROPERTIES.has(declaration.slice(0, colon).trim().toLowerCase());
    })
    .map((declaration) => declaration.trim())
    .join(';');
}

/** The style sheet `css` with only the declarations of TESTED_PROPERTIES (see above). */
export function keepTestedCss(source: string): string {
  // Comments first (a brace in one would open a block); antd writes none inside a string.
  const css = source.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: string[] = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    const prelude = css.slice(i, open).trim();
    const close = blockEnd(css, open);
    const body = css.slice(open + 1, close);
    i = close + 1;
    // A statement at-rule before the block (`@import …;`) would sit in the prelude: drop it.
    const selector = prelude.slice(prelude.lastIndexOf(';') + 1).trim();
    if (selector.startsWith('@')) {
      if (GROUPING.test(selector)) {
        const inner = keepTestedCss(body);
        if (inner) out.push(`${selector}{${inner}}`);
      }
      continue;
    }
    const kept = keptDeclarations(body);
    if (kept) out.push(`${selector}{${kept}}`);
  }
  return out.join('\n');
}

// In the global symbol registry: Vitest may evaluate this module again for another test
// file in the same worker, whose page (and filter) it keeps.
const FILTERED = Symbol.for('shuangshi.keepOnlyTestedStyles');
const WRITTEN = Symbol.for('shuangshi.writtenCss');

/** What was written into each `<style>` element, before the filter. */
function writtenMap(): WeakMap<Element, string> {
  const holder = globalThis as unknown as Record<symbol, WeakMap<Element, string> | undefined>;
  return (holder[WRITTEN] ??= new WeakMap<Element, string>());
}

/** The CSS written into the page's style elements, as written (a test that reads antd's rules). */
export function writtenCss(doc: Document = document): string {
  return Array.from(doc.querySelectorAll('style'))
    .map((style) => writtenMap().get(style) ?? style.textContent ?? '')
    .join('\n');
}

/** Filter every style sheet antd (or anything else) writes into a `<style>` element's HTML. */
export function keepOnlyTestedStyles(win: Window & typeof globalThis): void {
  // The set-up runs before each test file, and a worker keeps its page between files: once.
  if (Object.prototype.hasOwnProperty.call(win.HTMLStyleElement.prototype, FILTERED)) return;
  let proto: object | null = win.HTMLStyleElement.prototype;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !descriptor) {
    descriptor = Object.getOwnPropertyDescriptor(proto, 'innerHTML');
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  const { get, set } = descriptor ?? {};
  const written = writtenMap();
  if (!get || !set) throw new Error('keepOnlyTestedStyles: no innerHTML on style elements');
  Object.defineProperty(win.HTMLStyleElement.prototype, 'innerHTML', {
    configurable: true,
    get(this: HTMLStyleElement) {
      // cssinjs compares what it wrote with what it would write before it writes again.
      return written.get(this) ?? (get.call(this) as string);
    },
    set(this: HTMLStyleElement, css: string) {
      written.set(this, String(css));
      set.call(this, keepTestedCss(String(css)));
    },
  });
  Object.defineProperty(win.HTMLStyleElement.prototype, FILTERED, { value: true });
}
