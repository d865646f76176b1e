import { describe, expect, it } from 'vitest';
import { ModerationConfig } from '../../config/schema/engagement.js';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { stepFor, stepOutbounds, stepText, Strikes } from '../../orchestrator/features/moderation/escalation.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';
import { LineHistory } from '../../orchestrator/features/moderation/history.js';
import { Permits } from '../../orchestrator/features/moderation/permits.js';

const event: ChatEvent = {
  platform: 'twitch',
  channelId: 'candleshop',
  messageId: 'm-1',
  user: { id: '5001', name: 'Spammy', roles: [] },
  text: 'spam.example',
  receivedAt: 0,
};
const link = { rule: 'link' as const, reason: 'link to spam.example' };
const en = textsFor('en');
const ru = textsFor('ru');

describe('moderation escalation', () => {
  it('GIVEN strikes WHEN they come within and outside the window THEN only those within count', () => {
    const strikes = new Strikes(60_000);
    expect(strikes.add(1, 0)).toBe(1);
    expect(strikes.add(1, 10_000)).toBe(2);
    expect(strikes.add(2, 10_000)).toBe(1);
    expect(strikes.add(1, 65_000)).toBe(2);
    expect(strikes.add(1, 200_000)).toBe(1);
  });

  it('GIVEN steps warn, delete, timeout WHEN strikes go on THEN each takes its step and the last repeats', () => {
    const steps = ['warn', 'delete', 'timeout'] as const;
    expect([1, 2, 3, 4, 9].map((n) => stepFor(n, steps))).toEqual(['warn', 'delete', 'timeout', 'timeout', 'timeout']);
    expect(stepFor(5, ['delete'])).toBe('delete');
  });

  it('GIVEN a first strike WHEN warned THEN the room gets a moderation-priority line naming the viewer and the rule', () => {
    const config = ModerationConfig.parse({}).escalation;
    expect(stepOutbounds(en, 'warn', event, link, 1, config)).toEqual([
      {
        priority: 'moderation',
        target: { kind: 'room', platform: 'twitch', channelId: 'candleshop' },
        body: { kind: 'text', text: 'Spammy, no links here please (1/3)', spans: [{ viewer: 'Spammy' }, ', no links here please (1/3)'] },
      },
    ]);
    expect(stepText(en, 'warn', 'Spammy', link, 7, config).text).toBe('Spammy, no links here please (3/3)');
    expect(stepText(ru, 'warn', 'Спамми', link, 1, config).text).toBe('Спамми, пожалуйста, без ссылок (1/3)');
  });

  it('GIVEN delete and timeout steps WHEN taken THEN the message is deleted, a timeout adds the configured seconds, and the room is told', () => {
    const config = ModerationConfig.parse({ escalation: { timeout: '2m' } }).escalation;
    const del = { kind: 'delete', channelId: 'candleshop', messageId: 'm-1' };
    const deleted = stepOutbounds(en, 'delete', event, link, 2, config).map((o) => o.body);
    expect(deleted[0]).toEqual({ kind: 'moderation', action: del });
    expect(deleted[1]).toMatchObject({ kind: 'text', text: 'Spammy, I removed that message: no links here please (2/3)' });
    const bodies = stepOutbounds(en, 'timeout', event, link, 3, config).map((o) => o.body);
    expect(bodies.at(-1)).toMatchObject({ kind: 'text', text: 'Spammy, timed out for 2 min: no links here please (3/3)' });
    expect(bodies.slice(0, 2)).toEqual([
      { kind: 'moderation', action: del },
      {
        kind: 'moderation',
        action: {
          kind: 'timeout',
          channelId: 'candleshop',
          userId: '5001',
          userName: 'Spammy',
          seconds: 120,
          reason: 'showcart chat rules: no links here please',
        },
      },
    ]);
  });
});

describe('moderation history and permits', () => {
  it('GIVEN lines of two viewers WHEN recorded THEN each sees only their own lines within the window', () => {
    const h = new LineHistory(10_000);
    h.record(1, { at: 0, key: 'a' });
    h.record(2, { at: 1000, key: 'x' });
    expect(h.record(1, { at: 5000, key: 'b' }).map((l) => l.key)).toEqual(['a', 'b']);
    expect(h.record(1, { at: 12_000, key: 'c' }).map((l) => l.key)).toEqual(['b', 'c']);
  });

  it('GIVEN a viewer who went quiet WHEN time passes THEN their history is forgotten', () => {
    const h = new LineHistory(10_000);
    h.record(1, { at: 0, key: 'a' });
    h.record(2, { at: 30_000, key: 'b' });
    expect(h.size).toBe(1);
  });

  it('GIVEN a permit WHEN the viewer is named in another case or with @ THEN it works once, on that platform, within its time', () => {
    const p = new Permits(60_000);
    p.grant('twitch', '@tom', 0);
    expect(p.take('discord', ['Tom'], 1)).toBe(false);
    expect(p.take('twitch', ['TOM'], 1)).toBe(true);
    expect(p.take('twitch', ['Tom'], 2)).toBe(false);
    p.grant('twitch', 'Tom', 0);
    expect(p.take('twitch', ['tom'], 60_001)).toBe(false);
  });
});
