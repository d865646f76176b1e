import type { BotFactory } from '../registry.js';
import { TwitchChannel } from './twitch-channel.js';

/** The Twitch bot: chat through tmi.js, timeouts and deletions through Helix. */
export const createTwitchChannel: BotFactory<'twitch'> = (config, token, log) => new TwitchChannel(config, token, log);
