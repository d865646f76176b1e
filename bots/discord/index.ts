import type { BotFactory } from '../registry.js';
import { DiscordChannel } from './discord-channel.js';

export { DiscordChannel, DISCORD_LIMITS, type DiscordChannelOptions } from './discord-channel.js';

/** Builds the Discord bot from its show-file block (`channels.discord`) and the token from the environment. */
export const createDiscordChannel: BotFactory<'discord'> = (config, token, log, hooks) =>
  new DiscordChannel({ config, token, log, ...(hooks?.beforeLogin && { beforeLogin: hooks.beforeLogin }) });
