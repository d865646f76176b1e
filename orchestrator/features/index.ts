import { alerts } from './alerts/alerts.js';
import { ambassadors } from './ambassadors/ambassadors.js';
import { announcements } from './announcements/announcements.js';
import { auctions } from './auctions/auctions.js';
import { giveaways } from './giveaways/giveaways.js';
import { aiHelper } from './ai/ai-helper.js';
import { codes } from './codes/codes.js';
import { faq } from './faq/faq.js';
import type { CommandSpec } from '../commands/command-specs.js';
import type { AnyFeature } from '../feature.js';
import { help } from './help/help.js';
import { leaderboards } from './leaderboards/leaderboards.js';
import { linking } from './linking/linking.js';
import { moderation } from './moderation/moderation.js';
import { catalogCommands } from './orders/catalog-commands.js';
import { orders } from './orders/orders.js';
import { wholesale } from './orders/wholesale.js';
import { polls } from './polls/polls.js';
import { promotions } from './promotions/promotions.js';
import { recommendations } from './recommendations/recommendations.js';
import { relay } from './relay/relay.js';
import { timers } from './timers/timers.js';
import { tips } from './tips/tips.js';

/**
 * Every feature, in the order they are wired: moderation first (its gate sees every line before
 * anything else), then the rest. Their commands, in this order, are the show file's command names.
 */
export const FEATURES: readonly AnyFeature[] = [
  moderation,
  relay,
  help,
  catalogCommands,
  orders,
  wholesale,
  alerts,
  ambassadors,
  tips,
  linking,
  faq,
  timers,
  announcements,
  leaderboards,
  recommendations,
  codes,
  promotions,
  polls,
  auctions,
  giveaways,
  aiHelper,
];

/** Every command of every feature, in feature order: the show file's command names, the parser's grammar, `!help`. */
export const COMMANDS: readonly CommandSpec[] = FEATURES.flatMap((f) => f.commands ?? []);

/** The names of those commands, for the show file's `commands.aliases` and `commands.disabled`. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name);
