import type { BotFactory } from '../registry.js';
import { TelegramChannel } from './telegram-channel.js';

export { TelegramChannel, type TelegramChannelOptions } from './telegram-channel.js';

/** Builds the Telegram bot from its show-file block (`channels.telegram`) and the bot token. */
export const createTelegramChannel: BotFactory<'telegram'> = (config, token, log) => new TelegramChannel(config, token, log);
