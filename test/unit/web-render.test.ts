import { describe, expect, it } from 'vitest';
import { botLine, renderWeb, type WebPart } from '../../bots/web/web-render.js';
import type { Outbound } from '../../orchestrator/chat-types.js';

const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };
const reply: Outbound = {
  priority: 'reply',
  target: { kind: 'room', platform: 'web', channelId: 'page' },
  body: { kind: 'text', text: 'Your cart is ready.' },
  link: pay,
};

describe('web chat links', () => {
  it('GIVEN a reply with a link WHEN rendered THEN the text stays plain text, without the address', () => {
    const [part] = renderWeb(reply, 500).parts;
    expect(JSON.parse(part!)).toEqual({ kind: 'bot', text: 'Your cart is ready.' });
  });

  it('GIVEN a bot part and its link WHEN made a line THEN the line carries the link for the page to show as a button', () => {
    const part: Extract<WebPart, { kind: 'bot' }> = { kind: 'bot', text: 'Your cart is ready.', replyTo: 'Anna' };
    expect(botLine(part, pay, 'w7', 1000)).toEqual({ kind: 'bot', text: 'Your cart is ready.', replyTo: 'Anna', link: pay, id: 'w7', at: 1000 });
    expect(botLine(part, undefined, 'w8', 1000)).not.toHaveProperty('link');
  });

  it('GIVEN a javascript: or data: link WHEN made a line THEN the line has no link', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'JaVaScRiPt:alert(1)']) {
      expect(botLine({ kind: 'bot', text: 'hi' }, { label: 'x', url }, 'w9', 0)).not.toHaveProperty('link');
    }
  });
});
