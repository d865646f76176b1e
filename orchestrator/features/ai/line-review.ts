import type { Outbound } from '../../chat-types.js';
import type { ReviewDecision, ReviewItem } from '../../events/ai-types.js';
import type { FeatureContext, FeatureServices } from '../../feature.js';
import type { LineClassifier, LineVerdict } from './line-classifier.js';
import type { ReviewQueue } from './review-queue.js';

// Lines with fewer letters than this ("ok", "❤️❤️", "+1") say too little to be worth a call.
const MIN_LETTERS = 3;
const LETTER = /\p{L}/gu;

/** Whether a chat line says enough to be worth a model call. */
export function worthReviewing(text: string): boolean {
  return (text.match(LETTER)?.length ?? 0) >= MIN_LETTERS;
}

/** The review's verdict on a line: hold it for a moderator. */
export function doubtful(v: LineVerdict, holdAt: number): v is Extract<LineVerdict, { kind: 'verdict' }> & { label: ReviewItem['label'] } {
  return v.kind === 'verdict' && v.label !== 'fine' && v.score >= holdAt;
}

/**
 * The review gate (`ai.review` in the show file): after the moderation rules, a viewer's chat line
 * is shown to the model; a doubtful one is held for a moderator instead of going on (relay, the
 * web page, answers). Commands, private lines and moderators' lines are never asked about, so a
 * buyer never waits. An honest line waits at most `wait`: past it the line goes on, and a late
 * doubtful verdict puts it on the dashboard to review after.
 */
export function wireLineReview(ctx: FeatureContext, classifier: LineClassifier, queue: ReviewQueue): void {
  const { ai, moderation } = ctx.config;
  if (!ai.enabled || !ai.review.enabled) return;
  const { wait, holdAt } = ai.review;
  const exempt = new Set<string>(['broadcaster', 'moderator', ...moderation.exempt]);

  ctx.gates.add(({ event, viewer, parsed }) => {
    if (event.direct || parsed.kind !== 'none' || event.user.roles.some((r) => exempt.has(r)) || !worthReviewing(event.text)) return true;
    const verdict = classifier.classify(event.text);
    const enqueue = (v: Extract<LineVerdict, { kind: 'verdict' }> & { label: ReviewItem['label'] }, status: ReviewItem['status']) => {
      const { platform, channelId, messageId, text } = event;
      const item = queue.add(
        {
          at: Date.now(),
          status,
          label: v.label,
          score: v.score,
          line: { platform, channelId, messageId, text, user: event.user.name, userId: event.user.id },
        },
        event,
        viewer,
      );
      if (status === 'held') queue.counts.held++;
      else queue.counts.late++;
      void ctx.bus.emit('ai.held', {
        platform,
        viewerId: viewer.viewerId,
        id: item.id,
        status,
        label: v.label,
        score: v.score,
        via: v.via,
        channelId,
        messageId,
      });
    };
    const count = (v: LineVerdict) => {
      if (v.kind === 'verdict') queue.counts.checked++;
      else queue.counts.unchecked++;
    };
    return new Promise<boolean>((resolve) => {
      let answered = false;
      const late = setTimeout(() => {
        answered = true;
        resolve(true);
      }, wait);
      void verdict.then((v) => {
        count(v);
        if (answered) {
          if (doubtful(v, holdAt)) enqueue(v, 'passed');
          return;
        }
        clearTimeout(late);
        answered = true;
        const hold = doubtful(v, holdAt);
        if (hold) enqueue(v, 'held');
        resolve(!hold);
      });
    });
  });
}

/**
 * A moderator's decision on a reviewed line. Approving a held line lets it go on now (relay,
 * answers); denying deletes it where it was written; a timeout also times its writer out for the
 * show's escalation timeout. Each is a `moderation.action` like the rules' own.
 */
export function decideReview(
  { bus, outbox, show }: Pick<FeatureServices, 'bus' | 'outbox' | 'show'>,
  queue: ReviewQueue,
  id: string,
  decision: ReviewDecision,
  by: string,
): boolean {
  const queued = queue.take(id);
  if (!queued) return false;
  const { item, event, viewer } = queued;
  void bus.emit('ai.reviewed', {
    platform: event.platform,
    viewerId: viewer.viewerId,
    id,
    decision,
    by,
    label: item.label,
    status: item.status,
    channelId: event.channelId,
    messageId: event.messageId,
  });
  if (decision === 'approve') {
    // Released as of now: the relay drops lines older than its age limit, and this one waited for a person.
    if (item.status === 'held') void bus.emit('chat.message', { event: { ...event, releasedAt: Date.now() }, viewer });
    return true;
  }
  const room = { kind: 'room' as const, platform: event.platform, channelId: event.channelId };
  const moderate = (action: Extract<Outbound['body'], { kind: 'moderation' }>['action']) =>
    outbox.enqueue({ priority: 'moderation', target: room, body: { kind: 'moderation', action } });
  if (event.messageId) moderate({ kind: 'delete', channelId: event.channelId, messageId: event.messageId });
  const timeoutMs = show.config.moderation.escalation.timeout;
  if (decision === 'timeout') {
    moderate({
      kind: 'timeout',
      channelId: event.channelId,
      userId: event.user.id,
      userName: event.user.name,
      seconds: Math.max(1, Math.round(timeoutMs / 1000)),
      reason: `showcart review: ${item.label}`,
    });
  }
  void bus.emit('moderation.action', {
    platform: event.platform,
    viewerId: viewer.viewerId,
    step: decision === 'timeout' ? 'timeout' : 'delete',
    by,
    rule: `review-${item.label}`,
    user: event.user.name,
    userId: event.user.id,
    channelId: event.channelId,
    messageId: event.messageId || null,
    text: event.text,
    ...(decision === 'timeout' && { timeoutMs }),
  });
  return true;
}
