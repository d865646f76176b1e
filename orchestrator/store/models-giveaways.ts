import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Eligibility } from '../../config/schema/giveaways.js';
import { modelOptions, pk } from './model-options.js';

export type GiveawayState = 'open' | 'claiming' | 'claimed' | 'unclaimed' | 'empty';

/** The rules a giveaway was started with, kept on its row (milliseconds). */
export interface GiveawayRules {
  title: string;
  keyword?: string;
  eligible: Eligibility;
  minLines: number;
  claimWithinMs: number;
  maxEntries: number;
}

/** One round of the draw as published: the winning entry's hash and the digest that chose it. */
export interface GiveawayDraw {
  round: number;
  winner: string;
  digest: string;
  at: string;
}

/** One giveaway of one prize in one show (see migration 010). */
export class GiveawayRow extends Model<InferAttributes<GiveawayRow>, InferCreationAttributes<GiveawayRow>> {
  declare id: CreationOptional<number>;
  declare showId: string;
  declare key: string;
  declare sku: string;
  declare variant: string;
  declare state: GiveawayState;
  declare seed: string;
  declare commitment: string;
  declare rules: GiveawayRules;
  declare entries: CreationOptional<number>;
  declare openedAt: Date;
  declare closesAt: Date;
  declare closedAt: CreationOptional<Date | null>;
  declare round: CreationOptional<number>;
  declare draws: GiveawayDraw[];
  declare winnerViewerId: CreationOptional<number | null>;
  declare claimUntil: CreationOptional<Date | null>;
  declare prizeOrderId: CreationOptional<number | null>;
}

/** One viewer's entry in one giveaway. */
export class GiveawayEntryRow extends Model<InferAttributes<GiveawayEntryRow>, InferCreationAttributes<GiveawayEntryRow>> {
  declare id: CreationOptional<number>;
  declare giveawayId: number;
  declare viewerId: number;
  declare identityId: number;
  declare platform: string;
  declare channelId: string;
  declare hash: string;
}

export interface GiveawayModels {
  Giveaway: typeof GiveawayRow;
  GiveawayEntry: typeof GiveawayEntryRow;
}

/** Binds this store's own copies of the giveaway models (see `bindModels`). */
export function initGiveawayModels(sequelize: Sequelize, m: GiveawayModels): void {
  m.Giveaway.init(
    {
      id: pk,
      showId: DataTypes.STRING(64),
      key: DataTypes.STRING(64),
      sku: DataTypes.STRING(40),
      variant: DataTypes.STRING(32),
      state: DataTypes.STRING(16),
      seed: DataTypes.STRING(64),
      commitment: DataTypes.STRING(64),
      rules: DataTypes.JSON,
      entries: DataTypes.INTEGER,
      openedAt: DataTypes.DATE,
      closesAt: DataTypes.DATE,
      closedAt: DataTypes.DATE,
      round: DataTypes.INTEGER,
      draws: DataTypes.JSON,
      winnerViewerId: DataTypes.INTEGER,
      claimUntil: DataTypes.DATE,
      prizeOrderId: DataTypes.INTEGER,
    },
    modelOptions(sequelize, 'giveaways'),
  );
  m.GiveawayEntry.init(
    {
      id: pk,
      giveawayId: DataTypes.INTEGER,
      viewerId: DataTypes.INTEGER,
      identityId: DataTypes.INTEGER,
      platform: DataTypes.STRING(16),
      channelId: DataTypes.STRING(64),
      hash: DataTypes.STRING(64),
    },
    { ...modelOptions(sequelize, 'giveaway_entries'), updatedAt: false },
  );
}
