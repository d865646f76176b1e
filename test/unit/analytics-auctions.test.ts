import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../orchestrator/analytics/analytics-types.js';
import { auctionReports } from '../../orchestrator/analytics/auctions.js';

const row = (type: string, at: number, data: Record<string, unknown>, who: { platform?: string; viewerId?: number } = {}): EventRow => ({
  runId: 1,
  type,
  at,
  showMs: at - 1000,
  platform: who.platform ?? null,
  viewerId: who.viewerId ?? null,
  data,
});

const bid = (at: number, platform: string, viewerId: number, outcome: string) =>
  row('auction.bid', at, { auction: 'lamp', kind: 'bid', outcome }, { platform, viewerId });

describe('auctions in the show report', () => {
  it('GIVEN a logged auction WHEN reported THEN bids per platform, the final price against the start and the winning bid’s moment are read from the log', () => {
    const events = [
      row('auction.started', 1000, { auction: 'lamp', sku: 'LAMP', startCents: 1000, currency: 'EUR', endsAt: 31_000, by: 'api' }),
      bid(5000, 'twitch', 1, 'leading'),
      bid(6000, 'telegram', 2, 'leading'),
      bid(7000, 'twitch', 1, 'refused'),
      bid(8000, 'twitch', 3, 'outbid'),
      bid(20_000, 'discord', 1, 'leading'),
      bid(21_000, 'telegram', 2, 'outbid'),
      row('auction.ended', 31_000, { auction: 'lamp', sku: 'LAMP', result: 'sold', priceCents: 2500, startCents: 1000 }, { platform: 'discord', viewerId: 1 }),
      row('chat.message', 9000, { text: 'hi' }, { platform: 'twitch', viewerId: 9 }),
      row('auction.started', 40_000, { auction: 'lamp', sku: 'LAMP', startCents: 1000, currency: 'EUR' }),
      row('auction.ended', 70_000, { auction: 'lamp', sku: 'LAMP', result: 'unsold', reason: 'no-bids', startCents: 1000 }),
    ];
    const [sold, unsold] = auctionReports(events);
    expect(sold).toEqual({
      auction: 'lamp',
      sku: 'LAMP',
      currency: 'EUR',
      startedAt: 1000,
      result: 'sold',
      reason: null,
      startCents: 1000,
      finalCents: 2500,
      priceRatio: 2.5,
      platforms: [
        { platform: 'telegram', counted: 2, refused: 0 },
        { platform: 'twitch', counted: 2, refused: 1 },
        { platform: 'discord', counted: 1, refused: 0 },
      ],
      winningBid: { platform: 'discord', showMs: 19_000, beforeEndMs: 11_000 },
    });
    expect(unsold).toMatchObject({ result: 'unsold', reason: 'no-bids', finalCents: null, priceRatio: null, platforms: [], winningBid: null });
  });
});
