import type { Role } from '../../chat-types.js';
import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';
import { ChatModerator } from './moderator.js';
import { PERMIT_MS } from './permits.js';
import { compileRules } from './rules.js';

const MODERATORS: readonly Role[] = ['broadcaster', 'moderator'];
const PERMIT = command('permit', 'user', 'moderators: allow one link from a viewer', [{ name: 'user', type: 'word', required: true }], { moderators: true });

/**
 * Moderation on every platform: a gate that judges each viewer line against the show's rules
 * before anything else sees it, escalates strikes (warn → delete → timeout, each said in the room)
 * and never lets a moderated line be relayed or run; and `!permit user` for one link. Commands
 * and questions are never held to pace or tone rules: buyers and askers are never punished.
 * Listed first in the app; its memory (lines, strikes, permits, timeouts) outlives show-file reloads.
 */
export const moderation: Feature<ChatModerator> = {
  name: 'moderation',
  commands: [PERMIT],
  start: () => new ChatModerator(),
  wire: (ctx, moderator) => {
    const config = ctx.config.moderation;
    if (!config.enabled) return;
    const rules = compileRules(config);
    const exempt = new Set<Role>(config.exempt);

    ctx.gates.add(({ event, viewer, parsed }) => {
      // A private line to the bot harms nobody else; moderating it would only block its commands.
      if (event.direct || (exempt.size > 0 && event.user.roles.some((r) => exempt.has(r)))) return true;
      const command = parsed.kind === 'command' || (parsed.kind === 'error' && parsed.name !== undefined);
      const decision = moderator.decide(rules, ctx.show.texts, { event, viewerId: viewer.viewerId, command }, Date.now());
      for (const out of decision.outbounds) ctx.outbox.enqueue(out);
      for (const fact of decision.facts) {
        if (fact.type === 'moderation.action') void ctx.bus.emit(fact.type, fact.data);
        else void ctx.bus.emit(fact.type, fact.data);
      }
      if (decision.step !== undefined && decision.verdict !== undefined) {
        const { rule } = decision.verdict;
        ctx.log.info({ platform: event.platform, user: event.user.name, step: decision.step, rule }, 'moderated a chat line');
      }
      return decision.pass;
    });

    ctx.commands.handle(PERMIT, ({ event, command: typed }) => {
      const texts = ctx.show.texts;
      if (!event.user.roles.some((r) => MODERATORS.includes(r))) return [{ text: texts.t('moderation.permitOnlyModerators') }];
      const who = String(typed.args.user ?? '').replace(/^@/, '');
      if (who === '') return [{ text: texts.t('moderation.permitWhom') }];
      moderator.permits.grant(event.platform, who, Date.now());
      void ctx.bus.emit('moderation.permit', { platform: event.platform, by: event.user.name, user: who, forMs: PERMIT_MS });
      return [{ text: texts.t('moderation.permitted', { name: who, minutes: PERMIT_MS / 60_000 }) }];
    });
  },
};
