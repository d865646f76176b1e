import type { Platform } from '../chat-types.js';

/** Who is buying, as the chat knows them: the viewer, the identity they used and where they wrote. */
export interface Buyer {
  viewerId: number;
  identityId: number;
  platform: Platform;
  /** The platform's id for the person, for private replies. */
  userId: string;
  name: string;
  channelId: string;
  /** Roles where they wrote the command; supporter perks depend on them. */
  roles?: readonly string[];
  /** Platform role ids (Discord), for perks granted by role id. */
  platformRoles?: readonly string[];
}

export interface OrderSummary {
  id: number;
  publicId: string;
  sku: string;
  variant: string;
  title: string;
  qty: number;
  totalCents: number;
  currency: string;
  /** The promo code the order used, if any. */
  code?: string;
  status: 'held' | 'pending' | 'paid' | 'cancelled' | 'expired' | 'preorder';
  holdExpiresAt: number | undefined;
  buyer: Buyer;
}

export type PlaceResult =
  | { kind: 'ordered'; order: OrderSummary; waitlisted?: { qty: number; position: number } }
  | { kind: 'waitlisted'; qty: number; position: number }
  | { kind: 'capped'; max: number; already: number; flash?: boolean }
  | { kind: 'bad-code'; message: string };

export type PaymentResult =
  | { kind: 'paid'; order: OrderSummary }
  | { kind: 'duplicate'; order: OrderSummary }
  | { kind: 'unknown-order' }
  | { kind: 'amount-mismatch'; expectedCents: number; currency: string }
  | { kind: 'not-payable'; status: string }
  | { kind: 'sold-out'; order: OrderSummary };

/** A released hold (expired or cancelled) and the waitlisted viewers who were offered its stock. */
export interface ReleaseResult {
  released: OrderSummary;
  offers: OrderSummary[];
}
