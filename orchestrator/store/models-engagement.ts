import { DataTypes, Model, type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { modelOptions, pk } from './model-options.js';
import type { CoreModels } from './models-core.js';

export class Poll extends Model<InferAttributes<Poll>, InferCreationAttributes<Poll>> {
  declare id: CreationOptional<number>;
  declare showId: ForeignKey<string>;
  declare key: string;
  declare question: string;
  declare options: string[];
  declare status: 'draft' | 'open' | 'closed';
  declare startedAt: Date | null;
  declare endsAt: Date | null;
  declare result: number[] | null;
}

export class Vote extends Model<InferAttributes<Vote>, InferCreationAttributes<Vote>> {
  declare id: CreationOptional<number>;
  declare pollId: ForeignKey<number>;
  declare viewerId: ForeignKey<number>;
  declare optionIndex: number;
  declare platform: string;
}

export class Ambassador extends Model<InferAttributes<Ambassador>, InferCreationAttributes<Ambassador>> {
  declare id: CreationOptional<number>;
  declare showId: ForeignKey<string>;
  declare viewerId: ForeignKey<number>;
  declare commissionPercent: number;
}

export class PromoCode extends Model<InferAttributes<PromoCode>, InferCreationAttributes<PromoCode>> {
  declare id: CreationOptional<number>;
  declare showId: ForeignKey<string> | null;
  declare code: string;
  declare kind: 'percent' | 'amount';
  declare value: number;
  declare source: 'yaml' | 'unlock' | 'drop' | 'ambassador' | 'admin' | 'flash';
  declare maxUses: number | null;
  declare maxUsesPerViewer: CreationOptional<number>;
  declare uses: CreationOptional<number>;
  declare validFrom: Date | null;
  declare expiresAt: Date | null;
  declare products: string[] | null;
  declare ambassadorId: ForeignKey<number> | null;
}

export class Redemption extends Model<InferAttributes<Redemption>, InferCreationAttributes<Redemption>> {
  declare id: CreationOptional<number>;
  declare promoCodeId: ForeignKey<number>;
  declare orderId: ForeignKey<number>;
  declare viewerId: ForeignKey<number>;
  declare discountCents: number;
}

export class Commission extends Model<InferAttributes<Commission>, InferCreationAttributes<Commission>> {
  declare id: CreationOptional<number>;
  declare ambassadorId: ForeignKey<number>;
  declare orderId: ForeignKey<number>;
  declare amountCents: number;
  declare status: 'pending' | 'earned' | 'void';
}

/** Binds this store's own copies of the engagement models (see `bindModels`). */
/** One store's own engagement model classes (see `bindModels`). */
export interface EngagementModels {
  Poll: typeof Poll;
  Vote: typeof Vote;
  Ambassador: typeof Ambassador;
  PromoCode: typeof PromoCode;
  Redemption: typeof Redemption;
  Commission: typeof Commission;
}

export function initEngagementModels(sequelize: Sequelize, m: EngagementModels & Pick<CoreModels, 'Order' | 'Show' | 'Viewer'>): void {
  const { Poll, Vote, Ambassador, PromoCode, Redemption, Commission, Order, Show, Viewer } = m;
  Poll.init(
    {
      id: pk,
      key: DataTypes.STRING(64),
      question: DataTypes.STRING(300),
      options: DataTypes.JSON,
      status: DataTypes.STRING(16),
      startedAt: DataTypes.DATE,
      endsAt: DataTypes.DATE,
      result: DataTypes.JSON,
    },
    modelOptions(sequelize, 'polls'),
  );
  Vote.init({ id: pk, optionIndex: DataTypes.INTEGER, platform: DataTypes.STRING(16) }, modelOptions(sequelize, 'votes'));
  Ambassador.init({ id: pk, commissionPercent: DataTypes.FLOAT }, modelOptions(sequelize, 'ambassadors'));
  PromoCode.init(
    {
      id: pk,
      code: DataTypes.STRING(32),
      kind: DataTypes.STRING(8),
      value: DataTypes.INTEGER,
      source: DataTypes.STRING(16),
      maxUses: DataTypes.INTEGER,
      maxUsesPerViewer: DataTypes.INTEGER,
      uses: DataTypes.INTEGER,
      validFrom: DataTypes.DATE,
      expiresAt: DataTypes.DATE,
      products: DataTypes.JSON,
    },
    modelOptions(sequelize, 'promo_codes'),
  );
  Redemption.init({ id: pk, discountCents: DataTypes.INTEGER }, modelOptions(sequelize, 'redemptions'));
  Commission.init({ id: pk, amountCents: DataTypes.INTEGER, status: DataTypes.STRING(16) }, modelOptions(sequelize, 'commissions'));

  Poll.belongsTo(Show, { foreignKey: 'showId' });
  Poll.hasMany(Vote, { foreignKey: 'pollId' });
  Vote.belongsTo(Poll, { foreignKey: 'pollId' });
  Vote.belongsTo(Viewer, { foreignKey: 'viewerId' });
  Ambassador.belongsTo(Show, { foreignKey: 'showId' });
  Ambassador.belongsTo(Viewer, { foreignKey: 'viewerId' });
  PromoCode.belongsTo(Show, { foreignKey: 'showId' });
  PromoCode.belongsTo(Ambassador, { foreignKey: 'ambassadorId' });
  Redemption.belongsTo(PromoCode, { foreignKey: 'promoCodeId' });
  Redemption.belongsTo(Order, { foreignKey: 'orderId' });
  Redemption.belongsTo(Viewer, { foreignKey: 'viewerId' });
  Commission.belongsTo(Ambassador, { foreignKey: 'ambassadorId' });
  Commission.belongsTo(Order, { foreignKey: 'orderId' });
}
