// @ts-check
// What the analytics API answers, for the page's type checks (tsconfig.web.json); nothing runs here.

/**
 * GET /api/analytics/:show (orchestrator/analytics/show-report.ts and the files it names).
 * @typedef {object} ShowReport
 * @property {{ id: string, name: string }} show
 * @property {number | null} runId the run reported on; null for all of them
 * @property {Array<{ id: number, startedAt: number, endedAt: number | null, lengthMs: number }>} runs
 * @property {number} bucketMs
 * @property {Bucket[]} timeline
 * @property {{ scoring: string, moments: Moment[] }} goldenSeconds
 * @property {Segment[]} segments
 * @property {{ mentionRule: string, products: ProductConversion[], platforms: PlatformConversion[], promoCodes: CodeConversion[], ambassadors: AmbassadorConversion[] }} conversions
 * @property {CurrencyRevenue[]} revenue
 * @property {AudienceRetention | ChatRetention} retention
 * @property {AuctionReport[]} [auctions]
 * @typedef {{ runId: number, startMs: number, chat: number, buys: number, votes: number, featured: string | null }} Bucket `startMs` on the show clock
 * @typedef {{ runId: number, second: number, score: number, chat: number, buys: number, votes: number, featured: string | null, lines: Array<{ platform: string | null, user: string, text: string }> }} Moment
 * @typedef {{ runId: number, sku: string, startMs: number, endMs: number, chat: number, orders: number, featuredUnits: number, units: number, featuredUnitsPerMinute: number }} Segment
 * @typedef {{ sku: string, title: string, mentioned: number, buyers: number, mentionedAndBought: number, rate: number | null, paidBuyers: number, units: number, paidUnits: number, paid: Record<string, number> }} ProductConversion `paid`: minor units per currency
 * @typedef {{ platform: string, chatters: number, buyers: number, chattersWhoBought: number, rate: number | null, orders: number }} PlatformConversion
 * @typedef {{ code: string, source: string, ambassador: string | null, currency: string, orders: number, paidOrders: number, paidCents: number, discountCents: number }} CodeConversion
 * @typedef {{ ambassador: string, code: string, currency: string, orders: number, paidOrders: number, paidCents: number, commissionEarnedCents: number, commissionPendingCents: number }} AmbassadorConversion
 * @typedef {{ auction: string, sku: string, currency: string, startedAt: number, result: 'sold' | 'unsold' | 'running', reason: string | null, startCents: number, finalCents: number | null, priceRatio: number | null, platforms: Array<{ platform: string, counted: number, refused: number }>, winningBid: { platform: string | null, showMs: number | null, beforeEndMs: number } | null }} AuctionReport orchestrator/analytics/auctions.ts
 * @typedef {{ orders: number, cents: number }} Tally
 * @typedef {{ currency: string, paid: Tally, held: Tally, expired: Tally, cancelled: Tally, refundDue: Tally, preorders: Tally, discountCents: number }} CurrencyRevenue
 * @typedef {{ source: 'audience.count', label: string, perMinute: Array<{ minute: number, viewers: number }>, peak: { minute: number, viewers: number } | null, average: number, endOfPeak: number | null }} AudienceRetention
 * @typedef {{ firstMinutes: number, viewers: number, stillActiveLater: number, share: number | null, byWindow: Array<{ fromMinute: number, toMinute: number, active: number, share: number | null }> }} EarlyChatters
 * @typedef {{ source: 'chat-presence', label: string, perMinute: Array<{ minute: number, active: number }>, early: EarlyChatters }} ChatRetention
 *
 * GET /api/analytics (orchestrator/analytics/cross-show.ts).
 * @typedef {object} CrossShowReport
 * @property {string} timezone
 * @property {Array<{ id: string, name: string, startedAt: number | null, runs: number, orders: number, units: number, paid: Record<string, number> }>} shows oldest first
 * @property {ProductAcrossShows | null} bestProduct
 * @property {ProductAcrossShows[]} products
 * @property {Array<Slot<number>>} byHour
 * @property {Array<Slot<string>>} byWeekday
 * @property {Slot<number> | null} bestHour
 * @property {Slot<string> | null} bestWeekday
 * @property {Array<Segment & { showId: string }>} bestSegments
 * @property {Array<{ sku: string, title: string, units: number, mean: number, trend: number, shows: string[], explanation: string }>} forecast
 * @typedef {{ sku: string, title: string, shows: number, units: number, paidUnits: number, unitsPerShow: number, paid: Record<string, number> }} ProductAcrossShows `paid`: cents per currency
 */
/**
 * @template K
 * @typedef {{ key: K, runs: number, units: number, unitsPerRun: number }} Slot
 */

export {};
