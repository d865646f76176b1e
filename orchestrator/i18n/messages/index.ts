import { common as enCommon } from './en/common.js';
import { polls as enPolls } from './en/polls.js';
import { orders as enOrders } from './en/orders.js';
import { commands as enCommands } from './en/commands.js';
import { checkout as enCheckout } from './en/checkout.js';
import { promotions as enPromotions } from './en/promotions.js';
import { codes as enCodes } from './en/codes.js';
import { alerts as enAlerts } from './en/alerts.js';
import { announcements as enAnnouncements } from './en/announcements.js';
import { community as enCommunity } from './en/community.js';
import { moderation as enModeration } from './en/moderation.js';
import { webChat as enWebChat } from './en/web-chat.js';
import { webCheckout as enWebCheckout } from './en/web-checkout.js';
import { webOverlay as enWebOverlay } from './en/web-overlay.js';
import { auctions as enAuctions } from './en/auctions.js';
import { giveaways as enGiveaways } from './en/giveaways.js';
import { common as ruCommon } from './ru/common.js';
import { polls as ruPolls } from './ru/polls.js';
import { orders as ruOrders } from './ru/orders.js';
import { commands as ruCommands } from './ru/commands.js';
import { checkout as ruCheckout } from './ru/checkout.js';
import { promotions as ruPromotions } from './ru/promotions.js';
import { codes as ruCodes } from './ru/codes.js';
import { alerts as ruAlerts } from './ru/alerts.js';
import { announcements as ruAnnouncements } from './ru/announcements.js';
import { community as ruCommunity } from './ru/community.js';
import { moderation as ruModeration } from './ru/moderation.js';
import { webChat as ruWebChat } from './ru/web-chat.js';
import { webCheckout as ruWebCheckout } from './ru/web-checkout.js';
import { webOverlay as ruWebOverlay } from './ru/web-overlay.js';
import { auctions as ruAuctions } from './ru/auctions.js';
import { giveaways as ruGiveaways } from './ru/giveaways.js';

/**
 * The message catalog: every text showcart says in chat and on its pages, per language, in ICU
 * message format. English is the reference: its keys are the type, and every other language
 * must have each of them (the compiler checks; test/unit/i18n checks the arguments match).
 * One file per area in each language, so an area's texts are read and translated side by side.
 *
 * Rules for every file: keys are `area.what` in camelCase; values are ICU (`{name}`, `{n, plural,
 * one {# item} other {# items}}`; Russian plurals use one/few/many/other); money, durations and
 * lists are formatted by Texts and passed in as strings; a viewer's own words are passed as
 * `viewer(...)` values (Texts.said) so renderers escape them; keys of web pages start with `web.`.
 */
const en = {
  ...enCommon,
  ...enPolls,
  ...enOrders,
  ...enCommands,
  ...enCheckout,
  ...enPromotions,
  ...enCodes,
  ...enAlerts,
  ...enAnnouncements,
  ...enCommunity,
  ...enModeration,
  ...enWebChat,
  ...enWebCheckout,
  ...enWebOverlay,
  ...enAuctions,
  ...enGiveaways,
};

export type MessageKey = keyof typeof en;

const ru: Record<MessageKey, string> = {
  ...ruCommon,
  ...ruPolls,
  ...ruOrders,
  ...ruCommands,
  ...ruCheckout,
  ...ruPromotions,
  ...ruCodes,
  ...ruAlerts,
  ...ruAnnouncements,
  ...ruCommunity,
  ...ruModeration,
  ...ruWebChat,
  ...ruWebCheckout,
  ...ruWebOverlay,
  ...ruAuctions,
  ...ruGiveaways,
};

export const CATALOGS: Readonly<Record<string, Readonly<Record<MessageKey, string>>>> = { en, ru };

/** The catalog for a show `language` ("ru", "ru-RU", "de"): its own when we have it, else English. */
export function catalogOf(locale: string): { language: string; messages: Readonly<Record<MessageKey, string>> } {
  const language = locale.split('-')[0]!.toLowerCase();
  const messages = CATALOGS[language];
  return messages ? { language, messages } : { language: 'en', messages: en };
}

/** The messages whose keys start with `prefix` (what a page needs), in `locale`'s catalog. */
export function messagesWithPrefix(locale: string, prefixes: readonly string[]): Record<string, string> {
  const { messages } = catalogOf(locale);
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(messages)) if (prefixes.some((p) => key.startsWith(p))) out[key] = text;
  return out;
}
