import { describe, expect, it } from 'vitest';
import { chatFallback } from '../../bots/telegram/telegram-dm-fallback.js';
import { directFallback, escapeHtml, inlineKeyboard, linkTail, renderTelegram, splitEscaped, takesUrlButton } from '../../bots/telegram/telegram-render.js';
import { addresseeOf, Speakers } from '../../bots/telegram/telegram-mentions.js';
import type { Outbound } from '../../orchestrator/chat-types.js';

const room = { kind: 'room', platform: 'telegram', channelId: '-100' } as const;
const text = (t: string): Outbound => ({ priority: 'reply', target: room, body: { kind: 'text', text: t } });

describe('rendering Telegram HTML', () => {
  it('GIVEN the reserved characters WHEN escaped THEN & < > become entities and quotes stay', () => {
    expect(escapeHtml(`Tom & <Jerry> "ok"`)).toBe('Tom &amp; &lt;Jerry&gt; "ok"');
  });

  it('GIVEN relay lines with markup WHEN rendered THEN the origin tag is bold and author and text are escaped', () => {
    const out = renderTelegram(
      {
        priority: 'relay',
        target: room,
        body: {
          kind: 'relay',
          lines: [
            { platform: 'twitch', author: '<Alice>', text: 'a & b', at: 0 },
            { platform: 'twitch', author: 'Bob', text: '<i>x</i>', at: 0 },
          ],
          more: 3,
        },
      },
      4096,
    );
    expect(out).toEqual({ parts: ['<b>[Twitch]</b> &lt;Alice&gt;: a &amp; b · Bob: &lt;i&gt;x&lt;/i&gt; · +3 more'], omitted: 0 });
  });

  it('GIVEN a relayed @mention WHEN rendered THEN it reads the same but is no longer a mention', () => {
    const out = renderTelegram(
      {
        priority: 'relay',
        target: room,
        body: { kind: 'relay', lines: [{ platform: 'discord', author: '@everyone', text: 'ping @alice_99 and mail a@b.c', at: 0 }] },
      },
      4096,
    );
    expect(out.parts[0]).toBe('<b>[Discord]</b> @\u2060everyone: ping @\u2060alice_99 and mail a@\u2060b.c');
  });

  it('GIVEN a viewer value in our text WHEN rendered THEN it is escaped, pings nobody and links nowhere, while our own /commands stay tappable', () => {
    const name = '<b>@alice</b> https://evil.example \u202Ex';
    const out: Outbound = { ...text(''), body: { kind: 'text', text: '', spans: ['Thanks ', { viewer: name }, '! Type /help'] } };
    expect(renderTelegram(out, 4096).parts).toEqual([
      'Thanks &lt;b&gt;@\u2060alice&lt;/\u2060b&gt; https:\u2060/\u2060/\u2060evil.\u2060example x! Type /help',
    ]);
  });

  it('GIVEN a relayed "/ban" WHEN rendered THEN it is no tappable bot command, but a link path stays whole', () => {
    const out = renderTelegram(
      {
        priority: 'relay',
        target: room,
        body: { kind: 'relay', lines: [{ platform: 'twitch', author: 'Al', text: '/ban me, see https://shop.example/a/b', at: 0 }] },
      },
      4096,
    );
    expect(out.parts).toEqual(['<b>[Twitch]</b> Al: /\u2060ban me, see https://shop.example/a/b']);
  });

  it('GIVEN a reply under 4096 characters that grows past it once escaped WHEN rendered THEN it is split so every escaped part is at most 4096 and nothing is lost', () => {
    const plain = Array.from({ length: 900 }, () => 'R&D').join(' ');
    const { parts } = renderTelegram(text(plain), 4096);
    expect(plain.length).toBeLessThan(4096);
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    const back = parts.map((p) => p.replace(/&amp;/g, '&')).join(' ');
    expect(back).toBe(plain);
  });

  it('GIVEN a long run of "&" with no spaces WHEN split THEN no part ends inside an entity', () => {
    const parts = splitEscaped('&'.repeat(2000), 4096);
    expect(parts.map((p) => p.length)).toEqual([4095, 4095, 1810]);
    for (const p of parts) expect(p).toMatch(/^(&amp;)+$/);
  });

  it('GIVEN emoji at the cut WHEN split THEN a surrogate pair is never torn apart', () => {
    const parts = splitEscaped('a' + '😀'.repeat(10), 6);
    expect(parts).toEqual(['a😀😀', '😀😀😀', '😀😀😀', '😀😀']);
    for (const p of parts) expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('GIVEN one relay line longer than the limit WHEN trimmed THEN the cut never leaves half an entity', () => {
    const line = { platform: 'twitch' as const, author: 'Al', text: '&'.repeat(100), at: 0 };
    for (const max of [40, 41, 42, 43, 44]) {
      const [part] = renderTelegram({ priority: 'relay', target: room, body: { kind: 'relay', lines: [line] } }, max).parts;
      expect(part!.length).toBeLessThanOrEqual(max);
      expect(part).toMatch(/^<b>\[Twitch\]<\/b> Al: (&amp;)*…$/);
    }
  });

  it('GIVEN buttons WHEN turned into an inline keyboard THEN three go to a row and commands over 64 bytes are left out', () => {
    const rows = inlineKeyboard([
      { label: 'S', command: '/buy TEE S' },
      { label: 'M', command: '/buy TEE M' },
      { label: 'L', command: '/buy TEE L' },
      { label: 'XL', command: '/buy TEE XL' },
      { label: 'Too long', command: `/buy ${'é'.repeat(30)}` },
    ]);
    expect(rows).toEqual([
      [
        { text: 'S', callback_data: '/buy TEE S' },
        { text: 'M', callback_data: '/buy TEE M' },
        { text: 'L', callback_data: '/buy TEE L' },
      ],
      [{ text: 'XL', callback_data: '/buy TEE XL' }],
    ]);
  });

  it('GIVEN a private reply that must go public WHEN rewritten THEN it mentions the viewer by id with an escaped name and hints to start the bot', () => {
    expect(directFallback('Your code: 42', { id: '4242', name: 'A<b>' }, 'shop_bot', 4096)).toEqual([
      '<a href="tg://user?id=4242">A&lt;b&gt;</a>, Your code: 42\n<i>I could not write to you privately: open @shop_bot and press Start, then ask again.</i>',
    ]);
    const long = 'x'.repeat(4090);
    const parts = directFallback(long, { id: '4242' }, 'shop_bot', 4096);
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe(long);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
  });
});

describe('Telegram links', () => {
  const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd?x=1&y=2' };

  it('GIVEN a link and buttons WHEN turned into an inline keyboard THEN the link is a URL button alone in the first row, before the commands', () => {
    expect(inlineKeyboard([{ label: 'Help', command: '/help' }], pay)).toEqual([
      [{ text: 'Pay now', url: pay.url }],
      [{ text: 'Help', callback_data: '/help' }],
    ]);
    expect(inlineKeyboard([], pay)).toEqual([[{ text: 'Pay now', url: pay.url }]]);
  });

  it('GIVEN a host with a dot or without one WHEN asked THEN only the first can be a URL button (Telegram refuses localhost)', () => {
    expect(takesUrlButton(pay.url)).toBe(true);
    expect(takesUrlButton('http://localhost:3000/c/AbCd')).toBe(false);
  });

  it('GIVEN a long text with a link WHEN rendered THEN the address is in no part AND the last part has room for it, escaped', () => {
    const out: Outbound = { ...text(`${'word '.repeat(818)}end`), link: pay };
    const { parts } = renderTelegram(out, 4096);
    expect(parts).toHaveLength(2);
    expect(parts.join('')).not.toContain('shop.example');
    expect(parts.at(-1)!.length + linkTail(pay).length).toBeLessThanOrEqual(4096);
    expect(linkTail(pay)).toBe('\nhttps://shop.example/c/AbCd?x=1&amp;y=2');
    expect(renderTelegram({ ...text('Pay within 20 min.'), link: pay }, 4096).parts).toEqual(['Pay within 20 min.']);
  });

  it('GIVEN a private message with a link refused WHEN rewritten for the group THEN the last part keeps the link and the buttons, with room for the address', () => {
    const request = {
      channelId: '-100',
      userId: '4242',
      text: 'y'.repeat(4000),
      priority: 'reply' as const,
      buttons: [{ label: 'Help', command: '/help' }],
      link: pay,
    };
    const parts = chatFallback(request, 'Alice', 'shop_bot', 4096);
    expect(parts).toHaveLength(2);
    expect(parts[0]).not.toHaveProperty('link');
    expect(parts[1]).toMatchObject({ text: request.text, link: pay, buttons: request.buttons });
    const short = chatFallback({ ...request, text: 'Your cart is ready.' }, 'Alice', 'shop_bot', 4096);
    expect(short).toHaveLength(1);
    expect(short[0]!.link).toEqual(pay);
    expect(short[0]!.text.length + linkTail(pay).length).toBeLessThanOrEqual(4096);
  });

  it('GIVEN a secret with a link refused privately WHEN rewritten for the group THEN neither the text nor the link goes there', () => {
    const [hint, ...rest] = chatFallback(
      { channelId: '-100', userId: '4242', text: 'code 1', priority: 'reply', secret: true, link: pay },
      'Alice',
      'shop_bot',
      4096,
    );
    expect(rest).toEqual([]);
    expect(hint).not.toHaveProperty('link');
    expect(hint!.text).not.toContain('code 1');
  });
});

describe('Telegram mentions of the viewer a message speaks to', () => {
  const warning: Outbound = {
    priority: 'moderation',
    target: room,
    body: { kind: 'text', text: 'Ann <3, no links here please (1/3)', spans: [{ viewer: 'Ann <3' }, ', no links here please (1/3)'] },
  };

  it('GIVEN a moderation notice and the id of the viewer it names WHEN rendered THEN the name is a tg://user link, escaped inside', () => {
    expect(renderTelegram(warning, 4096, { name: 'Ann <3', userId: '77' }).parts).toEqual([
      '<a href="tg://user?id=77">Ann &lt;3</a>, no links here please (1/3)',
    ]);
  });

  it('GIVEN no known id WHEN rendered THEN the name stays plain text', () => {
    expect(renderTelegram(warning, 4096).parts).toEqual(['Ann &lt;3, no links here please (1/3)']);
  });

  it('GIVEN a viewer name with the private marks the renderer uses WHEN rendered THEN they are dropped and only the addressee is linked, once', () => {
    const out: Outbound = {
      priority: 'reply',
      target: room,
      replyTo: { userName: 'Bo' },
      body: { kind: 'text', text: '', spans: [{ viewer: 'Bo' }, ', ', { viewer: '\uE000x\uE001' }, ' and ', { viewer: 'Bo' }] },
    };
    expect(renderTelegram(out, 4096, { name: 'Bo', userId: '5' }).parts).toEqual(['<a href="tg://user?id=5">Bo</a>, x and Bo']);
  });

  it('GIVEN who spoke in which chat WHEN a notice or reply is addressed THEN the one speaker of that name is found, and a shared name finds nobody', () => {
    const speakers = new Speakers();
    speakers.heard('-100', '77', 'Ann');
    speakers.heard('-100', '78', 'Max');
    speakers.heard('-100', '79', 'Max');
    expect(speakers.idOf('-100', 'Ann')).toBe('77');
    expect(speakers.idOf('-200', 'Ann')).toBeUndefined();
    expect(speakers.idOf('-100', 'Max')).toBeUndefined();
    expect(addresseeOf({ ...warning, body: { kind: 'text', text: 'x', spans: [{ viewer: 'Ann' }, ', x'] } })).toBe('Ann');
    expect(addresseeOf({ ...text('🛍️ Ann just bought'), priority: 'alert' })).toBeUndefined();
    expect(addresseeOf({ ...text('Mug: €12'), replyTo: { userName: 'Ann', messageId: '1' } })).toBe('Ann');
  });
});
