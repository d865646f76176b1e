import { NatsWebChannel } from './web/nats-web-channel.js';
import { webSubjects } from './web/web-nats.js';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { ShowConfig } from '../config/schema/index.js';
import type { Channel, SkippedChannel } from '../orchestrator/channel.js';
import type { Secrets } from '../orchestrator/shared/secrets.js';
import { WebChannel } from './web/web-channel.js';

export type { SkippedChannel } from '../orchestrator/channel.js';

export interface ChannelPlan {
  channels: Channel[];
  skipped: SkippedChannel[];
}

export type BotPlatform = 'telegram' | 'twitch' | 'discord';

/** What a bot asks of the process before it logs in: throws while the token's daily login budget is spent. */
export interface BotHooks {
  beforeLogin?: () => Promise<void>;
}

/** Builds a platform bot from its show-file block and its token; registered as adapters land. */
export type BotFactory<P extends BotPlatform> = (config: NonNullable<ShowConfig['channels'][P]>, token: string, log: Logger, hooks?: BotHooks) => Channel;
export type BotFactories = { [P in BotPlatform]?: BotFactory<P> };

export interface PlanDeps {
  server: Server;
  secrets: Secrets;
  log: Logger;
  factories: BotFactories;
  /** The hooks each bot gets for its token (logins counted across every process using it). */
  hooks?: (platform: BotPlatform, token: string) => BotHooks;
}

/**
 * Decides which channels run: the web chat when enabled, and each platform bot whose block is in
 * the show file, is enabled, and has its token in the environment. Everything skipped says why.
 */
export function planChannels(config: ShowConfig, deps: PlanDeps): ChannelPlan {
  const channels: Channel[] = [];
  const skipped: SkippedChannel[] = [];
  if (config.channels.web.enabled) {
    // A private show's page needs the invite code; without one configured, nobody gets in (null).
    const invite = config.show.private ? (deps.secrets.read(config.show.access.inviteEnv) ?? null) : undefined;
    if (invite === null) deps.log.warn(`private show without ${config.show.access.inviteEnv}: the web chat admits nobody until it is set`);
    const secret = deps.secrets.read('SHOWCART_WEB_SECRET');
    if (config.scale) {
      // Edges serve the sockets; a session must verify on every edge and here, so the key is shared.
      if (secret)
        channels.push(
          new NatsWebChannel({
            url: config.scale.nats,
            showId: config.show.id,
            subjects: webSubjects(config.show.id),
            sessionSecret: secret,
            history: config.channels.web.history,
            log: deps.log.child({ channel: 'web', via: 'nats' }),
          }),
        );
      else skipped.push({ platform: 'web', reason: 'scale.nats needs SHOWCART_WEB_SECRET, the same on the core and every edge' });
    } else
      channels.push(
        new WebChannel(config.channels.web, deps.server, deps.log.child({ channel: 'web' }), secret, invite, {
          trustProxy: config.server.trustProxy,
        }),
      );
  } else {
    skipped.push({ platform: 'web', reason: 'disabled in the show file (channels.web.enabled)' });
  }
  const bots: BotPlatform[] = ['telegram', 'twitch', 'discord'];
  for (const platform of bots) {
    const block = config.channels[platform];
    if (!block) continue;
    if (!block.enabled) {
      skipped.push({ platform, reason: `disabled in the show file (channels.${platform}.enabled)` });
      continue;
    }
    const token = deps.secrets.read(block.tokenEnv);
    if (!token) {
      skipped.push({ platform, reason: `no token: set ${block.tokenEnv} to enable it` });
      continue;
    }
    const factory = deps.factories[platform] as BotFactory<typeof platform> | undefined;
    if (!factory) {
      skipped.push({ platform, reason: 'this build has no adapter for it yet' });
      continue;
    }
    channels.push(factory(block, token, deps.log.child({ channel: platform }), deps.hooks?.(platform, token)));
  }
  return { channels, skipped };
}
