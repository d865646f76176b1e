import { describe, expect, it } from 'vitest';
import {
  buttonRows,
  defuseEveryone,
  directFallbackParts,
  escapeName,
  escapeRelayed,
  MAX_LINK_URL,
  messageOptions,
  renderDiscord,
} from '../../bots/discord/discord-render.js';
import type { Outbound, RelayLine } from '../../orchestrator/chat-types.js';

const ZWSP = '\u200b';
const relay = (lines: Array<Omit<RelayLine, 'at'>>, more?: number): Outbound => ({
  priority: 'relay',
  target: { kind: 'broadcast' },
  body: { kind: 'relay', lines: lines.map((l) => ({ ...l, at: 0 })), ...(more !== undefined && { more }) },
});
const text = (t: string): Outbound => ({ priority: 'reply', target: { kind: 'room', platform: 'discord', channelId: '1' }, body: { kind: 'text', text: t } });

describe('Discord rendering', () => {
  it('GIVEN a relayed line with @everyone, a mention and markdown WHEN rendered THEN the tag is bold AND the rest shows as written without pinging', () => {
    const { parts } = renderDiscord(relay([{ platform: 'twitch', author: 'Tess', text: '@everyone look <@123> **bold**' }]), 2000);
    expect(parts).toEqual([`**[Twitch]** Tess: @${ZWSP}everyone look \\<@123\\> \\*\\*bold\\*\\*`]);
  });

  it('GIVEN markup in an author name WHEN relayed THEN it is escaped too', () => {
    expect(renderDiscord(relay([{ platform: 'telegram', author: '__Bo__', text: 'hi' }]), 2000).parts).toEqual(['**[Telegram]** \\_\\_Bo\\_\\_: hi']);
  });

  it('GIVEN role and channel mentions, @here, spoilers, code, links and line starts WHEN escaped THEN none of them becomes markup', () => {
    expect(escapeRelayed('<@&42> <#7> <@!9> @here')).toBe(`\\<@&42\\> \\<\\#7\\> \\<@!9\\> @${ZWSP}here`);
    expect(escapeRelayed('||x|| `y` [z](http://e.x)')).toBe('\\|\\|x\\|\\| \\`y\\` \\[z\\]\\(http://e.x)');
    expect(escapeRelayed('a\n> quote\n# title\n- item\n-# small\n1. first')).toBe('a\n\\> quote\n\\# title\n\\- item\n\\-\\# small\n1\\. first');
    expect(escapeRelayed('</buy:123> <t:1700000000:R> <:pog:42>')).toBe('\\</buy:123\\> \\<t:1700000000:R\\> \\<:pog:42\\>');
    expect(escapeRelayed('see https://shop.example/a_b*c for it')).toBe('see https://shop.example/a_b*c for it');
    expect(escapeRelayed('hi \u202Eevil')).toBe('hi evil');
  });

  it('GIVEN a bot text WHEN rendered THEN its markup stays but @everyone and @here are defused', () => {
    expect(renderDiscord(text('**Mug** is back @everyone'), 2000).parts).toEqual([`**Mug** is back @${ZWSP}everyone`]);
    expect(defuseEveryone('mail me@here.com')).toBe(`mail me@${ZWSP}here.com`);
  });

  it('GIVEN a purchase alert whose buyer is named like a masked link WHEN the name is marked as a viewer value THEN it shows as written and is no link', () => {
    const name = '[Claim_your_prize](https://evil.example/login)';
    const out: Outbound = {
      priority: 'alert',
      target: { kind: 'broadcast' },
      body: { kind: 'text', text: `${name} just bought the **Mug**!`, spans: [{ viewer: name }, ' just bought the **Mug**!'] },
    };
    expect(renderDiscord(out, 2000).parts).toEqual(['\\[Claim\\_your\\_prize\\]\\(https\\:\\/\\/evil\\.example\\/login\\) just bought the **Mug**!']);
  });

  it('GIVEN a name with a pill, a slash command, @everyone and a right-to-left override WHEN escaped as a name THEN none of them is live', () => {
    expect(escapeName('<@&42> </buy:1> @everyone \u202Egnp.exe\n# x')).toBe(`\\<\\@&42\\> \\<\\/buy\\:1\\> \\@${ZWSP}everyone gnp\\.exe \\# x`);
  });

  it('GIVEN an older text with a name quoted verbatim WHEN rendered THEN masked links and pills in it are defused while its bold stays', () => {
    expect(renderDiscord(text('**Top**: [Claim](https://evil.example) <@1> <t:1:R>'), 2000).parts).toEqual([
      '**Top**: \\[Claim](https://evil.example) \\<@1> \\<t:1:R>',
    ]);
  });

  it('GIVEN a text over 2000 characters WHEN rendered THEN it is split into parts of at most 2000 at word boundaries', () => {
    const long = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
    const { parts } = renderDiscord(text(long), 2000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(parts.join(' ')).toBe(long);
  });

  it('GIVEN relay lines that do not all fit WHEN rendered THEN the digest stays within 2000 AND the rest is reported as omitted', () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ platform: 'twitch' as const, author: `viewer${i}`, text: 'x'.repeat(60) }));
    const rendered = renderDiscord(relay(lines, 3), 2000);
    expect(rendered.parts[0]!.length).toBeLessThanOrEqual(2000);
    expect(rendered.parts[0]).toMatch(/^\*\*\[Twitch\]\*\* viewer0: x+ · viewer1: /);
    expect(rendered.parts[0]).toMatch(/\+3 more$/);
    expect(rendered.omitted).toBeGreaterThan(0);
  });

  it('GIVEN a moderation body WHEN rendered THEN there is nothing to write', () => {
    expect(
      renderDiscord(
        { priority: 'moderation', target: { kind: 'broadcast' }, body: { kind: 'moderation', action: { kind: 'delete', channelId: '1', messageId: '2' } } },
        2000,
      ),
    ).toEqual({ parts: [], omitted: 0 });
  });
});

describe('Discord message options', () => {
  it('GIVEN any message WHEN built THEN allowedMentions parses nothing AND the replied user is not pinged', () => {
    expect(messageOptions({ text: 'hi' })).toEqual({ content: 'hi', allowedMentions: { parse: [], repliedUser: false } });
  });

  it('GIVEN a reply WHEN built THEN it references the message without failing if it is gone', () => {
    expect(messageOptions({ text: 'hi', replyToMessageId: '55' }).reply).toEqual({ messageReference: '55', failIfNotExists: false });
  });

  it('GIVEN a direct-message fallback WHEN built THEN only the addressee may be pinged', () => {
    expect(messageOptions({ text: 'hi' }, '77').allowedMentions).toEqual({ parse: [], repliedUser: false, users: ['77'] });
    expect(directFallbackParts('77', 'your code')).toEqual(['<@77> your code']);
    expect(directFallbackParts('77', 'y'.repeat(1990) + ' tail').every((p) => p.length <= 2000)).toBe(true);
  });

  it('GIVEN buttons WHEN built THEN one action row of Primary buttons whose custom id is the command', () => {
    expect(messageOptions({ text: 'Pick', buttons: [{ label: 'Buy a mug', command: '!buy MUG' }] }).components).toEqual([
      { type: 1, components: [{ type: 2, style: 1, customId: '!buy MUG', label: 'Buy a mug' }] },
    ]);
  });

  it('GIVEN twelve poll buttons, a duplicate and a command over 100 characters WHEN built THEN the usable ones fill rows of five', () => {
    const buttons = [
      { label: 'A', command: '!vote 1' },
      { label: 'A again', command: '!vote 1' },
      { label: 'Long', command: `!say ${'x'.repeat(100)}` },
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => ({ label: `V${n}`, command: `!vote ${n}` })),
    ];
    const rows = buttonRows(buttons);
    expect(rows.map((r) => r.components.map((b) => b.customId))).toEqual([
      ['!vote 1', '!vote 2', '!vote 3', '!vote 4', '!vote 5'],
      ['!vote 6', '!vote 7', '!vote 8', '!vote 9', '!vote 10'],
      ['!vote 11', '!vote 12'],
    ]);
    expect(buttonRows([])).toEqual([]);
    expect(buttonRows([{ label: ' ', command: '!help' }])[0]?.components[0]?.label).toBe('!help');
  });
});

describe('Discord links', () => {
  const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };
  const longUrl = `https://shop.example/c/${'a'.repeat(MAX_LINK_URL)}`;

  it('GIVEN a link and buttons WHEN built THEN a Link button with url and label and no custom id has its own first row, before the Primary buttons', () => {
    const options = messageOptions({ text: 'Your cart is ready.', link: pay, buttons: [{ label: 'Help', command: '!help' }] });
    expect(options.content).toBe('Your cart is ready.');
    expect(options.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, url: pay.url, label: 'Pay now' }] },
      { type: 1, components: [{ type: 2, style: 1, customId: '!help', label: 'Help' }] },
    ]);
  });

  it('GIVEN a label over 80 characters and twenty-five buttons WHEN built THEN the label is cut to 80 AND the link and four rows of buttons make Discord’s five', () => {
    const buttons = Array.from({ length: 25 }, (_, i) => ({ label: `V${i}`, command: `!vote ${i}` }));
    const rows = messageOptions({ text: 'Vote', link: { label: 'L'.repeat(100), url: pay.url }, buttons }).components as unknown as Array<{
      components: Array<{ label: string }>;
    }>;
    expect(rows).toHaveLength(5);
    expect(rows[0]!.components[0]!.label).toHaveLength(80);
    expect(rows.slice(1).flatMap((r) => r.components)).toHaveLength(20);
  });

  it('GIVEN a url longer than 512 WHEN built THEN there is no Link button AND the address follows the text on its own line', () => {
    const options = messageOptions({ text: 'Your cart is ready.', link: { label: 'Pay now', url: longUrl } });
    expect(options.components).toBeUndefined();
    expect(options.content).toBe(`Your cart is ready.\n${longUrl}`);
  });

  it('GIVEN a long text with a url too long for a button WHEN rendered and built THEN the last part has room for the address AND every message fits in 2000', () => {
    const out = { ...text(`${'word '.repeat(399)}end`), link: { label: 'Pay', url: longUrl } };
    const { parts } = renderDiscord(out, 2000);
    expect(parts).toHaveLength(2);
    expect(parts.join('')).not.toContain('shop.example');
    const last = messageOptions({ text: parts.at(-1)!, link: out.link });
    expect(last.content!.endsWith(`\n${longUrl}`)).toBe(true);
    expect(last.content!.length).toBeLessThanOrEqual(2000);
    // A part built elsewhere with no room left is shortened, never the address.
    const full = messageOptions({ text: 'z'.repeat(2000), link: out.link }).content!;
    expect(full).toHaveLength(2000);
    expect(full.endsWith(`…\n${longUrl}`)).toBe(true);
  });

  it('GIVEN a refused DM with a long-url link WHEN rewritten for the channel THEN its parts leave room for the address', () => {
    const parts = directFallbackParts('77', 'y'.repeat(1990), 2000, { label: 'Pay', url: longUrl });
    expect(parts.at(-1)!.length + 1 + longUrl.length).toBeLessThanOrEqual(2000);
    expect(directFallbackParts('77', 'short', 2000, pay)).toEqual(['<@77> short']);
  });

  it('GIVEN a javascript: link WHEN built THEN it is neither a button nor text', () => {
    const options = messageOptions({ text: 'hi', link: { label: 'Pay', url: 'javascript:alert(1)' } });
    expect(options).toEqual({ content: 'hi', allowedMentions: { parse: [], repliedUser: false } });
  });
});
