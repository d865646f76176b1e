import type { Logger } from 'pino';
import { providersFor, providersInUse, type CheckoutConfig } from '../../../config/schema/checkout.js';
import type { Bus } from '../../bus.js';
import type { RunningShow } from '../../show.js';
import type { Carts } from '../carts/cart-service.js';
import type { CartPaymentResult, CartRelease, CartView, PaymentReport } from '../carts/cart-types.js';
import { BuyerMustAct, ProviderUnavailable, type PaymentProvider, type ProviderName, type StartResult } from './provider.js';
import type { SiteLinks } from './site-links.js';

export type BeginResult = StartResult | { kind: 'failed'; message: string } | { kind: 'not-offered' };

/**
 * The checkout's payment side: which providers a buyer may use, starting a payment, and the one
 * place every provider's "paid" arrives (`apply`), which settles the cart and tells the show.
 */
export class Payments {
  constructor(
    private readonly deps: {
      carts: Carts;
      bus: Bus;
      show: RunningShow;
      site: SiteLinks;
      log: Logger;
      providers: ReadonlyMap<ProviderName, PaymentProvider>;
    },
  ) {}

  private get checkout(): CheckoutConfig | undefined {
    return this.deps.show.config.checkout;
  }

  /** The providers a buyer on `platform` may pay with now: those the show names and that have their secrets. */
  offered(platform: string): PaymentProvider[] {
    const checkout = this.checkout;
    if (!checkout) return [];
    return providersFor(checkout, platform).flatMap((name) => {
      const p = this.deps.providers.get(name);
      return p && p.missing.length === 0 ? [p] : [];
    });
  }

  /** Providers the show file uses that cannot work, and the variables they wait for (start-up log, dashboard). */
  unconfigured(): Array<{ provider: ProviderName; missing: readonly string[] }> {
    const checkout = this.checkout;
    if (!checkout) return [];
    return providersInUse(checkout).flatMap((name) => {
      const p = this.deps.providers.get(name);
      return p && p.missing.length > 0 ? [{ provider: name, missing: p.missing }] : [];
    });
  }

  /** What the cart records as its provider: the built-in checkout in manual mode is the seller's own confirmation. */
  tagOf(name: ProviderName): string {
    return name === 'builtin' && this.checkout?.builtin.mode === 'manual' ? 'manual' : name;
  }

  /**
   * Starts paying a checked-out cart with `name`. A provider that fails leaves the cart held and
   * the failure on the cart (the dashboard shows it); the buyer gets a message to try again.
   */
  async begin(cart: CartView, name: ProviderName): Promise<BeginResult> {
    const provider = this.offered(cart.buyer.platform).find((p) => p.name === name) ?? this.offered('web').find((p) => p.name === name);
    if (!provider) return { kind: 'not-offered' };
    try {
      const started = await provider.start(cart, { page: this.deps.site.cart(cart.token) });
      if ((started.kind === 'redirect' || started.kind === 'sent') && started.ref !== undefined)
        await this.deps.carts.providerSaid(cart.id, { ref: started.ref });
      if (started.kind === 'paid') {
        // The built-in test mode: the press of Pay is the payment, once per cart.
        const result = await this.apply({
          provider: 'builtin',
          eventId: `test:${cart.publicId}`,
          cartRef: cart.publicId,
          amountCents: cart.totalCents ?? cart.itemsCents,
          currency: cart.currency,
        });
        if (result.kind !== 'paid' && result.kind !== 'duplicate') return { kind: 'failed', message: 'This cart can no longer be paid.' };
      }
      return started;
    } catch (err) {
      const message = err instanceof ProviderUnavailable || err instanceof BuyerMustAct ? err.message : `${provider.name} refused the payment`;
      this.deps.log.warn({ err, cart: cart.publicId, provider: provider.name }, 'a payment could not be started');
      await this.deps.carts.providerSaid(cart.id, { error: message });
      await this.deps.bus.emit('checkout.failed', { cart: cart.publicId, provider: provider.name, error: message });
      if (err instanceof BuyerMustAct) return { kind: 'failed', message: err.tell };
      return { kind: 'failed', message: 'The payment service did not answer. Your items stay reserved; please try again in a moment.' };
    }
  }

  /** Every provider's payment lands here: the cart is settled once, and the show is told whatever came of it. */
  async apply(report: PaymentReport): Promise<CartPaymentResult> {
    const result = await this.deps.carts.pay(report);
    await this.deps.bus.emit('payment.received', { report, result });
    return result;
  }

  /** The seller confirms a manual payment: the same path as a provider's, for the cart's total. */
  async markPaid(cart: CartView): Promise<CartPaymentResult> {
    return this.apply({
      provider: 'manual',
      eventId: `manual:${cart.publicId}`,
      cartRef: cart.publicId,
      amountCents: cart.totalCents ?? cart.itemsCents,
      currency: cart.currency,
    });
  }

  /**
   * Ends a cart's hold from outside the chat (the provider's session expired, the seller
   * cancelled): its lines go back, the provider is told, and the show hears `cart.ended` (the
   * orders feature tells the buyer and starts the holds of whoever got the stock).
   */
  async end(cartId: number, reason: 'expired' | 'cancelled', by: string): Promise<CartRelease | undefined> {
    const release = await this.deps.carts.release(cartId, reason);
    if (!release) return undefined;
    await this.abandon(release.cart);
    await this.deps.bus.emit('cart.ended', { release, reason, by });
    return release;
  }

  /** No charge may follow for this cart (its hold ended, or the buyer went back): tell its provider, best effort. */
  async abandon(cart: CartView): Promise<void> {
    const provider = cart.provider ? this.deps.providers.get(cart.provider as ProviderName) : undefined;
    if (!provider?.abandon || cart.providerRef === null) return;
    await provider
      .abandon(cart)
      .catch((err: unknown) => this.deps.log.warn({ err, cart: cart.publicId, provider: provider.name }, 'the provider did not confirm the session ended'));
  }
}
