import { describe, expect, it } from 'vitest';
import { checkDetails } from '../../orchestrator/commerce/carts/checkout-details.js';
import { deliveryOptions, shippingFor } from '../../orchestrator/commerce/carts/shipping.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

const SHIPPING = { ship: true, flat: 390, countries: { RU: 390 }, pickup: 'Магазин на Тверской, 1' };

describe('the checkout’s field errors and delivery labels in the show’s language', () => {
  it('GIVEN an empty form WHEN checked for a Russian show THEN each field error is Russian, and English without texts', () => {
    const ru = checkDetails({}, ['ship'], textsFor('ru'));
    const en = checkDetails({}, ['ship']);
    expect(ru.ok || ru.errors).toEqual({
      name: 'Укажите имя.',
      email: 'Укажите email или телефон, чтобы продавец мог с вами связаться.',
      line1: 'Укажите улицу и дом.',
      city: 'Укажите город.',
      postalCode: 'Укажите индекс.',
      country: 'Выберите страну.',
    });
    expect(en.ok || en.errors.name).toBe('Your name, please.');
  });

  it('GIVEN a country the show does not ship to WHEN quoted for a Russian show THEN the reason is Russian and offers pickup', () => {
    const quote = shippingFor(SHIPPING, 2490_00, 'ship', 'DE', 'RUB', textsFor('ru'));
    expect(quote).toEqual({ ok: false, reason: 'Мы не доставляем в DE; выберите самовывоз или напишите продавцу.' });
    expect(shippingFor(SHIPPING, 0, 'ship', 'DE', 'RUB')).toEqual({
      ok: false,
      reason: 'We do not ship to DE; choose pickup or write to the seller.',
    });
  });

  it('GIVEN shipping and pickup WHEN offered THEN the labels follow the language and pickup names its place apart', () => {
    expect(deliveryOptions(SHIPPING, 'RUB', textsFor('ru')).map((o) => [o.label, o.place])).toEqual([
      ['Доставка', undefined],
      ['Самовывоз: Магазин на Тверской, 1', 'Магазин на Тверской, 1'],
    ]);
    expect(deliveryOptions(SHIPPING, 'RUB').map((o) => o.label)).toEqual(['Shipping', 'Pickup: Магазин на Тверской, 1']);
  });
});
