import type { ModerationConfig } from '../../../config/schema/engagement.js';
import type { MessageKey } from '../../i18n/messages/index.js';
import { looksLikeQuestion } from '../faq/faq-text.js';
import type { PastLine } from './history.js';
import { blockedLinks, normalizeAllowList } from './links.js';
import { toneMeasures, toneText } from './measures.js';
import { compileBannedWords, disguises, findBannedWord, fold, unmaskings } from './words.js';

/** The rule a line broke. */
export type RuleName = 'banned-word' | 'banned-pattern' | 'link' | 'repeat' | 'flood' | 'caps' | 'symbols';

/** Why a line is stopped: the rule, and a reason for the event log (not shown to chat). */
export interface Verdict {
  rule: RuleName;
  reason: string;
}

/** The show's moderation settings, prepared once (regexes compiled, allow-list normalized). */
export interface Rules {
  config: ModerationConfig;
  allow: string[];
  banned: ReturnType<typeof compileBannedWords>;
  patterns: RegExp[];
  /** Per pattern, the letters its source names: all a masked letter could be for it to match. */
  patternLetters: string[][];
  /** How long line history must be kept for the repeat and flood windows. */
  historyMs: number;
}

/** One line as the rules see it. */
export interface Line {
  text: string;
  at: number;
  /** A command (`!buy VAN 2`): its capitals, signs and repeats are how commands are typed. */
  command: boolean;
  /** A viewer asking something ({@link isQuestion}): only its words and links are judged. Absent: not a question. */
  question?: boolean;
  /** A moderator's `!permit` covers a link in this line. */
  linkPermitted: boolean;
  /** The viewer's lines within the history window, this one included, oldest first. */
  recent: readonly PastLine[];
}

/** Prepares the show's settings for {@link judge}. */
export function compileRules(config: ModerationConfig): Rules {
  return {
    config,
    allow: normalizeAllowList(config.links.allow),
    banned: compileBannedWords(config.bannedWords),
    patterns: config.bannedPatterns.map((p) => new RegExp(p, 'iu')),
    patternLetters: config.bannedPatterns.map((p) => [...new Set(fold(p).match(/\p{L}/gu))]),
    historyMs: Math.max(config.repeats?.within ?? 0, config.flood?.within ?? 0),
  };
}

/**
 * Decides whether a line breaks a rule; undefined lets it through. The worst offence is named
 * first (words and patterns, then links, then spam, then tone), so one line earns one strike.
 */
export function judge(rules: Rules, line: Line): Verdict | undefined {
  const { config } = rules;
  const word = findBannedWord(line.text, rules.banned);
  if (word !== undefined) return { rule: 'banned-word', reason: `banned word "${word}"` };
  const pattern = findPattern(rules, line.text);
  if (pattern) return { rule: 'banned-pattern', reason: `banned pattern /${pattern.source}/` };
  if (config.links.block && !line.linkPermitted) {
    const hosts = blockedLinks(line.text, rules.allow);
    if (hosts.length > 0) return { rule: 'link', reason: `link to ${hosts.join(', ')}` };
  }
  // Buyers and askers type fast, repeat `!buy` and shout "HOW MUCH???": pace and tone never stop them.
  if (line.command || line.question) return undefined;
  return spamVerdict(config, line) ?? toneVerdict(config, line.text);
}

// Spelled-out letters, leet digits, stretched letters and masks: a line with none of them reads as typed.
const DISGUISED = /(?:^|[^\p{L}\p{N}])\p{L}[\s._-]\p{L}(?![\p{L}\p{N}])|\p{L}\d|\d\p{L}|(\p{L})\1\1|[\p{L}\p{N}][*#%@]/u;

/**
 * The first banned pattern the line matches as typed or as the words it disguises: a pattern
 * for a swear word also catches it spelled out ("f u c k"), in leet ("sh1t"), or masked, each
 * mask read as any letter the pattern names ("f*cking", "бл*ть").
 */
function findPattern(rules: Rules, text: string): RegExp | undefined {
  const typed = rules.patterns.find((p) => p.test(text));
  if (typed || rules.patterns.length === 0 || !DISGUISED.test(text)) return typed;
  const { plain, masked } = disguises(text);
  if (plain !== undefined) {
    const found = rules.patterns.find((p) => p.test(plain));
    if (found) return found;
  }
  return rules.patterns.find((p, i) => masked.some((token) => unmaskings(token, rules.patternLetters[i]!).some((w) => p.test(w))));
}

/**
 * A viewer typing fast in a busy chat sends short lines ("ok", "yes!", "lol") about one a second
 * for a while; the buyer of issue 16 wrote 9 lines 1.3 s apart. A flood is a burst well above
 * that: at least {@link MIN_FLOOD_LINES} lines, and faster than one a second over the window. A
 * show file's limit tighter than this is raised to it ("6 in 10 s" becomes "more than 10 in 10 s";
 * "7 in 5 s" stays, so 8 lines in 5 s are a flood).
 */
const HUMAN_LINES_PER_SECOND = 1;
const MIN_FLOOD_LINES = 8;

/** The most lines within `withinMs` that are still a person typing: more is a flood. */
export function floodAllowance(messages: number, withinMs: number): number {
  return Math.max(messages, MIN_FLOOD_LINES - 1, Math.ceil((withinMs / 1000) * HUMAN_LINES_PER_SECOND));
}

// A greeting or a name before the question does not make it less of one ("hi, how much is L").
/** Whether a line asks something: the FAQ's own rule, so what it would answer is what moderation spares. */
export function isQuestion(text: string): boolean {
  return looksLikeQuestion(text);
}

function spamVerdict(config: ModerationConfig, line: Line): Verdict | undefined {
  const current = line.recent.at(-1);
  if (config.repeats && current) {
    const within = config.repeats.within;
    const { key, hash } = current;
    let same = 0;
    // A storm keeps many lines per viewer: their hashes rule most of them out before the text is compared.
    for (const l of line.recent) if ((hash === undefined || l.hash === undefined || l.hash === hash) && l.key === key && line.at - l.at < within) same++;
    if (same > config.repeats.max) return { rule: 'repeat', reason: `the same line ${same} times within ${within / 1000}s` };
  }
  if (config.flood) {
    const within = config.flood.within;
    let count = 0;
    for (const l of line.recent) if (line.at - l.at < within) count++;
    if (count > floodAllowance(config.flood.messages, within)) return { rule: 'flood', reason: `${count} lines within ${within / 1000}s` };
  }
  return undefined;
}

function toneVerdict(config: ModerationConfig, text: string): Verdict | undefined {
  const { capsPercent: caps, symbolPercent: symbols } = config;
  if (!caps && !symbols) return undefined;
  // A line has no more visible graphemes than UTF-16 units: a short one cannot reach either minimum.
  if (text.length < Math.min(caps?.minLength ?? Infinity, symbols?.minLength ?? Infinity)) return undefined;
  const measured = toneMeasures(toneText(text));
  if (caps && measured.length >= caps.minLength && measured.capsPercent > caps.max) {
    return { rule: 'caps', reason: `${Math.round(measured.capsPercent)}% capitals` };
  }
  if (symbols && measured.length >= symbols.minLength && measured.symbolPercent > symbols.max) {
    return { rule: 'symbols', reason: `${Math.round(measured.symbolPercent)}% symbols` };
  }
  return undefined;
}

/** The catalog text of what each rule asks of a viewer. */
export const RULE_TEXTS = {
  'banned-word': 'moderation.rule.bannedWord',
  'banned-pattern': 'moderation.rule.bannedPattern',
  link: 'moderation.rule.link',
  repeat: 'moderation.rule.repeat',
  flood: 'moderation.rule.flood',
  caps: 'moderation.rule.caps',
  symbols: 'moderation.rule.symbols',
} as const satisfies Record<RuleName, MessageKey>;
