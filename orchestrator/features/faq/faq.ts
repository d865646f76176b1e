import type { FaqEntry } from '../../../config/schema/engagement.js';
import { viewer as viewerValue, type ChatEvent } from '../../chat-types.js';
import type { Texts } from '../../i18n/texts.js';
import type { ViewerRef } from '../../store/viewer-directory.js';
import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';
import { compileFaq, matchFaq, type FaqMatch } from './faq-matcher.js';

// Room-wide answers must fit every platform's message after the reply mention is added.
const TOPICS_MAX = 380;
// A line that starts like a command is the command's business, even when commands are relayed.
const COMMAND_LIKE = /^\s*[!！/]/u;

const FAQ = command('faq', '[topic]', 'answers to common questions', [{ name: 'topic', type: 'rest' }]);

/**
 * The FAQ bot: a chat line that asks a question the show's FAQ answers gets the answer, at most once
 * per `faq.cooldown` for the same question in the same room, so one busy chat is not flooded and the
 * other chats still get their answer. `!faq` lists the topics; `!faq words…` answers on request.
 * When each question was last answered where is remembered across reloads.
 */
export const faq: Feature<Map<string, number>> = {
  name: 'faq',
  commands: [FAQ],
  start: () => new Map<string, number>(),
  wire: ({ bus, commands, config, show }, lastAnswered) => {
    const { cooldown, entries } = config.engagement.faq;
    const index = compileFaq(entries, config.products);
    const key = (event: ChatEvent, entry: FaqEntry) => JSON.stringify([event.platform, event.channelId, entry.id]);

    const tell = (type: 'faq.answered' | 'faq.suppressed', event: ChatEvent, viewer: ViewerRef, match: FaqMatch, explicit: boolean) =>
      void bus.emit(type, {
        platform: event.platform,
        viewerId: viewer.viewerId,
        entry: match.entry.id,
        score: match.score,
        why: match.why,
        channelId: event.channelId,
        user: event.user.name,
        explicit,
      });

    bus.on('chat.message', ({ event, viewer }) => {
      if (entries.length === 0 || event.self || event.direct || COMMAND_LIKE.test(event.text)) return;
      const match = matchFaq(index, event.text, { featured: show.featured });
      if (!match) return;
      const now = Date.now();
      const last = lastAnswered.get(key(event, match.entry));
      if (last !== undefined && now - last < cooldown) {
        tell('faq.suppressed', event, viewer, match, false);
        return;
      }
      lastAnswered.set(key(event, match.entry), now);
      tell('faq.answered', event, viewer, match, false);
      commands.reply(event, { text: match.entry.answer, priority: 'reply' });
    });

    commands.handle(FAQ, ({ event, viewer, command: typed, prefix }) => {
      const topic = typed.args.topic;
      const { texts } = show;
      if (typeof topic !== 'string') {
        if (entries.length === 0) return [{ text: texts.t('faq.none') }];
        return [{ text: topicList(texts, entries, prefix) }];
      }
      const match = matchFaq(index, topic, { featured: show.featured, requireQuestion: false });
      if (!match) return [{ ...texts.said('faq.noAnswer', { topic: viewerValue(topic), topics: topicList(texts, entries, prefix) }) }];
      // Asked for explicitly, so answered even within the cooldown; the room just saw it, so the clock restarts.
      lastAnswered.set(key(event, match.entry), Date.now());
      tell('faq.answered', event, viewer, match, true);
      return [{ text: match.entry.answer }];
    });
  },
};

/** "Questions I can answer: …" with as many questions as fit one message. */
export function topicList(texts: Texts, entries: readonly FaqEntry[], prefix: string): string {
  const shown: string[] = [];
  let length = texts.t('faq.topics', { questions: '', prefix }).length;
  for (const e of entries) {
    const add = e.question.length + (shown.length > 0 ? 3 : 0);
    if (length + add > TOPICS_MAX) {
      shown.push('…');
      break;
    }
    shown.push(e.question);
    length += add;
  }
  return texts.t('faq.topics', { questions: shown.join(' · '), prefix });
}
