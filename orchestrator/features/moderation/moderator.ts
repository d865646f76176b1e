import type { ChatEvent, Outbound } from '../../chat-types.js';
import { textBody, viewer } from '../../chat-types.js';
import type { ShowEvents } from '../../events/show-events.js';
import type { Texts } from '../../i18n/texts.js';
import { stepFor, stepOutbounds, Strikes, type Step } from './escalation.js';
import { LineHistory, type PastLine } from './history.js';
import { fingerprint, sameness } from './measures.js';
import { Permits } from './permits.js';
import { isQuestion, judge, type Rules, type Verdict } from './rules.js';
import { Timeouts } from './timeouts.js';

/** One viewer line as moderation gets it. */
export interface LineInput {
  event: ChatEvent;
  viewerId: number;
  /** It parsed as a command (or as a command that went wrong): commands are never pace- or tone-checked. */
  command: boolean;
}

/** A fact for the bus, as `ctx.bus.emit(type, data)` takes it. */
export type ModerationFact =
  { type: 'moderation.action'; data: ShowEvents['moderation.action'] } | { type: 'moderation.permitted'; data: ShowEvents['moderation.permitted'] };

/** What moderation decided about one line: whether it goes on, what to send, what to tell the bus. */
export interface Decision {
  pass: boolean;
  outbounds: Outbound[];
  facts: ModerationFact[];
  /** The step taken, when a rule was broken. */
  step?: Step;
  verdict?: Verdict;
}

/**
 * Moderation's memory and decisions, free of the app: recent lines, strikes, permits and
 * timeouts per viewer. The feature feeds it lines and carries out its decisions; a test feeds it a
 * chat log with a clock of its own.
 */
export class ChatModerator {
  readonly history = new LineHistory(0);
  readonly strikes = new Strikes(0);
  readonly permits = new Permits();
  readonly timeouts = new Timeouts();

  /** Judges one room line by `rules` at `now`; `texts` speaks the show's language. */
  decide(rules: Rules, texts: Texts, { event, viewerId, command }: LineInput, now: number): Decision {
    const question = !command && isQuestion(event.text);
    const inTimeout = this.timeouts.left(viewerId, now);
    // Commands and questions neither count toward a flood nor repeat anything: only chatter does.
    let recent: readonly PastLine[] = [];
    if (rules.historyMs > 0 && !command && !question) {
      const key = sameness(event.text);
      recent = this.history.record(viewerId, { at: now, key, hash: fingerprint(key) }, rules.historyMs);
    }
    const line = { text: event.text, at: now, command, question, linkPermitted: false, recent };
    const facts: ModerationFact[] = [];
    let verdict = judge(rules, line);
    // A permit is spent only on a line whose link would otherwise have been stopped.
    if (verdict?.rule === 'link' && this.permits.take(event.platform, [event.user.name, event.user.id], now)) {
      facts.push({ type: 'moderation.permitted', data: { platform: event.platform, viewerId, user: event.user.name, text: event.text } });
      verdict = judge(rules, { ...line, linkPermitted: true });
    }
    if (!verdict) return inTimeout > 0 && !command ? this.heldBack(texts, event, viewerId, inTimeout, facts) : { pass: true, outbounds: [], facts };

    const { escalation } = rules.config;
    const strike = this.strikes.add(viewerId, now, escalation.strikesWithin);
    const step = stepFor(strike, escalation.steps);
    // The next strike takes a new flood or new repeats, not the rest of the burst this one stopped.
    this.history.forget(viewerId);
    if (step === 'timeout') this.timeouts.start(viewerId, now, escalation.timeout);
    facts.push({
      type: 'moderation.action',
      data: {
        platform: event.platform,
        viewerId,
        step,
        rule: verdict.rule,
        reason: verdict.reason,
        strike,
        user: event.user.name,
        userId: event.user.id,
        channelId: event.channelId,
        messageId: event.messageId,
        text: event.text,
        ...(step === 'timeout' && { timeoutMs: escalation.timeout }),
      },
    });
    return { pass: false, outbounds: stepOutbounds(texts, step, event, verdict, strike, escalation), facts, step, verdict };
  }

  /**
   * A chat line from a viewer in timeout that reached us anyway: it waits (is not relayed), and
   * the first one tells the viewer how long is left, and the seller's dashboard that it happened.
   */
  private heldBack(texts: Texts, event: ChatEvent, viewerId: number, left: number, facts: ModerationFact[]): Decision {
    if (!this.timeouts.firstTell(viewerId)) return { pass: false, outbounds: [], facts };
    const room = { kind: 'room' as const, platform: event.platform, channelId: event.channelId };
    const body = textBody(texts.said('moderation.inTimeout', { name: viewer(event.user.name), left: texts.duration(left) }));
    facts.push({
      type: 'moderation.action',
      data: {
        platform: event.platform,
        viewerId,
        step: 'in-timeout',
        reason: `wrote while in timeout, ${Math.ceil(left / 1000)} s left; told once`,
        user: event.user.name,
        userId: event.user.id,
        channelId: event.channelId,
        messageId: event.messageId,
        text: event.text,
      },
    });
    return { pass: false, outbounds: [{ priority: 'moderation', target: room, body }], facts };
  }
}
