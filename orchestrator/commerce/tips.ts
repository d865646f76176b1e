import { newPublicId } from './order-service.js';
import type { Buyer } from './order-types.js';
import type { StoreAccess } from '../store/store.js';

export interface TipSummary {
  publicId: string;
  amountCents: number;
  currency: string;
  buyer: Pick<Buyer, 'viewerId' | 'name'>;
}

export type TipPayment =
  { kind: 'paid' | 'duplicate'; tip: TipSummary } | { kind: 'unknown' } | { kind: 'amount-mismatch'; expectedCents: number; currency: string };

/** Tips of a show: created by `!tip`, paid by the payment webhook. Public ids start with T so they never collide with orders. */
export class Tips {
  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
  ) {}

  create(buyer: Buyer, amountCents: number, currency: string): Promise<TipSummary> {
    return this.store.writes.run(async (t) => {
      const tip = await this.store.models.Tip.create(
        {
          publicId: `T${newPublicId().slice(1)}`,
          showId: this.showId,
          viewerId: buyer.viewerId,
          identityId: buyer.identityId,
          channelId: buyer.channelId,
          amountCents,
          currency,
          status: 'pending',
          paidAt: null,
          paymentRef: null,
        },
        { transaction: t },
      );
      return { publicId: tip.publicId, amountCents, currency, buyer: { viewerId: buyer.viewerId, name: buyer.name } };
    });
  }

  pay(eventId: string, publicId: string, amountCents: number, currency: string): Promise<TipPayment> {
    return this.store.writes.run(async (t) => {
      const tip = await this.store.models.Tip.findOne({ where: { publicId: publicId.toUpperCase(), showId: this.showId }, transaction: t });
      if (!tip) return { kind: 'unknown' };
      const summary = {
        publicId: tip.publicId,
        amountCents: tip.amountCents,
        currency: tip.currency,
        buyer: { viewerId: tip.viewerId, name: (await this.store.models.Viewer.findByPk(tip.viewerId, { transaction: t }))?.displayName ?? 'Someone' },
      };
      if (tip.status === 'paid') return { kind: 'duplicate', tip: summary };
      if (amountCents !== tip.amountCents || currency.toUpperCase() !== tip.currency) {
        return { kind: 'amount-mismatch', expectedCents: tip.amountCents, currency: tip.currency };
      }
      await tip.update({ status: 'paid', paidAt: new Date(), paymentRef: eventId }, { transaction: t });
      return { kind: 'paid', tip: summary };
    });
  }
}
