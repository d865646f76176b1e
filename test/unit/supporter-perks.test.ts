import { describe, expect, it } from 'vitest';
import type { Buyer } from '../../orchestrator/commerce/order-types.js';
import { supporterDiscounts } from '../../orchestrator/commerce/supporter-perks.js';
import { testConfig } from '../support/test-show.js';

const perks = supporterDiscounts(
  testConfig(`supporters:
  - { role: subscriber, discount: { percent: 5 } }
  - { discordRoles: ["123456789012345678"], discount: { percent: 12 } }
  - { telegramChats: [-100777], discount: { amount: 3 } }`),
);
const buyer = (b: Partial<Buyer>): Buyer => ({ viewerId: 1, identityId: 1, platform: 'twitch', userId: 'u', name: 'N', channelId: 'c', ...b });

describe('supporter perks', () => {
  it.each([
    ['a Twitch subscriber', buyer({ roles: ['subscriber'] }), { percent: 5 }],
    ['a Discord member with the listed role', buyer({ platform: 'discord', platformRoles: ['123456789012345678'] }), { percent: 12 }],
    [
      'a subscriber with the Discord role too (best wins)',
      buyer({ platform: 'discord', roles: ['subscriber'], platformRoles: ['123456789012345678'] }),
      { percent: 12 },
    ],
    ['someone writing in the listed Telegram chat', buyer({ platform: 'telegram', channelId: '-100777' }), { amountCents: 300 }],
    ['someone in another Telegram chat', buyer({ platform: 'telegram', channelId: '-100888' }), undefined],
    ['a plain viewer', buyer({}), undefined],
  ])('GIVEN %s WHEN they buy THEN the perk is %j', (_who, b, expected) => {
    expect(perks(b)).toEqual(expected);
  });
});
