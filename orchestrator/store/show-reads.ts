import type { StoreAccess } from './store.js';
import { topBuyers, topChatters, type BoardRow } from './queries/leaderboard-queries.js';
import { inStockSkus, showPurchases, stockOf, viewerLines } from './queries/purchase-history.js';
import { recapFacts, type RecapFacts } from './queries/recap-facts.js';

export type { BoardRow } from './queries/leaderboard-queries.js';
export type { RecapFacts } from './queries/recap-facts.js';

/**
 * What features read from the store, for the show in force: they never query the ORM themselves.
 * Every read here is a plain query; writes go through the services that own them.
 */
export interface ShowReads {
  topBuyers(size: number): Promise<BoardRow[]>;
  topChatters(size: number): Promise<BoardRow[]>;
  purchases(): Promise<Array<{ viewerId: number; sku: string }>>;
  viewerLines(viewerId: number): Promise<string[]>;
  inStockSkus(): Promise<Set<string>>;
  stockOf(sku: string): Promise<Array<{ variant: string; available: number }>>;
  recapFacts(since: number): Promise<RecapFacts>;
}

/** `logged()` resolves once facts still buffered for the event log are on disk (chat lines are read from it). */
export function showReads(store: Pick<StoreAccess, 'db' | 'models'>, showId: () => string, logged: () => Promise<void>): ShowReads {
  return {
    topBuyers: (size) => topBuyers(store.db, showId(), size),
    topChatters: async (size) => {
      await logged();
      return topChatters(store.db, showId(), size);
    },
    purchases: () => showPurchases(store, showId()),
    viewerLines: async (viewerId) => {
      await logged();
      return viewerLines(store, showId(), viewerId);
    },
    inStockSkus: () => inStockSkus(store, showId()),
    stockOf: (sku) => stockOf(store, showId(), sku),
    recapFacts: (since) => recapFacts(store.models, showId(), since),
  };
}
