import { DataTypes, Model, type CreationOptional, type ForeignKey, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { modelOptions, pk } from './model-options.js';

export class Show extends Model<InferAttributes<Show>, InferCreationAttributes<Show>> {
  declare id: string;
  declare name: string;
}

export class ShowRun extends Model<InferAttributes<ShowRun>, InferCreationAttributes<ShowRun>> {
  declare id: CreationOptional<number>;
  declare showId: ForeignKey<string>;
  declare startedAt: Date;
  declare endedAt: Date | null;
}

export class Viewer extends Model<InferAttributes<Viewer>, InferCreationAttributes<Viewer>> {
  declare id: CreationOptional<number>;
  declare displayName: string;
}

export class Identity extends Model<InferAttributes<Identity>, InferCreationAttributes<Identity>> {
  declare id: CreationOptional<number>;
  declare viewerId: ForeignKey<number>;
  declare platform: string;
  declare platformUserId: string;
  declare displayName: string;
  declare roles: string[];
}

export class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare id: CreationOptional<number>;
  declare showId: ForeignKey<string>;
  declare sku: string;
  declare variant: string;
  declare title: string;
  declare category: string | null;
  declare imageUrl: string | null;
  declare priceCents: number;
  declare currency: string;
  declare maxPerBuyer: number | null;
  declare stockTotal: number;
  declare stockAvailable: number;
  /** The figure the show file last gave (null before it was kept): what a changed file moves the stock by. */
  declare stockFile: number | null;
}

export type OrderStatus = 'held' | 'pending' | 'paid' | 'cancelled' | 'expired' | 'preorder';

export class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<number>;
  declare publicId: string;
  declare showId: ForeignKey<string>;
  declare viewerId: ForeignKey<number>;
  declare identityId: ForeignKey<number>;
  declare channelId: string;
  declare status: OrderStatus;
  declare subtotalCents: number;
  declare discountCents: CreationOptional<number>;
  declare totalCents: number;
  declare currency: string;
  declare holdExpiresAt: Date | null;
  declare paidAt: Date | null;
  declare paymentRef: string | null;
  declare promoCodeId: number | null;
  declare remindedAt: Date | null;
  /** Where a hold came from when accounts cost nothing there (an opaque key of the web chat's address). */
  declare origin: string | null;
  /** The buyer's cart this order is a line of (none for a pre-order). */
  declare cartId: number | null;
  /** The request that placed it, when its sender may deliver it twice (a web edge's line id): placed once. */
  declare requestKey: CreationOptional<string | null>;
}

export class OrderLine extends Model<InferAttributes<OrderLine>, InferCreationAttributes<OrderLine>> {
  declare id: CreationOptional<number>;
  declare orderId: ForeignKey<number>;
  declare productId: ForeignKey<number>;
  declare qty: number;
  declare unitPriceCents: number;
}

export class WaitlistEntry extends Model<InferAttributes<WaitlistEntry>, InferCreationAttributes<WaitlistEntry>> {
  declare id: CreationOptional<number>;
  declare showId: ForeignKey<string>;
  declare productId: ForeignKey<number>;
  declare viewerId: ForeignKey<number>;
  declare identityId: ForeignKey<number>;
  declare qty: number;
  declare status: CreationOptional<'waiting' | 'offered' | 'converted' | 'left'>;
  declare channelId: string | null;
  declare variantLabel: string | null;
}

/** One line of history. Never updated or deleted (the database refuses both). */
export class LoggedEvent extends Model<InferAttributes<LoggedEvent>, InferCreationAttributes<LoggedEvent>> {
  declare id: CreationOptional<number>;
  declare showId: string;
  declare runId: number | null;
  declare type: string;
  declare at: number;
  declare showMs: number | null;
  declare platform: string | null;
  declare viewerId: number | null;
  declare data: Record<string, unknown>;
}

/** One store's own core model classes (see `bindModels`). */
export interface CoreModels {
  Show: typeof Show;
  ShowRun: typeof ShowRun;
  Viewer: typeof Viewer;
  Identity: typeof Identity;
  Product: typeof Product;
  Order: typeof Order;
  OrderLine: typeof OrderLine;
  WaitlistEntry: typeof WaitlistEntry;
  LoggedEvent: typeof LoggedEvent;
}

export function initCoreModels(sequelize: Sequelize, m: CoreModels): void {
  const { Show, ShowRun, Viewer, Identity, Product, Order, OrderLine, WaitlistEntry, LoggedEvent } = m;
  Show.init({ id: { type: DataTypes.STRING(64), primaryKey: true }, name: DataTypes.STRING(120) }, modelOptions(sequelize, 'shows'));
  ShowRun.init({ id: pk, startedAt: DataTypes.DATE, endedAt: DataTypes.DATE }, modelOptions(sequelize, 'show_runs', false));
  Viewer.init({ id: pk, displayName: DataTypes.STRING(100) }, modelOptions(sequelize, 'viewers'));
  Identity.init(
    { id: pk, platform: DataTypes.STRING(16), platformUserId: DataTypes.STRING(64), displayName: DataTypes.STRING(100), roles: DataTypes.JSON },
    modelOptions(sequelize, 'identities'),
  );
  Product.init(
    {
      id: pk,
      sku: DataTypes.STRING(40),
      variant: DataTypes.STRING(32),
      title: DataTypes.STRING(120),
      category: DataTypes.STRING(60),
      imageUrl: DataTypes.STRING(500),
      priceCents: DataTypes.INTEGER,
      currency: DataTypes.STRING(3),
      maxPerBuyer: DataTypes.INTEGER,
      stockTotal: DataTypes.INTEGER,
      stockAvailable: DataTypes.INTEGER,
      stockFile: DataTypes.INTEGER,
    },
    modelOptions(sequelize, 'products'),
  );
  Order.init(
    {
      id: pk,
      publicId: DataTypes.STRING(16),
      channelId: DataTypes.STRING(64),
      status: DataTypes.STRING(16),
      subtotalCents: DataTypes.INTEGER,
      discountCents: DataTypes.INTEGER,
      totalCents: DataTypes.INTEGER,
      currency: DataTypes.STRING(3),
      holdExpiresAt: DataTypes.DATE,
      paidAt: DataTypes.DATE,
      paymentRef: DataTypes.STRING(120),
      promoCodeId: DataTypes.INTEGER,
      remindedAt: DataTypes.DATE,
      origin: DataTypes.STRING(32),
      cartId: DataTypes.INTEGER,
      requestKey: DataTypes.STRING(96),
    },
    modelOptions(sequelize, 'orders'),
  );
  OrderLine.init({ id: pk, qty: DataTypes.INTEGER, unitPriceCents: DataTypes.INTEGER }, modelOptions(sequelize, 'order_lines', false));
  WaitlistEntry.init(
    { id: pk, qty: DataTypes.INTEGER, status: DataTypes.STRING(16), channelId: DataTypes.STRING(64), variantLabel: DataTypes.STRING(32) },
    modelOptions(sequelize, 'waitlist'),
  );
  LoggedEvent.init(
    {
      id: pk,
      showId: DataTypes.STRING(64),
      runId: DataTypes.INTEGER,
      type: DataTypes.STRING(40),
      at: DataTypes.BIGINT,
      showMs: DataTypes.INTEGER,
      platform: DataTypes.STRING(16),
      viewerId: DataTypes.INTEGER,
      data: DataTypes.JSON,
    },
    modelOptions(sequelize, 'events', false),
  );

  Show.hasMany(ShowRun, { foreignKey: 'showId' });
  Viewer.hasMany(Identity, { foreignKey: 'viewerId' });
  Identity.belongsTo(Viewer, { foreignKey: 'viewerId' });
  Show.hasMany(Product, { foreignKey: 'showId' });
  Order.hasMany(OrderLine, { foreignKey: 'orderId', as: 'lines' });
  OrderLine.belongsTo(Order, { foreignKey: 'orderId' });
  OrderLine.belongsTo(Product, { foreignKey: 'productId' });
  Order.belongsTo(Viewer, { foreignKey: 'viewerId' });
  Order.belongsTo(Identity, { foreignKey: 'identityId' });
  Order.belongsTo(Show, { foreignKey: 'showId' });
  WaitlistEntry.belongsTo(Product, { foreignKey: 'productId' });
  WaitlistEntry.belongsTo(Viewer, { foreignKey: 'viewerId' });
  WaitlistEntry.belongsTo(Identity, { foreignKey: 'identityId' });
  WaitlistEntry.belongsTo(Show, { foreignKey: 'showId' });
  ShowRun.belongsTo(Show, { foreignKey: 'showId' });
  Product.belongsTo(Show, { foreignKey: 'showId' });
}
