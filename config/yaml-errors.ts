import { isMap, isScalar, visit, type Document, type LineCounter, type YAMLError } from 'yaml';
import { formatPath, type ConfigProblem } from './config-error.js';

/** One line of the file as far as indentation goes: where its key starts and what it is. */
interface KeyLine {
  /** 1-based, as editors count. */
  line: number;
  /** Spaces before the key, counting a list item's "- " as indentation. */
  indent: number;
  key: string;
  /** Offset of the key in the file. */
  offset: number;
}

const KEY_LINE = /^(\s*(?:-\s+)*)(["']?)([^\s"'#:{[\]][^:#{]*?)\2\s*:(?=\s|$)/;
const NO_SPACE_AFTER_COLON = /^\s*(?:-\s+)*([^\s"'#:][^\s:#]*):(\S.*)$/;

/**
 * The YAML parser's errors in plain words: a key indented off its block, a colon inside a value,
 * a key written twice (with both lines), a tab, an unclosed quote. Each names its line and key and
 * says how to fix it; several errors caused by one slip are reported once.
 */
export function explainYamlErrors(errors: readonly YAMLError[], doc: Document, source: string, file: string, lines: LineCounter): ConfigProblem[] {
  const text = source.split(/\r?\n/);
  // The parser's own line starts: right for files saved with Windows line ends too.
  const starts = lines.lineStarts;
  const keyLine = (n: number): KeyLine | undefined => parseKeyLine(text, starts, n);
  const out: ConfigProblem[] = [];
  const seen = new Set<number>();
  const add: Add = (line, key, message, path) => {
    if (seen.has(line)) return;
    seen.add(line);
    const column = key && key.line === line ? key.indent + 1 : 1;
    out.push({ file, line, column, path: path ? formatPath(path) : (key?.key ?? ''), message });
  };
  // After a slip the parser's view of the lines below is off, so its other complaints are mostly
  // echoes: one we cannot explain is reported only when nothing else was, and a key is not
  // measured against a line that is itself a slip.
  const fallback = (line: number, key: KeyLine | undefined, message: string) => {
    if (out.length === 0) add(line, key, message);
  };

  // Past an unclosed quote the parser reads the rest of the file as that value: nothing more to say.
  let quoteOpen = false;
  for (const error of errors) {
    if (quoteOpen) break;
    const pos = lines.linePos(error.pos[0]);
    const raw = text[pos.line - 1] ?? '';
    const here = keyLine(pos.line);
    const rest = raw.slice(pos.col - 1);
    if (/\$\{[^}]*\}/.test(raw) && /[{[]/.test(raw.replace(/\$\{[^}]*\}/g, ''))) {
      fallback(pos.line, here, 'inside { } or [ ], write a ${VAR} in quotes, such as port: "${PORT:-443}" (YAML reads { and } there as the braces)');
      continue;
    }
    switch (error.code) {
      case 'DUPLICATE_KEY': {
        const first = here ? firstOfDuplicate(doc, here, lines) : undefined;
        const where = first ? `lines ${first.line} and ${pos.line}` : `line ${pos.line}`;
        add(pos.line, here, `"${here?.key ?? '?'}" is written twice in the same block (${where}); keep one of them`, first?.path);
        break;
      }
      case 'TAB_AS_INDENT':
        add(pos.line, here, 'this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces');
        break;
      case 'BLOCK_AS_IMPLICIT_KEY':
      case 'MULTILINE_IMPLICIT_KEY': {
        const noSpace = NO_SPACE_AFTER_COLON.exec(raw);
        if (error.code === 'MULTILINE_IMPLICIT_KEY' && noSpace && !here) {
          add(pos.line, here, `a key needs a space after its colon: write "${noSpace[1]}: ${noSpace[2]}"`, [noSpace[1]!]);
        } else if (here && pos.line === here.line && /:(\s|$)/.test(rest)) {
          add(
            pos.line,
            here,
            `the value contains ": ", which YAML reads as another key: put the value in quotes, ${here.key}: "${rest.trim().replace(/"/g, '\\"')}"`,
          );
        } else {
          const next = nextKeyLine(text, starts, pos.line);
          if (next) explainIndent(next, text, starts, add, doc, seen);
          else fallback(pos.line, here, `${firstLine(error.message)}; compare this line with config/shows/demo.yaml`);
        }
        break;
      }
      case 'BAD_INDENT':
      case 'MISSING_CHAR': {
        const flow = /^Flow (map|sequence)/.exec(error.message);
        const slip = here ?? nextKeyLine(text, starts, pos.line - 1);
        if (/quote/i.test(error.message)) {
          const open = openingQuoteLine(text, pos.line);
          quoteOpen = true;
          add(open, keyLine(open), 'the quoted value that starts on this line is never closed: add the closing quote at the end of the value');
        } else if (flow) {
          const [opening, closing] = flow[1] === 'map' ? ['{', '}'] : ['[', ']'];
          const open = openingBracketLine(text, pos.line, opening, closing);
          add(open, keyLine(open), `the ${opening} on this line is never closed: end it with ${closing} on the same line`);
        } else if (slip) explainIndent(slip, text, starts, add, doc, seen);
        else fallback(pos.line, here, `${firstLine(error.message)}; compare this line with config/shows/demo.yaml`);
        break;
      }
      default:
        fallback(pos.line, here, `${firstLine(error.message)}; compare this line with config/shows/demo.yaml`);
    }
  }
  return out;
}

type Add = (line: number, key: KeyLine | undefined, message: string, path?: ReadonlyArray<string | number>) => void;

/** A key whose indentation matches no block above it, explained against the key line just above. */
function explainIndent(slip: KeyLine, text: string[], starts: readonly number[], add: Add, doc: Document, reported: ReadonlySet<number>): void {
  let above: KeyLine | undefined;
  for (let n = slip.line - 1; n >= 1 && !above; n--) above = parseKeyLine(text, starts, n);
  if (above && reported.has(above.line)) return;
  if (!above || above.indent === slip.indent) {
    // In line with its neighbour: after a reported slip this is the parser's echo of it.
    if (reported.size > 0) return;
    add(slip.line, slip, `"${slip.key}" is not lined up with the keys of any block above it: indent it like its neighbours (spaces only)`);
    return;
  }
  const siblingPath = pathOfKeyAt(doc, above.offset);
  // "  sku: B" under "  - sku: A" most likely lost its "- ": say so beside the indentation.
  const listItem = text
    .slice(0, slip.line - 1)
    .some((l) => l.length > slip.indent && l.slice(0, slip.indent).trim() === '' && l.slice(slip.indent).startsWith('- '));
  // A key short of its neighbour may instead belong one block out (" products:" under show): offer
  // that block too when it is as near.
  let outer: KeyLine | undefined;
  for (let n = above.line - 1; n >= 1 && slip.indent < above.indent && !outer; n--) {
    const line = parseKeyLine(text, starts, n);
    if (line && line.indent < above.indent) outer = line;
  }
  const alsoOuter = !listItem && outer !== undefined && outer.indent < slip.indent && slip.indent - outer.indent <= above.indent - slip.indent;
  // Which block the key is in is the question here when two are offered: then only its name.
  const path = siblingPath && !alsoOuter ? [...siblingPath.slice(0, -1), slip.key] : [slip.key];
  add(
    slip.line,
    slip,
    `"${slip.key}" is indented ${spaces(slip.indent)} but "${above.key}" on line ${above.line} has ${spaces(above.indent)}; ` +
      `keys of one block must start in the same column: indent "${slip.key}" with ${spaces(above.indent)} like "${above.key}"` +
      (alsoOuter ? `, or with ${spaces(outer!.indent)} like "${outer!.key}" on line ${outer!.line}` : '') +
      (listItem && slip.indent < above.indent ? ', or start a new list item with "- "' : ''),
    path,
  );
}

function spaces(n: number): string {
  return `${n} space${n === 1 ? '' : 's'}`;
}

function parseKeyLine(text: string[], starts: readonly number[], line: number): KeyLine | undefined {
  const raw = text[line - 1];
  if (raw === undefined) return undefined;
  const m = KEY_LINE.exec(raw);
  if (!m) return undefined;
  const indent = m[1]!.length;
  return { line, indent, key: m[3]!.trim(), offset: (starts[line - 1] ?? 0) + indent + m[2]!.length };
}

function nextKeyLine(text: string[], starts: readonly number[], after: number): KeyLine | undefined {
  for (let n = after + 1; n <= text.length; n++) {
    const raw = text[n - 1] ?? '';
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    return parseKeyLine(text, starts, n);
  }
  return undefined;
}

/** The line where an unclosed quote was opened: the nearest line above with an odd number of that quote. */
function openingQuoteLine(text: string[], errorLine: number): number {
  for (let n = Math.min(errorLine, text.length); n >= 1; n--) {
    const raw = (text[n - 1] ?? '').replace(/#.*$/, '');
    if ((raw.match(/"/g)?.length ?? 0) % 2 === 1 || (raw.match(/'/g)?.length ?? 0) % 2 === 1) return n;
  }
  return errorLine;
}

/** The line where an unclosed { or [ was opened: the nearest line above with more openings than closings. */
function openingBracketLine(text: string[], errorLine: number, opening: string, closing: string): number {
  for (let n = Math.min(errorLine, text.length); n >= 1; n--) {
    const raw = (text[n - 1] ?? '').replace(/#.*$/, '').replace(/"[^"]*"|'[^']*'/g, '');
    if (raw.split(opening).length > raw.split(closing).length) return n;
  }
  return errorLine;
}

/** Where a key that appears twice was first written, and its path. */
function firstOfDuplicate(doc: Document, second: KeyLine, lines: LineCounter): { line: number; path: Array<string | number> } | undefined {
  let found: { line: number; path: Array<string | number> } | undefined;
  visit(doc, {
    Map(_, map, ancestors) {
      const index = map.items.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === second.offset);
      if (index < 0) return undefined;
      const first = map.items.find((p) => isScalar(p.key) && String(p.key.value) === second.key);
      if (first && isScalar(first.key)) {
        found = { line: lines.linePos(first.key.range?.[0] ?? 0).line, path: [...keysOf(ancestors, map), second.key] };
      }
      return visit.BREAK;
    },
  });
  return found;
}

/** The path of the key that starts at `offset`, as the parser read it. */
function pathOfKeyAt(doc: Document, offset: number): Array<string | number> | undefined {
  let found: Array<string | number> | undefined;
  visit(doc, {
    Pair(_, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const map = ancestors[ancestors.length - 1];
      found = [...keysOf(ancestors.slice(0, -1), map), String(pair.key.value)];
      return visit.BREAK;
    },
  });
  return found;
}

/** Keys and list indices from the document down to `node`. */
function keysOf(ancestors: ReadonlyArray<unknown>, node: unknown): Array<string | number> {
  const out: Array<string | number> = [];
  const chain = [...ancestors, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => p === child);
      if (pair && isScalar(pair.key)) out.push(String(pair.key.value));
    } else if (parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
      out.push(parent.items.indexOf(child));
    }
  }
  return out;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
