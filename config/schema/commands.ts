import { z } from 'zod';

/** Every chat command showcart knows; the YAML may add aliases (any language) but not new names. */
export const COMMAND_NAMES = [
  'help',
  'buy',
  'price',
  'stock',
  'featured',
  'cancel',
  'vote',
  'link',
  'code',
  'mycode',
  'earnings',
  'ambassador',
  'faq',
  'top',
  'recommend',
  'quote',
  'preorder',
  'tip',
  'permit',
] as const;

export const CommandName = z.enum(COMMAND_NAMES, { error: `expected a command name: ${COMMAND_NAMES.join(', ')}` });
export type CommandName = z.infer<typeof CommandName>;

const Alias = z
  .string()
  .trim()
  .min(1)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'an alias is one word of letters or digits, without the ! or /');

export const CommandsConfig = z.strictObject({
  /** e.g. buy: [sold, куплю, kaufen] */
  aliases: z.partialRecord(CommandName, z.array(Alias)).default({}),
  /** Commands switched off for this show. */
  disabled: z.array(CommandName).default([]),
  /** Answer "!bye" with "unknown command, did you mean !buy?"; switch off where other bots share the chat. */
  replyToUnknown: z.boolean().default(true),
});
export type CommandsConfig = z.infer<typeof CommandsConfig>;
