import type { ChatEvent, Platform } from '../chat-types.js';
import type { ViewerRef } from '../store/viewer-directory.js';

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
  /** Where accounts cost nothing (the web chat): the key of the network the buy came from. */
  origin?: string;
  /** Set when the request may be delivered twice (ChatEvent.requestKey): the order is placed once. */
  requestKey?: string;
}

/** The buyer behind a chat line: the viewer, where they wrote, and what their roles earn them. */
export function buyerOf(event: ChatEvent, viewer: ViewerRef): Buyer {
  return {
    ...viewer,
    platform: event.platform,
    userId: event.user.id,
    name: event.user.name,
    channelId: event.channelId,
    roles: event.user.roles,
    ...(event.user.platformRoles && { platformRoles: event.user.platformRoles }),
    ...(event.origin !== undefined && { origin: event.origin }),
    ...(event.requestKey !== undefined && { requestKey: event.requestKey }),
  };
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
  /** The cart this order is a line of (none for a pre-order). */
  cartId?: number;
  buyer: Buyer;
}

/** Where a buy landed: the cart as the reply needs it. */
export interface CartBrief {
  id: number;
  publicId: string;
  token: string;
  /** Lines still in the cart (held or pending). */
  lines: number;
  itemsCents: number;
  currency: string;
  holdExpiresAt: number | undefined;
}

export type PlaceResult =
  /** `capped`: a per-viewer limit cut the quantity asked for; what was ordered is the limit's rest. */
  | { kind: 'ordered'; order: OrderSummary; cart: CartBrief; waitlisted?: { qty: number; position: number }; capped?: { max: number; flash?: true } }
  | { kind: 'waitlisted'; qty: number; position: number }
  | { kind: 'capped'; max: number; already: number; flash?: boolean; address?: boolean }
  /** Nothing left to hold, and the buyer already waits for as many products as one may. */
  | { kind: 'waitlist-full'; entries: number }
  /** `key`: the catalog's words for `message` (the show's language), where the ledger itself refused the code. */
  | { kind: 'bad-code'; message: string; key?: BadCodeKey }
  /** The same request again (Buyer.requestKey): its order was placed and answered the first time. */
  | { kind: 'duplicate' };

/** The refusals of a code the order ledger makes itself (the promo codes' own come as `message`). */
export type BadCodeKey = 'orders.codesUnused' | 'orders.ownAmbassadorCode';

/** A released hold (expired or cancelled) and the waitlisted viewers who were offered its stock. */
export interface ReleaseResult {
  released: OrderSummary;
  offers: OrderSummary[];
}
