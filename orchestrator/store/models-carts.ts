import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { modelOptions, pk } from './model-options.js';

export type CartStatus = 'open' | 'checkout' | 'paid' | 'expired' | 'cancelled';
export type Fulfilment = 'packed' | 'shipped' | 'delivered' | 'cancelled' | 'refund-due';
export type Delivery = 'ship' | 'pickup';

/** What the buyer told the checkout: who they are and where the parcel goes. */
export interface CartContact {
  name: string;
  email?: string;
  phone?: string;
  address?: { line1: string; line2?: string; city: string; postalCode: string; region?: string; country: string };
}

/** One buyer's basket in one show: checked out, paid and shipped as one. */
export class Cart extends Model<InferAttributes<Cart>, InferCreationAttributes<Cart>> {
  declare id: CreationOptional<number>;
  declare publicId: string;
  declare token: string;
  declare showId: string;
  declare viewerId: number;
  declare identityId: number;
  declare channelId: string;
  declare status: CartStatus;
  declare currency: string;
  declare holdStartedAt: Date | null;
  declare holdExpiresAt: Date | null;
  declare remindedAt: CreationOptional<Date | null>;
  declare shippingCents: CreationOptional<number | null>;
  declare totalCents: CreationOptional<number | null>;
  declare delivery: CreationOptional<Delivery | null>;
  declare contact: CreationOptional<CartContact | null>;
  declare provider: CreationOptional<string | null>;
  declare providerRef: CreationOptional<string | null>;
  declare providerError: CreationOptional<string | null>;
  declare paidAt: CreationOptional<Date | null>;
  declare fulfilment: CreationOptional<Fulfilment | null>;
  declare tracking: CreationOptional<string | null>;
  declare refundCents: CreationOptional<number>;
  declare updatedAt: CreationOptional<Date>;
  declare createdAt: CreationOptional<Date>;
}

/** A payment provider's event applied to a cart; (provider, event id) is unique, so a replay changes nothing. */
export class CartPayment extends Model<InferAttributes<CartPayment>, InferCreationAttributes<CartPayment>> {
  declare id: CreationOptional<number>;
  declare cartId: number;
  declare provider: string;
  declare eventId: string;
  declare amountCents: number;
  declare currency: string;
  declare outcome: 'paid' | 'paid-twice' | 'late';
}

export interface CartModels {
  Cart: typeof Cart;
  CartPayment: typeof CartPayment;
}

/** Binds this store's own copies of the cart models (see `bindModels`). */
export function initCartModels(sequelize: Sequelize, m: CartModels): void {
  m.Cart.init(
    {
      id: pk,
      publicId: DataTypes.STRING(16),
      token: DataTypes.STRING(32),
      showId: DataTypes.STRING(64),
      viewerId: DataTypes.INTEGER,
      identityId: DataTypes.INTEGER,
      channelId: DataTypes.STRING(64),
      status: DataTypes.STRING(16),
      currency: DataTypes.STRING(3),
      holdStartedAt: DataTypes.DATE,
      holdExpiresAt: DataTypes.DATE,
      remindedAt: DataTypes.DATE,
      shippingCents: DataTypes.INTEGER,
      totalCents: DataTypes.INTEGER,
      delivery: DataTypes.STRING(8),
      contact: DataTypes.JSON,
      provider: DataTypes.STRING(16),
      providerRef: DataTypes.STRING(200),
      providerError: DataTypes.STRING(300),
      paidAt: DataTypes.DATE,
      fulfilment: DataTypes.STRING(16),
      tracking: DataTypes.STRING(500),
      refundCents: DataTypes.INTEGER,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    modelOptions(sequelize, 'carts'),
  );
  m.CartPayment.init(
    {
      id: pk,
      cartId: DataTypes.INTEGER,
      provider: DataTypes.STRING(16),
      eventId: DataTypes.STRING(200),
      amountCents: DataTypes.INTEGER,
      currency: DataTypes.STRING(3),
      outcome: DataTypes.STRING(16),
    },
    modelOptions(sequelize, 'cart_payments'),
  );
}
