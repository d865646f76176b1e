import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../orchestrator/http/admin/order-query.js';
import { csvCell, ordersCsv } from '../../orchestrator/http/admin/orders-csv.js';

const row = (over: Partial<OrderRow>): OrderRow => ({
  id: 'AB12CD34',
  status: 'held',
  placedAt: Date.UTC(2025, 4, 1, 18, 30),
  sku: 'MUG',
  variant: '',
  title: 'Mug',
  qty: 1,
  subtotalCents: 1200,
  discountCents: 0,
  totalCents: 1200,
  currency: 'EUR',
  code: null,
  platform: 'twitch',
  buyer: 'Anna',
  channelId: 'shop',
  holdExpiresAt: null,
  paidAt: null,
  ...over,
});

describe('orders CSV', () => {
  it('GIVEN text with commas, quotes and line breaks WHEN written as a cell THEN it is quoted with doubled quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('GIVEN text that starts like a spreadsheet formula WHEN written THEN it gets a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tTab')).toBe("'\tTab");
    expect(csvCell('Anna=ok')).toBe('Anna=ok');
    expect(csvCell('-1001234')).toBe('-1001234');
  });

  it('GIVEN orders WHEN exported THEN there is a header and one CRLF line per order with money in units', () => {
    const csv = ordersCsv([
      row({ buyer: '=cmd', code: 'HELLO-ABC123', discountCents: 200, totalCents: 1000, status: 'paid', paidAt: Date.UTC(2025, 4, 1, 18, 40) }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('order,placed_at,status,sku,variant,title,qty,subtotal,discount,total,currency,code,platform,buyer,channel,hold_expires_at,paid_at');
    expect(lines[1]).toBe("AB12CD34,2025-05-01T18:30:00.000Z,paid,MUG,,Mug,1,12.00,2.00,10.00,EUR,HELLO-ABC123,twitch,'=cmd,shop,,2025-05-01T18:40:00.000Z");
    expect(lines[2]).toBe('');
  });
});
