import type { ChatEvent } from '../../chat-types.js';
import type { AiControl } from '../../events/ai-types.js';
import type { Feature } from '../../feature.js';
import type { ViewerRef } from '../../store/viewer-directory.js';
import { compileFaq, matchFaq } from '../faq/faq-matcher.js';
import { looksLikeQuestion } from '../faq/faq-text.js';
import { AiSuggestions } from './ai-suggestions.js';
import { GroundedAnswers } from './grounded-answers.js';
import { LineClassifier } from './line-classifier.js';
import { decideReview, wireLineReview } from './line-review.js';
import { ReviewQueue } from './review-queue.js';
import { ledgerTools } from './ledger-tools.js';
import { ShowKnowledge, type Source } from './show-knowledge.js';
import { QuestionBoard } from './question-board.js';

// A line that starts like a command is the command's business.
const COMMAND_LIKE = /^\s*[!！/]/u;

export interface AiHelperState {
  answers: GroundedAnswers;
  suggestions: AiSuggestions;
  board: QuestionBoard;
  knowledge: () => ShowKnowledge;
  classifier: LineClassifier;
  review: ReviewQueue;
  /** The dashboard's side: the drafts, send (as is or edited), dismiss; the lines held for review. */
  control: AiControl;
}

/**
 * The AI helper (`ai:` in the show file, off by default): a question the FAQ rules cannot answer
 * goes to the show's model with the closest FAQ entries and products (grounded-answers.ts). In
 * `auto` mode a checked answer is posted, naming its source; in `suggest` mode it waits on the
 * dashboard for a moderator to send, edit or dismiss. The rules stay the floor: a line they answer
 * never reaches the model, and a model that fails or cannot be trusted changes nothing.
 */
export const aiHelper: Feature<AiHelperState> = {
  name: 'ai',
  start: (services) => {
    const { show, reads, secrets, log } = services;
    let built: { config: unknown; index: ShowKnowledge } | undefined;
    // Rebuilt when a reload brings other FAQ entries or products.
    const knowledge = () => {
      if (built?.config !== show.config) built = { config: show.config, index: new ShowKnowledge(show.config) };
      return built.index;
    };
    const board = new QuestionBoard();
    const answers = new GroundedAnswers({
      config: () => show.config.ai,
      apiKey: () => secrets.read(show.config.ai.apiKeyEnv),
      knowledge,
      tools: ledgerTools(show, reads),
      language: () => show.config.show.language,
      log: log.child({ part: 'ai' }),
    });
    const suggestions = new AiSuggestions();
    const classifier = new LineClassifier({
      config: () => show.config.ai,
      apiKey: () => secrets.read(show.config.ai.apiKeyEnv),
      log: log.child({ part: 'ai-review' }),
    });
    const review = new ReviewQueue();
    const control: AiControl = {
      suggestions: () => suggestions.list(),
      questions: () => board.groups(Date.now()),
      send: (id, text, by = 'dashboard') => {
        const s = suggestions.take(id);
        if (!s) return false;
        board.answered(s.asked.user, s.group);
        const { platform, channelId, messageId, user, userId } = s.asked;
        services.outbox.enqueue({
          priority: 'reply',
          target: { kind: 'room', platform, channelId },
          body: { kind: 'text', text: text?.trim() || s.draft },
          replyTo: { messageId, userName: user, userId },
          by,
        });
        void services.bus.emit('ai.answered', {
          platform,
          mode: 'suggest',
          sources: s.sources.map((x) => x.id),
          by: text?.trim() && text.trim() !== s.draft ? 'edited' : by,
        });
        return true;
      },
      dismiss: (id) => suggestions.take(id) !== undefined,
      review: () => ({ items: review.list(), counts: { ...review.counts } }),
      decide: (id, decision, by = 'dashboard') => decideReview(services, review, id, decision, by),
    };
    return { answers, suggestions, board, knowledge, classifier, review, control };
  },
  stop: (state) => state.classifier.stop(),
  wire: (ctx, state) => {
    const { bus, commands, config, show } = ctx;
    wireLineReview(ctx, state.classifier, state.review);
    const faq = compileFaq(config.engagement.faq.entries, config.products);

    const consider = async (event: ChatEvent, viewer: ViewerRef, sources: Source[], group: string): Promise<void> => {
      const result = await state.answers.answer(event.text, sources);
      const facts = { platform: event.platform, viewerId: viewer.viewerId, mode: config.ai.mode };
      if (result.kind !== 'answer') {
        void bus.emit('ai.skipped', { ...facts, reason: result.kind === 'unknown' ? 'unknown' : result.reason });
        return;
      }
      const cited = result.sources.map((s) => ({ id: s.id, title: s.title }));
      const text = show.texts.t('ai.answer', { answer: result.text, source: show.texts.list(cited.map((s) => s.title)) });
      if (config.ai.mode === 'auto') {
        state.board.answered(event.user.name, group);
        void bus.emit('ai.answered', { ...facts, sources: cited.map((s) => s.id), by: 'auto' });
        commands.reply(event, { text, priority: 'reply' });
        return;
      }
      const suggestion = state.suggestions.add({
        at: Date.now(),
        question: event.text,
        group,
        draft: text,
        sources: cited,
        asked: { platform: event.platform, channelId: event.channelId, messageId: event.messageId, user: event.user.name, userId: event.user.id },
      });
      void bus.emit('ai.suggested', { suggestion });
    };

    // Every question goes on the host's board, with or without a model; the rules answer what they
    // can, and only the rest costs a model call.
    bus.on('chat.message', ({ event, viewer }) => {
      if (event.self || event.direct || COMMAND_LIKE.test(event.text) || !looksLikeQuestion(event.text)) return;
      const matched = faq.entries.length > 0 ? matchFaq(faq, event.text, { featured: show.featured }) : undefined;
      const asked = { at: Date.now(), text: event.text, platform: event.platform, user: event.user.name };
      if (matched) return void state.board.add({ ...asked, group: `faq:${matched.entry.id}`, title: matched.entry.question, answered: true });
      const sources = state.knowledge().search(event.text);
      const near = sources[0];
      const group = near?.id ?? 'other';
      state.board.add({ ...asked, group, title: near?.title ?? show.texts.t('ai.otherQuestions'), answered: false });
      if (config.ai.enabled) return consider(event, viewer, sources, group);
    });
  },
};
