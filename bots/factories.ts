import { createDiscordChannel } from './discord/index.js';
import type { BotFactories } from './registry.js';
import { createTelegramChannel } from './telegram/index.js';
import { createTwitchChannel } from './twitch/index.js';

/** The real platform bots; tests pass their own factories (or none) to `startShowcart`. */
export const PLATFORM_BOTS: BotFactories = {
  telegram: createTelegramChannel,
  twitch: createTwitchChannel,
  discord: createDiscordChannel,
};
