import { loadShowFile } from '../../config/loader.js';
import type { ShowConfig } from '../../config/schema/index.js';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { CommandTable } from '../../orchestrator/commands/command-table.js';
import { parseCommand } from '../../orchestrator/commands/parse-command.js';
import { compileFaq, matchFaq, type FaqMatch } from '../../orchestrator/features/faq/faq-matcher.js';
import { looksLikeQuestion, tokenize } from '../../orchestrator/features/faq/faq-text.js';
import { COMMAND_NAMES, COMMANDS } from '../../orchestrator/features/index.js';
import { ChatModerator } from '../../orchestrator/features/moderation/moderator.js';
import { compileRules, isQuestion } from '../../orchestrator/features/moderation/rules.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';
import type { LabelledLine } from './lines.js';

/** What the product's rules made of one line. */
export interface Prediction {
  /** The line parsed as a command (or a mistyped one): question detection does not see it. */
  command: boolean;
  /** Moderation's question test ({@link isQuestion}), which exempts askers from tone rules. */
  moderationQuestion: boolean;
  /** The FAQ matcher's question test ({@link looksLikeQuestion}). */
  faqQuestion: boolean;
  /** The FAQ entry the product would answer with, if any. */
  faq: string | undefined;
  /** Why that entry (the matcher's own explanation). */
  faqWhy: string | undefined;
  /** The moderation rule that stopped the line, if one did. */
  rule: string | undefined;
  /** The reason the rule gives. */
  reason: string | undefined;
}

// The FAQ feature leaves lines that start like a command to the commands (faq.ts).
const COMMAND_LIKE = /^\s*[!！/]/u;

/** The show the set is labelled against, through the real loader (it throws what check-config prints). */
export function loadEvalShow(file: string): ShowConfig {
  return loadShowFile(file, { commands: COMMAND_NAMES }).config;
}

/**
 * Runs the rules the product runs on every line, as a viewer's first line (fresh history and
 * strikes, no permits): so repeat and flood rules, which need a stream of lines, never fire here.
 * The FAQ is asked as the FAQ feature asks it (featured product, question rule; `!faq words`
 * without the question rule), whether or not moderation stopped the line.
 */
export function predictAll(config: ShowConfig, lines: readonly LabelledLine[]): Prediction[] {
  const table = new CommandTable(config.commands, COMMANDS);
  const texts = textsFor(config.show.language);
  const index = compileFaq(config.engagement.faq.entries, config.products);
  const rules = compileRules(config.moderation);
  const featured = config.featured;
  return lines.map((line, i) => {
    const parsed = parseCommand(line.text, table, texts);
    const command = parsed.kind === 'command' || (parsed.kind === 'error' && parsed.name !== undefined);
    let match: FaqMatch | undefined;
    if (parsed.kind === 'command' && parsed.command.name === 'faq') {
      const topic = parsed.command.args.topic;
      match = typeof topic === 'string' ? matchFaq(index, topic, { featured, requireQuestion: false }) : undefined;
    } else if (parsed.kind === 'none' && !COMMAND_LIKE.test(line.text)) {
      match = matchFaq(index, line.text, { featured });
    }
    const event: ChatEvent = {
      platform: 'web',
      channelId: 'web',
      messageId: String(i),
      user: { id: `viewer-${i}`, name: `viewer${i}`, roles: [] },
      text: line.text,
      receivedAt: 0,
    };
    const decision = config.moderation.enabled ? new ChatModerator().decide(rules, texts, { event, viewerId: i + 1, command }, 1_000_000) : undefined;
    return {
      command,
      moderationQuestion: !command && isQuestion(line.text),
      faqQuestion: !command && looksLikeQuestion(line.text, tokenize(line.text)),
      faq: match?.entry.id,
      faqWhy: match?.why,
      rule: decision?.verdict?.rule,
      reason: decision?.verdict?.reason,
    };
  });
}
