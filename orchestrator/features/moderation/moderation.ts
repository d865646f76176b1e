import type { Role } from '../../chat-types.js';
import { command } from '../../commands/command-specs.js';
import type { GateInput } from '../../inbound.js';
import type { Feature, FeatureContext } from '../../feature.js';
import { stepFor, stepOutbounds, Strikes } from './escalation.js';
import { LineHistory, type PastLine } from './history.js';
import { fingerprint, sameness } from './measures.js';
import { Permits, PERMIT_MS } from './permits.js';
import { compileRules, judge, type Rules } from './rules.js';

const MODERATORS: readonly Role[] = ['broadcaster', 'moderator'];
const PERMIT = command('permit', 'user', 'moderators: allow one link from a viewer', [{ name: 'user', type: 'word', required: true }], { moderators: true });

/** What moderation remembers across show-file reloads: recent lines, strikes and permits per viewer. */
interface Memory {
  history: LineHistory;
  strikes: Strikes;
  permits: Permits;
}

/**
 * Moderation on every platform: a gate that judges each viewer line against the show's rules
 * before anything else sees it, escalates strikes (warn → delete → timeout) and never lets a
 * moderated line be relayed or run; and `!permit user` for one link. Listed first in the app.
 */
export const moderation: Feature<Memory> = {
  name: 'moderation',
  commands: [PERMIT],
  start: () => ({ history: new LineHistory(0), strikes: new Strikes(0), permits: new Permits() }),
  wire: (ctx, memory) => {
    const config = ctx.config.moderation;
    if (!config.enabled) return;
    const rules = compileRules(config);
    const exempt = new Set<Role>(config.exempt);

    ctx.gates.add((input) => {
      const { event } = input;
      // A private line to the bot harms nobody else; moderating it would only block its commands.
      if (event.direct || (exempt.size > 0 && event.user.roles.some((r) => exempt.has(r)))) return true;
      return check(ctx, rules, memory, input);
    });

    ctx.commands.handle(PERMIT, ({ event, command: typed }) => {
      if (!event.user.roles.some((r) => MODERATORS.includes(r))) return [{ text: 'Only moderators can permit links.' }];
      const who = String(typed.args.user ?? '').replace(/^@/, '');
      if (who === '') return [{ text: 'Whom? Name the viewer who may post a link.' }];
      memory.permits.grant(event.platform, who, Date.now());
      void ctx.bus.emit('moderation.permit', { platform: event.platform, by: event.user.name, user: who, forMs: PERMIT_MS });
      return [{ text: `${who} may post one link within the next ${PERMIT_MS / 60_000} minutes.` }];
    });
  },
};

/** Judges one line; on a hit takes the escalation step, tells it and stops the line. */
function check(ctx: FeatureContext, rules: Rules, memory: Memory, { event, viewer, parsed }: GateInput): boolean {
  const now = Date.now();
  const command = parsed.kind === 'command' || (parsed.kind === 'error' && parsed.name !== undefined);
  let recent: readonly PastLine[] = [];
  if (rules.historyMs > 0) {
    const key = sameness(event.text);
    recent = memory.history.record(viewer.viewerId, { at: now, key, hash: fingerprint(key) }, rules.historyMs);
  }
  const line = { text: event.text, at: now, command, linkPermitted: false, recent };
  let verdict = judge(rules, line);
  // A permit is spent only on a line whose link would otherwise have been stopped.
  if (verdict?.rule === 'link' && memory.permits.take(event.platform, [event.user.name, event.user.id], now)) {
    void ctx.bus.emit('moderation.permitted', { platform: event.platform, viewerId: viewer.viewerId, user: event.user.name, text: event.text });
    verdict = judge(rules, { ...line, linkPermitted: true });
  }
  if (!verdict) return true;

  const { escalation } = rules.config;
  const strike = memory.strikes.add(viewer.viewerId, now, escalation.strikesWithin);
  const step = stepFor(strike, escalation.steps);
  for (const out of stepOutbounds(step, event, verdict, strike, escalation)) ctx.outbox.enqueue(out);
  void ctx.bus.emit('moderation.action', {
    platform: event.platform,
    viewerId: viewer.viewerId,
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
  });
  ctx.log.info({ platform: event.platform, user: event.user.name, step, rule: verdict.rule, strike }, 'moderated a chat line');
  return false;
}
