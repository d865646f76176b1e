import { PLATFORM_LABEL, viewer, type Platform, type SaidText } from '../../chat-types.js';
import { commandPrefix } from '../../commands/command-router.js';
import type { Texts } from '../../i18n/texts.js';

/** "Twitch", or the raw name of a platform this build does not know. */
export function platformLabel(platform: string): string {
  return PLATFORM_LABEL[platform as Platform] ?? platform;
}

/** The private answer to `!link`: the code and exactly what to type, on every platform's prefix. */
export function codeText(texts: Texts, code: string, ttlMs: number): string {
  return texts.t('linking.code', { code, minutes: Math.round(ttlMs / 60_000) });
}

/**
 * Where a code cannot be sent privately it would be read by the whole chat, and anyone quick
 * could join their account to this viewer; so the code is asked for where private messages work.
 */
export function noPrivateText(texts: Texts, platform: Platform, privatePlatforms: Platform[]): string {
  if (privatePlatforms.length === 0) return texts.t('linking.noPrivateAnywhere');
  const where = privatePlatforms
    .map((p) => texts.t('linking.linkOn', { command: `${commandPrefix(p)}link`, platform: platformLabel(p) }))
    .join(texts.t('linking.or'));
  return texts.t('linking.noPrivate', { platform: platformLabel(platform), where, here: `${commandPrefix(platform)}link CODE` });
}

/** One person has one account per platform here, so two Twitch accounts never become one viewer. */
export function samePlatformText(texts: Texts, platforms: string[]): string {
  return texts.t('linking.samePlatform', { platforms: texts.list(platforms.map(platformLabel)) });
}

/**
 * Said to both sides: each learns which account they are now one with. Without `otherName` for
 * a reply that may be read by the whole chat: the other account's name is the person's business.
 */
export function linkedText(texts: Texts, otherPlatform: string, otherName?: string): SaidText {
  const platform = platformLabel(otherPlatform);
  if (otherName === undefined) return texts.said('linking.linked', { platform });
  return texts.said('linking.linkedWith', { platform, name: viewer(otherName) });
}
