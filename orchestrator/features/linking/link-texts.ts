import { PLATFORM_LABEL, said, viewer, type Platform, type SaidText } from '../../chat-types.js';
import { commandPrefix } from '../../commands/command-router.js';

/** "Twitch", or the raw name of a platform this build does not know. */
export function platformLabel(platform: string): string {
  return PLATFORM_LABEL[platform as Platform] ?? platform;
}

const askAgain = 'Send !link (Telegram: /link) from your other account for a new one.';

/** The private answer to `!link`: the code and exactly what to type, on every platform's prefix. */
export function codeText(code: string, ttlMs: number): string {
  const minutes = Math.round(ttlMs / 60_000);
  return `Your link code is ${code}. Send !link ${code} (Telegram: /link ${code}) from your other account within ${minutes} minutes; it works once.`;
}

/**
 * Where a code cannot be sent privately it would be read by the whole chat, and anyone quick
 * could join their account to this viewer; so the code is asked for where private messages work.
 */
export function noPrivateText(platform: Platform, privatePlatforms: Platform[]): string {
  const here = `${commandPrefix(platform)}link CODE`;
  if (privatePlatforms.length === 0) return `Linking needs a platform where I can message you privately, and none is connected to this show.`;
  const where = privatePlatforms.map((p) => `${commandPrefix(p)}link on ${platformLabel(p)}`).join(' or ');
  return `On ${platformLabel(platform)} I cannot send you a code privately. Send ${where} to get one, then type ${here} here.`;
}

export const refusals = {
  unknown: `That link code is not valid. ${askAgain}`,
  expired: `That link code has expired. ${askAgain}`,
  ownCode: 'That is your own link code: send it from your account on another platform.',
  alreadyLinked: 'These accounts are already linked.',
  tooMany: 'Too many wrong link codes. Please wait a few minutes before trying again.',
} as const;

/** One person has one account per platform here, so two Twitch accounts never become one viewer. */
export function samePlatformText(platforms: string[]): string {
  return `You can link one account per platform: both accounts already have ${platforms.map(platformLabel).join(' and ')}.`;
}

/**
 * Said to both sides: each learns which account they are now one with. Without `otherName` for
 * a reply that may be read by the whole chat: the other account's name is the person's business.
 */
export function linkedText(otherPlatform: string, otherName?: string): SaidText {
  const rest = 'Your orders, limits, votes and codes now count together.';
  if (otherName === undefined) return said`Linked with your ${platformLabel(otherPlatform)} account. ${rest}`;
  return said`Linked with ${platformLabel(otherPlatform)} account ${viewer(otherName)}. ${rest}`;
}
