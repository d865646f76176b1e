import { describe, expect, it } from 'vitest';
import { mayModerate, ModeratorStatus, notModeratorWarning } from '../../bots/twitch/twitch-mod-status.js';

describe('the Twitch bot’s own moderator status', () => {
  it.each([
    [{ badges: 'moderator/1' }, true],
    [{ badges: 'broadcaster/1,subscriber/0' }, true],
    [{ badges: { moderator: '1' } }, true],
    [{ badges: '', 'user-type': 'mod' }, true],
    [{ badges: '', mod: '1' }, true],
    [{ badges: 'subscriber/12', mod: '0', 'user-type': '' }, false],
    [{}, false],
  ])('GIVEN USERSTATE tags %j WHEN read THEN may moderate is %s', (tags, may) => {
    expect(mayModerate(tags)).toBe(may);
  });

  it('GIVEN USERSTATE of two channels WHEN one says no moderator THEN only that one is reported, and a channel not heard from is not', () => {
    const status = new ModeratorStatus();
    status.heard({ command: 'USERSTATE', params: ['#candleshop'], tags: { badges: '' } });
    status.heard({ command: 'USERSTATE', params: ['#mugs'], tags: { badges: 'moderator/1' } });
    status.heard({ command: 'PRIVMSG', params: ['#mugs'], tags: { badges: '' } });
    expect(status.notModeratorIn(['candleshop', 'mugs', 'unheard'])).toEqual(['candleshop']);
    status.heard({ command: 'USERSTATE', params: ['#candleshop'], tags: { badges: 'moderator/1' } });
    expect(status.notModeratorIn(['candleshop', 'mugs'])).toEqual([]);
  });

  it('GIVEN a bot the show file calls a moderator WHEN it is none THEN the warning also says its pace is wrong', () => {
    expect(notModeratorWarning(['candleshop'], 'showcartbot', false)).toBe(
      'not a moderator in #candleshop: Twitch refuses its deletes and timeouts (type /mod showcartbot there)',
    );
    expect(notModeratorWarning(['a', 'b'], 'bot', true)).toContain('#a, #b');
    expect(notModeratorWarning(['a'], 'bot', true)).toContain('20 lines per 30 s');
  });
});
