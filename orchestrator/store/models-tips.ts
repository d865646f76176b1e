import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { modelOptions, pk } from './model-options.js';

type TipRow = typeof Tip;

/** A tip a viewer sent with !tip; paid through the payment webhook like an order. */
export class Tip extends Model<InferAttributes<Tip>, InferCreationAttributes<Tip>> {
  declare id: CreationOptional<number>;
  declare publicId: string;
  declare showId: string;
  declare viewerId: number;
  declare identityId: number;
  declare channelId: string;
  declare amountCents: number;
  declare currency: string;
  declare status: 'pending' | 'paid';
  declare paidAt: Date | null;
  declare paymentRef: string | null;
}

/** Binds this store's own copy of the tip model (see `bindModels`). */
export function initTipModel(sequelize: Sequelize, TipModel: TipRow): void {
  TipModel.init(
    {
      id: pk,
      publicId: DataTypes.STRING(16),
      showId: DataTypes.STRING(64),
      viewerId: DataTypes.INTEGER,
      identityId: DataTypes.INTEGER,
      channelId: DataTypes.STRING(64),
      amountCents: DataTypes.INTEGER,
      currency: DataTypes.STRING(3),
      status: DataTypes.STRING(16),
      paidAt: DataTypes.DATE,
      paymentRef: DataTypes.STRING(120),
    },
    modelOptions(sequelize, 'tips'),
  );
}
