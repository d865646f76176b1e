import type { ChatEvent, Role } from '../../chat-types.js';
import type { ParseResult } from '../../commands/parse-command.js';
import type { ViewerRef } from '../../store/viewer-directory.js';
import type { Feature, FeatureContext } from '../feature.js';
import { stepFor, stepOutbounds, Strikes } from './escalation.js';
import { LineHistory, type PastLine } from './history.js';
import { fingerprint, sameness } from './measures.js';
import { Permits, PERMIT_MS } from './permits.js';
import { compileRules, judge, type Rules } from './rules.js';

const MODERATORS: readonly Role[] = ['broadcaster', 'moderator'];

/**
 * Moderation on every platform: a gate that judges each viewer line against the show's rules
 * before anything else sees it, escalates strikes (warn → delete → timeout) and never lets a
 * moderated line be relayed or run; and `!permit user` for one link. Registered first in the app.
 */
export const moderation: Feature = (ctx) => {
  const config = ctx.config.moderation;
  if (!config.enabled) return;
  const rules = compileRules(config);
  const history = new LineHistory(rules.historyMs);
  const strikes = new Strikes(config.escalation.strikesWithin);
  const permits = new Permits();
  const exempt = new Set<Role>(config.exempt);

  const removeGate = ctx.gates.add(({ event, viewer, parsed }) => {
    // A private line to the bot harms nobody else; moderating it would only block its commands.
    if (event.direct || (exempt.size > 0 && event.user.roles.some((r) => exempt.has(r)))) return true;
    return check(ctx, rules, { history, strikes, permits }, event, viewer, parsed);
  });

  ctx.commands.handle('permit', ({ event, command }) => {
    if (!event.user.roles.some((r) => MODERATORS.includes(r))) return [{ text: 'Only moderators can permit links.' }];
    const who = String(command.args.user ?? '').replace(/^@/, '');
    if (who === '') return [{ text: 'Whom? Name the viewer who may post a link.' }];
    permits.grant(event.platform, who, Date.now());
    ctx.events.append({ type: 'moderation.permit', platform: event.platform, data: { by: event.user.name, user: who, forMs: PERMIT_MS } });
    return [{ text: `${who} may post one link within the next ${PERMIT_MS / 60_000} minutes.` }];
  });

  return removeGate;
};

interface State {
  history: LineHistory;
  strikes: Strikes;
  permits: Permits;
}

/** Judges one line; on a hit takes the escalation step, logs it and stops the line. */
function check(ctx: FeatureContext, rules: Rules, state: State, event: ChatEvent, viewer: ViewerRef, parsed: ParseResult): boolean {
  const now = Date.now();
  const command = parsed.kind === 'command' || (parsed.kind === 'error' && parsed.name !== undefined);
  let recent: readonly PastLine[] = [];
  if (rules.historyMs > 0) {
    const key = sameness(event.text);
    recent = state.history.record(viewer.viewerId, { at: now, key, hash: fingerprint(key) });
  }
  const line = { text: event.text, at: now, command, linkPermitted: false, recent };
  let verdict = judge(rules, line);
  // A permit is spent only on a line whose link would otherwise have been stopped.
  if (verdict?.rule === 'link' && state.permits.take(event.platform, [event.user.name, event.user.id], now)) {
    ctx.events.append({ type: 'moderation.permitted', platform: event.platform, viewerId: viewer.viewerId, data: { user: event.user.name, text: event.text } });
    verdict = judge(rules, { ...line, linkPermitted: true });
  }
  if (!verdict) return true;

  const strike = state.strikes.add(viewer.viewerId, now);
  const step = stepFor(strike, rules.config.escalation.steps);
  for (const out of stepOutbounds(step, event, verdict, strike, rules.config.escalation)) ctx.outbox.enqueue(out);
  ctx.events.append({
    type: 'moderation.action',
    platform: event.platform,
    viewerId: viewer.viewerId,
    data: {
      step,
      rule: verdict.rule,
      reason: verdict.reason,
      strike,
      user: event.user.name,
      userId: event.user.id,
      channelId: event.channelId,
      messageId: event.messageId,
      text: event.text,
      ...(step === 'timeout' && { timeoutMs: rules.config.escalation.timeout }),
    },
  });
  ctx.log.info({ platform: event.platform, user: event.user.name, step, rule: verdict.rule, strike }, 'moderated a chat line');
  return false;
}
