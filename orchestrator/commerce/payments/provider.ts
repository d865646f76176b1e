import type { ProviderName } from '../../../config/schema/checkout.js';
import type { CartView } from '../carts/cart-types.js';

export type { ProviderName };

/** Where the checkout goes after the buyer's details: the provider's page, done, or what to do to pay. */
export type StartResult =
  /** `ref`: the provider's id of what it made (a session, a payment), kept on the cart for `abandon` and the dashboard. */
  | { kind: 'redirect'; url: string; ref?: string }
  /** Paid on the spot (the built-in test mode). */
  | { kind: 'paid' }
  /** Paid outside showcart (a bank transfer): the buyer's instructions; the seller confirms. */
  | { kind: 'instructions'; text: string }
  /** An invoice went to the buyer's chat (Telegram). */
  | { kind: 'sent'; ref?: string };

/** The links a provider sends the buyer back to. */
export interface ReturnLinks {
  /** The cart's checkout page. */
  page: string;
}

/** The provider did not answer in time or answered 5xx: nothing is lost, the buyer may try again. */
export class ProviderUnavailable extends Error {
  constructor(
    readonly provider: string,
    detail: string,
  ) {
    super(`${provider} is not answering: ${detail}`);
    this.name = 'ProviderUnavailable';
  }
}

/**
 * Only the buyer can unblock this payment (Telegram: open the bot and press Start): `tell` is
 * shown to them as is; the message is for the log and the dashboard.
 */
export class BuyerMustAct extends Error {
  constructor(
    readonly provider: string,
    readonly tell: string,
    detail: string,
  ) {
    super(`${provider}: ${detail}`);
    this.name = 'BuyerMustAct';
  }
}

/** A payment service. Each reads its secrets from the environment once and names the variables it misses. */
export interface PaymentProvider {
  readonly name: ProviderName;
  /** Environment variables it needs and does not have (it is not offered to buyers then). */
  readonly missing: readonly string[];
  /** Shown to the buyer on the checkout page. */
  readonly label: string;
  /** Starts paying a cart that has its details and total; throws ProviderUnavailable when the service fails. */
  start(cart: CartView, links: ReturnLinks): Promise<StartResult>;
  /** The cart's hold ended or the buyer went back: make sure no charge can follow (Stripe: expire the session). */
  abandon?(cart: CartView): Promise<void>;
}
