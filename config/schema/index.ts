import { z } from 'zod';
import { AuctionsConfig } from './auctions.js';
import { GiveawaysConfig } from './giveaways.js';
import { AiConfig } from './ai.js';
import { AlertsConfig, CheckoutConfig, Product, SupporterPerk, TipsConfig } from './catalog.js';
import { ChannelsConfig, RelayConfig } from './channels.js';
import { CommandsConfig } from './commands.js';
import { EngagementConfig, ModerationConfig, OverlayConfig } from './engagement.js';
import { MediaConfig } from './media.js';
import { AmbassadorsConfig, PromotionsConfig } from './promotions.js';
import { AdminConfig, ServerConfig, ShowMeta } from './show.js';
import { checkReferences } from './references.js';
import { ScaleConfig } from './scale.js';

/** A whole show file: the one thing a community manager writes. */
export const ShowConfig = z
  .strictObject({
    show: ShowMeta,
    server: ServerConfig.default(ServerConfig.parse({})),
    admin: AdminConfig.default(AdminConfig.parse({})),
    channels: ChannelsConfig.default(ChannelsConfig.parse({})),
    relay: RelayConfig.default(RelayConfig.parse({})),
    commands: CommandsConfig.default(CommandsConfig.parse({})),
    products: z.array(Product).default([]),
    /** The SKU on screen when the show starts. */
    featured: z.string().optional(),
    checkout: CheckoutConfig.optional(),
    /** Live auctions of the show's products (`!bid`, `!maxbid`), started from the dashboard or by code. */
    auctions: AuctionsConfig,
    /** Giveaways (`!enter`, `!claim`) with a draw anyone can check, started from the dashboard or by code. */
    giveaways: GiveawaysConfig,
    /** The AI helper (off by default): grounded answers from any OpenAI-compatible server. */
    ai: AiConfig,
    alerts: AlertsConfig.default(AlertsConfig.parse({})),
    promotions: PromotionsConfig.default(PromotionsConfig.parse({})),
    ambassadors: AmbassadorsConfig.default(AmbassadorsConfig.parse({})),
    supporters: z.array(SupporterPerk).default([]),
    tips: TipsConfig.default(TipsConfig.parse({})),
    engagement: EngagementConfig.default(EngagementConfig.parse({})),
    moderation: ModerationConfig.default(ModerationConfig.parse({})),
    overlay: OverlayConfig.default(OverlayConfig.parse({})),
    media: MediaConfig.default(MediaConfig.parse({})),
    /** Web edges on NATS, for more viewers than one process serves (off unless set). */
    scale: ScaleConfig.optional(),
  })
  // `when` lets the cross-checks run beside other errors instead of only after they are fixed.
  .superRefine(checkReferences, { when: () => true });
export type ShowConfig = z.infer<typeof ShowConfig>;

export { CommandName } from './commands.js';
export type { Product } from './catalog.js';
export { isUnlimitedStock, UNLIMITED_STOCK } from './catalog.js';
