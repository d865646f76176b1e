import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { modelOptions, pk } from './model-options.js';

export type AuctionState = 'open' | 'paused' | 'sold' | 'unsold';

/** The rules an auction was started with, kept on its row (minor units and milliseconds). */
export interface AuctionRules {
  title: string;
  increments: Array<{ fromCents: number; stepCents: number }>;
  antiSnipeMs: number;
  suddenDeath: boolean;
  reserveCents?: number;
  buyNowCents?: number;
  payWithinMs: number;
}

/** One auction of one product in one show (see migration 009). */
export class AuctionRow extends Model<InferAttributes<AuctionRow>, InferCreationAttributes<AuctionRow>> {
  declare id: CreationOptional<number>;
  declare showId: string;
  declare key: string;
  declare sku: string;
  declare variant: string;
  declare currency: string;
  declare state: AuctionState;
  declare startCents: number;
  declare currentCents: number | null;
  declare highViewerId: number | null;
  declare highMaxCents: number | null;
  declare bids: number;
  declare rules: AuctionRules;
  declare startedAt: Date;
  declare endsAt: Date;
  declare pausedLeftMs: number | null;
  declare endedAt: CreationOptional<Date | null>;
  declare outcome: CreationOptional<string | null>;
  declare winnerOrderId: CreationOptional<number | null>;
  declare runnerUpViewerId: CreationOptional<number | null>;
  declare runnerUpOrderId: CreationOptional<number | null>;
}

/** One bid as it arrived, with what came of it. */
export class BidRow extends Model<InferAttributes<BidRow>, InferCreationAttributes<BidRow>> {
  declare id: CreationOptional<number>;
  declare auctionId: number;
  declare viewerId: number;
  declare identityId: number;
  declare channelId: string;
  declare platform: string;
  declare amountCents: number;
  declare maxCents: number;
  declare kind: 'bid' | 'max' | 'buy-now';
  declare priceCents: number | null;
  declare outcome: string;
  declare reason: string | null;
  declare at: Date;
  declare showMs: number | null;
}

export interface AuctionModels {
  Auction: typeof AuctionRow;
  Bid: typeof BidRow;
}

/** Binds this store's own copies of the auction models (see `bindModels`). */
export function initAuctionModels(sequelize: Sequelize, m: AuctionModels): void {
  m.Auction.init(
    {
      id: pk,
      showId: DataTypes.STRING(64),
      key: DataTypes.STRING(64),
      sku: DataTypes.STRING(40),
      variant: DataTypes.STRING(32),
      currency: DataTypes.STRING(3),
      state: DataTypes.STRING(16),
      startCents: DataTypes.INTEGER,
      currentCents: DataTypes.INTEGER,
      highViewerId: DataTypes.INTEGER,
      highMaxCents: DataTypes.INTEGER,
      bids: DataTypes.INTEGER,
      rules: DataTypes.JSON,
      startedAt: DataTypes.DATE,
      endsAt: DataTypes.DATE,
      pausedLeftMs: DataTypes.INTEGER,
      endedAt: DataTypes.DATE,
      outcome: DataTypes.STRING(16),
      winnerOrderId: DataTypes.INTEGER,
      runnerUpViewerId: DataTypes.INTEGER,
      runnerUpOrderId: DataTypes.INTEGER,
    },
    modelOptions(sequelize, 'auctions'),
  );
  m.Bid.init(
    {
      id: pk,
      auctionId: DataTypes.INTEGER,
      viewerId: DataTypes.INTEGER,
      identityId: DataTypes.INTEGER,
      channelId: DataTypes.STRING(64),
      platform: DataTypes.STRING(16),
      amountCents: DataTypes.INTEGER,
      maxCents: DataTypes.INTEGER,
      kind: DataTypes.STRING(8),
      priceCents: DataTypes.INTEGER,
      outcome: DataTypes.STRING(16),
      reason: DataTypes.STRING(16),
      at: DataTypes.DATE,
      showMs: DataTypes.INTEGER,
    },
    { ...modelOptions(sequelize, 'bids'), updatedAt: false },
  );
}
