import type { CheckoutConfig } from '../../../config/schema/checkout.js';
import type { ShowConfig } from '../../../config/schema/index.js';
import { textsFor } from '../../i18n/texts.js';
import type { PaymentDesk } from '../../payment-desk.js';
import type { Secrets } from '../../shared/secrets.js';
import { builtinProvider } from './builtin-provider.js';
import type { PaymentProvider, ProviderName } from './provider.js';
import { stripeProvider } from './stripe-provider.js';
import { telegramProvider } from './telegram-provider.js';
import { webhookProvider } from './webhook-provider.js';
import { yookassaProvider } from './yookassa-provider.js';

/**
 * Every provider showcart knows, made once at start with the secrets the show file names (a
 * change of secret variables needs a restart, like a bot token). Which of them a buyer is offered
 * is the show file's choice, read per checkout.
 */
export function paymentProviders(
  config: ShowConfig,
  secrets: Secrets,
  checkout: () => CheckoutConfig | undefined,
  /** The Telegram bot's payments once it runs (Telegram invoices). */
  telegramDesk: () => PaymentDesk | undefined = () => undefined,
): Map<ProviderName, PaymentProvider> {
  const providers = new Map<ProviderName, PaymentProvider>();
  const c = config.checkout;
  providers.set('builtin', builtinProvider(checkout));
  const secretEnv = c?.paymentSecretEnv ?? 'SHOWCART_PAYMENT_SECRET';
  providers.set('webhook', webhookProvider(checkout, secretEnv, secrets.read(secretEnv)));
  if (c) providers.set('stripe', stripeProvider(c.stripe, secrets));
  providers.set('yookassa', yookassaProvider(config, secrets, checkout));
  const telegramTokenEnv = c?.telegram.providerTokenEnv ?? 'TELEGRAM_PAYMENT_TOKEN';
  providers.set(
    'telegram',
    telegramProvider({
      tokenEnv: telegramTokenEnv,
      token: secrets.read(telegramTokenEnv),
      desk: telegramDesk,
      shopName: () => config.show.name,
      texts: () => textsFor(config.show.language),
    }),
  );
  return providers;
}
