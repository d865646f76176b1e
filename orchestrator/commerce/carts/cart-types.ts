import type { CartContact, CartStatus, Delivery, Fulfilment } from '../../store/models-carts.js';
import type { Buyer, CartBrief, OrderSummary } from '../order-types.js';

export type { CartBrief, CartContact, CartStatus, Delivery, Fulfilment };

/** How long a cart holds its stock: each add extends it by `holdMs`, never past `holdMaxMs` after it opened. */
export interface CartHoldPolicy {
  /** Undefined: carts hold nothing (first paid, first served) and never run out. */
  holdMs: number | undefined;
  holdMaxMs: number;
}

/** One line of a cart: an order with the price it was placed at. */
export interface CartLine {
  /** 1-based, as `!remove N` counts. */
  n: number;
  order: OrderSummary;
  unitCents: number;
  subtotalCents: number;
  discountCents: number;
}

/** A cart as the checkout page, the dashboard and the chat show it. */
export interface CartView {
  id: number;
  publicId: string;
  token: string;
  status: CartStatus;
  currency: string;
  buyer: Buyer;
  /** Lines that still count (held, pending or paid). */
  lines: CartLine[];
  /** Lines taken out (removed, expired, cancelled, sold out). */
  dropped: CartLine[];
  subtotalCents: number;
  discountCents: number;
  itemsCents: number;
  /** Fixed once the buyer has given their details; undefined before. */
  shippingCents: number | undefined;
  totalCents: number | undefined;
  delivery: Delivery | null;
  contact: CartContact | null;
  holdExpiresAt: number | undefined;
  remindedAt: number | undefined;
  provider: string | null;
  providerRef: string | null;
  providerError: string | null;
  paidAt: number | undefined;
  fulfilment: Fulfilment | null;
  tracking: string | null;
  refundCents: number;
  createdAt: number;
}

/** A cart's hold ended (run out or cancelled): the lines that went back, and who on the waitlist got them. */
export interface CartRelease {
  cart: CartView;
  released: OrderSummary[];
  offers: OrderSummary[];
  /** The carts the offers landed in, for their holds' timers. */
  offeredCarts: CartView[];
}

export type CartPaymentResult =
  | { kind: 'paid'; cart: CartView; orders: OrderSummary[]; soldOut: OrderSummary[] }
  /** This event was seen before: nothing changed. */
  | { kind: 'duplicate'; cart: CartView }
  /** Another payment for a cart already paid (twice, or through two providers): to be refunded. */
  | { kind: 'paid-twice'; cart: CartView; refundCents: number }
  /** Money came for a cart whose hold had ended: to be refunded, nothing sold. */
  | { kind: 'late'; cart: CartView; refundCents: number }
  | { kind: 'unknown-cart' }
  | { kind: 'amount-mismatch'; cart: CartView; expectedCents: number; currency: string }
  | { kind: 'not-payable'; cart: CartView };

/** What a payment provider reports, whatever its wire format. */
export interface PaymentReport {
  provider: string;
  /** The provider's id for this event (or payment): the same id twice changes nothing. */
  eventId: string;
  /** The cart's public id, token or (legacy links) one of its orders' public ids. */
  cartRef: string;
  amountCents: number;
  currency: string;
}
