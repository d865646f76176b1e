import { describe, expect, it } from 'vitest';
import { buyCommand, parseClientMessage } from '../../bots/web/web-protocol.js';

const buy = (fields: Record<string, unknown>) => parseClientMessage(JSON.stringify({ type: 'buy', ...fields }));

describe('the Buy button message of the web chat', () => {
  it('GIVEN a Buy press WHEN it is read THEN it becomes exactly the !buy line a viewer would type', () => {
    const withVariant = buy({ sku: 'VAN', variant: 'S', qty: 2 });
    expect(withVariant).toEqual({ type: 'buy', sku: 'VAN', variant: 'S', qty: 2 });
    expect(buyCommand(withVariant as never)).toBe('!buy VAN S 2');
    expect(buyCommand(buy({ sku: 'MUG', variant: '', qty: 1 }) as never)).toBe('!buy MUG 1');
    expect(buy({ sku: 'TEE-1.b', variant: 'Größe', qty: 99 })).toMatchObject({ variant: 'Größe' });
  });

  it('GIVEN hostile fields WHEN they are read THEN the message is refused, so no other command or text can ride on it', () => {
    for (const fields of [
      { sku: 'VAN S', qty: 1 },
      { sku: 'VAN\n!code', qty: 1 },
      { sku: '', qty: 1 },
      { sku: 'A'.repeat(41), qty: 1 },
      { sku: 'VAN', variant: 'S 2', qty: 1 },
      { sku: 'VAN', variant: 'S\u202e', qty: 1 },
      { sku: 'VAN', variant: '!code', qty: 1 },
      { sku: 'VAN', variant: 7, qty: 1 },
      { sku: 'VAN', qty: 0 },
      { sku: 'VAN', qty: 100 },
      { sku: 'VAN', qty: 1.5 },
      { sku: 'VAN', qty: '1' },
      { sku: ['VAN'], qty: 1 },
      {},
    ]) {
      expect(buy(fields), JSON.stringify(fields)).toBeUndefined();
    }
  });

  it('GIVEN a watch message WHEN it is read THEN it carries at most an invite', () => {
    expect(parseClientMessage('{"type":"watch"}')).toEqual({ type: 'watch' });
    expect(parseClientMessage('{"type":"watch","invite":"x","name":"Eve"}')).toEqual({ type: 'watch', invite: 'x' });
  });
});
