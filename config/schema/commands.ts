import { z } from 'zod';

/**
 * A command's name as the show file writes it. Which names exist is defined by showcart's features
 * (each defines its commands beside their handlers); the loader is given that list by the app and
 * checks `aliases` and `disabled` against it.
 */
export const CommandName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]*$/, 'a command name is one lowercase word, without the ! or /');
export type CommandName = z.infer<typeof CommandName>;

const Alias = z
  .string()
  .trim()
  .min(1)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'an alias is one word of letters or digits, without the ! or /');

export const CommandsConfig = z.strictObject({
  /** e.g. buy: [sold, куплю, kaufen] */
  aliases: z.record(CommandName, z.array(Alias)).default({}),
  /** Commands switched off for this show. */
  disabled: z.array(CommandName).default([]),
  /** Answer "!bye" with "unknown command, did you mean !buy?"; switch off where other bots share the chat. */
  replyToUnknown: z.boolean().default(true),
});
export type CommandsConfig = z.infer<typeof CommandsConfig>;
