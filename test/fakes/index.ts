/**
 * Local fakes of the chat platforms, spoken to over the wire by the real
 * client libraries (telegraf, tmi.js, discord.js). Node builtins and `ws`
 * only, so tests and benchmarks can use them without the app.
 */
export {
  FakeTelegram,
  type FakeTelegramOptions,
  type TelegramCall,
  type TelegramFailure,
  type TgUser,
  type TgUpdate,
  type TgInvoice,
  type TgPayment,
  type TgPreCheckoutAnswer,
} from './fake-telegram.js';
export { FakeTwitch, type FakeTwitchOptions, type TwitchEvent, type TwitchUser, type TwitchBadges, type HelixEvent } from './fake-twitch.js';
export {
  FakeDiscord,
  Intents,
  type FakeDiscordOptions,
  type DiscordCall,
  type DiscordFailure,
  type DiscordGuildInput,
  type DiscordModeration,
  type DiscordUserInput,
} from './fake-discord.js';
export { FaultSwitch, type FakeFault } from './faults.js';
export { FakeYooKassa, type FakeYooKassaOptions, type YooKassaFault, type YooKassaPaymentObject, type YooKassaRequest } from './fake-yookassa.js';
export { FakeStripe, type FakeStripeOptions, type FakeSession, type StripeEventBody, type StripeFault, type StripeRequest } from './fake-stripe.js';
