import type { Sequelize } from 'sequelize';
import { Identity, LoggedEvent, Order, OrderLine, Product, Show, ShowRun, Viewer, WaitlistEntry, initCoreModels, type CoreModels } from './models-core.js';
import { Ambassador, Commission, Poll, PromoCode, Redemption, Vote, initEngagementModels, type EngagementModels } from './models-engagement.js';
import { Tip, initTipModel } from './models-tips.js';
import { Cart, CartPayment, initCartModels, type CartModels } from './models-carts.js';
import { AuctionRow, BidRow, initAuctionModels, type AuctionModels } from './models-auctions.js';
import { GiveawayEntryRow, GiveawayRow, initGiveawayModels, type GiveawayModels } from './models-giveaways.js';

/**
 * One store's models. Sequelize binds a model class to one database when it is initialised, so
 * each store gets its own subclasses of the shared row classes: two stores in one process (two
 * shows, or two apps in a test) can never read or write each other's tables. The row classes in
 * models-*.ts are only types; nothing calls them directly.
 */
export interface Models extends CoreModels, EngagementModels, CartModels, AuctionModels, GiveawayModels {
  Tip: typeof Tip;
}

/** Fresh model classes bound to `db`, with their associations. */
export function bindModels(db: Sequelize): Models {
  const models: Models = {
    Show: own(Show, 'Show'),
    ShowRun: own(ShowRun, 'ShowRun'),
    Viewer: own(Viewer, 'Viewer'),
    Identity: own(Identity, 'Identity'),
    Product: own(Product, 'Product'),
    Order: own(Order, 'Order'),
    OrderLine: own(OrderLine, 'OrderLine'),
    WaitlistEntry: own(WaitlistEntry, 'WaitlistEntry'),
    Cart: own(Cart, 'Cart'),
    CartPayment: own(CartPayment, 'CartPayment'),
    LoggedEvent: own(LoggedEvent, 'LoggedEvent'),
    Poll: own(Poll, 'Poll'),
    Vote: own(Vote, 'Vote'),
    Ambassador: own(Ambassador, 'Ambassador'),
    PromoCode: own(PromoCode, 'PromoCode'),
    Redemption: own(Redemption, 'Redemption'),
    Commission: own(Commission, 'Commission'),
    Tip: own(Tip, 'Tip'),
    Auction: own(AuctionRow, 'Auction'),
    Bid: own(BidRow, 'Bid'),
    Giveaway: own(GiveawayRow, 'Giveaway'),
    GiveawayEntry: own(GiveawayEntryRow, 'GiveawayEntry'),
  };
  initCoreModels(db, models);
  initEngagementModels(db, models);
  initTipModel(db, models.Tip);
  initCartModels(db, models);
  initAuctionModels(db, models);
  initGiveawayModels(db, models);
  return models;
}

/**
 * A subclass of `row` that this store alone initialises. It keeps the row class's name, which
 * Sequelize uses as the model name (and for default association aliases).
 */
function own<M extends abstract new (...args: never[]) => object>(row: M, name: string): M {
  abstract class Bound extends (row as unknown as abstract new (...args: never[]) => object) {}
  Object.defineProperty(Bound, 'name', { value: name });
  return Bound as unknown as M;
}
