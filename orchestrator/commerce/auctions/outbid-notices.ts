import type { Cancel } from '../../shared/cron.js';
import type { Buyer } from '../order-types.js';

/**
 * Outbid notices merged under bursts: a bidder who loses the lead is told once, `mergeMs` later,
 * with the standing at that moment, however often they were outbid meanwhile; if they lead again
 * by then, or the auction has ended (the result says it), the caller says nothing.
 */
export class OutbidNotices {
  private readonly pending = new Map<number, { buyer: Buyer; timer: Cancel }>();

  constructor(
    private readonly clock: { after(ms: number, run: () => void): Cancel },
    private readonly mergeMs: number,
    private readonly tell: (buyer: Buyer) => void,
  ) {}

  outbid(buyer: Buyer): void {
    const waiting = this.pending.get(buyer.viewerId);
    if (waiting) {
      waiting.buyer = buyer;
      return;
    }
    const entry = {
      buyer,
      timer: this.clock.after(this.mergeMs, () => {
        this.pending.delete(buyer.viewerId);
        this.tell(entry.buyer);
      }),
    };
    this.pending.set(buyer.viewerId, entry);
  }

  clear(): void {
    for (const { timer } of this.pending.values()) timer.stop();
    this.pending.clear();
  }
}
