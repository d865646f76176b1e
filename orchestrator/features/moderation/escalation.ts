import type { ModerationConfig } from '../../../config/schema/engagement.js';
import { textBody, viewer, type ChatEvent, type Outbound, type SaidText } from '../../chat-types.js';
import type { Texts } from '../../i18n/texts.js';
import { RULE_TEXTS, type Verdict } from './rules.js';

export type Step = ModerationConfig['escalation']['steps'][number];

/**
 * Strikes per viewer within a sliding window. Keyed by viewer id, so linked accounts share
 * strikes: a spammer warned on Twitch is not warned afresh on Discord.
 */
export class Strikes {
  private readonly byViewer = new Map<number, number[]>();

  /** `withinMs` is the window until a call names another (the rules of a reloaded show file). */
  constructor(private withinMs: number) {}

  /** Adds a strike and returns how many the viewer has within the window, this one included. */
  add(viewerId: number, now: number, withinMs: number = this.withinMs): number {
    this.withinMs = withinMs;
    const kept = (this.byViewer.get(viewerId) ?? []).filter((at) => now - at < this.withinMs);
    kept.push(now);
    this.byViewer.set(viewerId, kept);
    // Forget viewers whose strikes all ran out, so the map does not grow with every offender of a long show.
    if (this.byViewer.size > 1000) for (const [id, times] of this.byViewer) if (times.every((at) => now - at >= this.withinMs)) this.byViewer.delete(id);
    return kept.length;
  }
}

/** The Nth strike takes the Nth step; past the end the last step repeats. */
export function stepFor(strike: number, steps: readonly Step[]): Step {
  const i = Math.min(Math.max(strike, 1), steps.length) - 1;
  return steps[i] ?? 'warn';
}

/**
 * What a step says in the room: "Name, no links here please (1/3)", "Name, I removed that
 * message: …", "Name, timed out for 10 min: …". Every step is said, so nothing is removed
 * without the viewer (and the room) seeing why.
 */
export function stepText(texts: Texts, step: Step, name: string, verdict: Verdict, strike: number, config: ModerationConfig['escalation']): SaidText {
  // No "@" before the name: a display name is not an account, and "@name" would ping whoever owns that one.
  const values = { name: viewer(name), rule: texts.t(RULE_TEXTS[verdict.rule]), strike: Math.min(strike, config.steps.length), steps: config.steps.length };
  if (step === 'warn') return texts.said('moderation.warning', values);
  if (step === 'delete') return texts.said('moderation.deleted', values);
  return texts.said('moderation.timedOut', { ...values, duration: texts.duration(config.timeout) });
}

/**
 * What one step does, as outbound messages the platform adapter carries out in its own terms:
 * the action first (a deleted line goes before the notice about it), then the notice, a plain
 * line (no reply thread: the line may be gone, and the mention is already in the text).
 */
export function stepOutbounds(
  texts: Texts,
  step: Step,
  event: ChatEvent,
  verdict: Verdict,
  strike: number,
  config: ModerationConfig['escalation'],
): Outbound[] {
  const room = { kind: 'room' as const, platform: event.platform, channelId: event.channelId };
  const notice: Outbound = { priority: 'moderation', target: room, body: textBody(stepText(texts, step, event.user.name, verdict, strike, config)) };
  if (step === 'warn') return [notice];
  const remove: Outbound = {
    priority: 'moderation',
    target: room,
    body: { kind: 'moderation', action: { kind: 'delete', channelId: event.channelId, messageId: event.messageId } },
  };
  if (step === 'delete') return [remove, notice];
  const seconds = Math.max(1, Math.round(config.timeout / 1000));
  const reason = texts.t('moderation.timeoutReason', { rule: texts.t(RULE_TEXTS[verdict.rule]) }).slice(0, 500);
  const timeout: Outbound = {
    priority: 'moderation',
    target: room,
    body: { kind: 'moderation', action: { kind: 'timeout', channelId: event.channelId, userId: event.user.id, userName: event.user.name, seconds, reason } },
  };
  return [remove, timeout, notice];
}
