import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.js';
import { interpolateEnv, readScalar } from '../../config/env-interpolation.js';
import { loadShowFile, parseShow } from '../../config/loader.js';
import { COMMAND_NAMES } from '../../orchestrator/features/index.js';

const fixture = (name: string) => `test/fixtures/shows/${name}`;

function problemsOf(file: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    loadShowFile(fixture(file), { env, commands: COMMAND_NAMES });
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  throw new Error(`${file} was accepted`);
}

describe('show file loader', () => {
  it('GIVEN the manual config/shows/demo.yaml, as a seller may have edited it, WHEN loaded THEN it is still a valid show', () => {
    expect(loadShowFile('config/shows/demo.yaml', { env: {}, commands: COMMAND_NAMES }).config.show.id).toEqual(expect.any(String));
  });

  it("GIVEN the tests' copy of the demo show WHEN loaded THEN it is valid and fully typed", () => {
    const { config } = loadShowFile(fixture('demo.yaml'), { env: {} });
    expect(config.show.id).toBe('candle-night');
    expect(config.products.map((p) => p.sku)).toEqual(['VAN', 'CEDAR', 'MATCH']);
    expect(config.checkout?.hold).toBe(15 * 60_000);
    expect(config.channels.twitch?.channels).toEqual(['candleshop']);
    expect(config.channels.telegram?.apiRoot).toBe('https://api.telegram.org');
  });

  it('GIVEN a negative price on the third product WHEN loaded THEN the error names file, line, column and key', () => {
    expect(problemsOf('bad-price.yaml')).toEqual(['test/fixtures/shows/bad-price.yaml:15:12 products[2].price: expected a positive number']);
  });

  it('GIVEN a misspelt key WHEN loaded THEN the error points at the key itself', () => {
    const [problem] = problemsOf('typo-key.yaml');
    expect(problem).toMatch(/^test\/fixtures\/shows\/typo-key\.yaml:8:5 channels\.telegram\.apiRoute: unknown key/);
  });

  it('GIVEN ${VARS} that are not set WHEN loaded THEN each missing variable is named with its place', () => {
    expect(problemsOf('missing-env.yaml')).toEqual([
      'test/fixtures/shows/missing-env.yaml:3:9 show.name: environment variable SHOW_NAME is not set',
      'test/fixtures/shows/missing-env.yaml:5:17 checkout.linkTemplate: environment variable SHOP_API_KEY is not set',
    ]);
  });

  it('GIVEN the variables are set WHEN loaded THEN they are interpolated and secret-looking values are reported for masking', () => {
    const loaded = loadShowFile(fixture('missing-env.yaml'), { env: { SHOW_NAME: 'Env show', SHOP_API_KEY: 'k-123456789' } });
    expect(loaded.config.show.name).toBe('Env show');
    expect(loaded.config.checkout?.linkTemplate).toBe('https://pay.example/{order}?k=k-123456789');
    expect(loaded.secrets).toEqual(['k-123456789']);
  });

  it('GIVEN broken YAML WHEN loaded THEN the parser error has a line and column', () => {
    const [problem] = problemsOf('syntax-error.yaml');
    expect(problem).toMatch(/^test\/fixtures\/shows\/syntax-error\.yaml:\d+:\d+ /);
  });

  it('GIVEN references to things that do not exist WHEN loaded THEN every one is reported at its place', () => {
    expect(problemsOf('bad-references.yaml')).toEqual([
      'test/fixtures/shows/bad-references.yaml:9:11 featured: unknown SKU "CUP" (not in products)',
      'test/fixtures/shows/bad-references.yaml:12:11 commands.aliases.buy[0]: "help" is already the command !help',
      'test/fixtures/shows/bad-references.yaml:17:7 engagement.polls[0].options: a poll needs 2 to 12 options',
    ]);
  });

  it('GIVEN a Discord id written as a bare number WHEN loaded THEN every digit is kept, as text', () => {
    const { config } = loadShowFile(fixture('discord-number-id.yaml'), { env: {} });
    expect(config.channels.discord?.channels).toEqual(['112233445566778899']);
  });

  it('GIVEN 19-digit Discord ids, bare and quoted, in channels, roles and supporters WHEN parsed THEN each is the exact id', () => {
    const src = `show: {id: x, name: X}
channels:
  discord:
    channels: [1234567890123456789, "1234567890123456780"]
    moderatorRoles:
      - 9876543210987654321
supporters:
  - { discordRoles: [1111111111111111111], discount: { percent: 5 } }
`;
    const { config } = parseShow(src, 'ids.yaml', {});
    expect(config.channels.discord?.channels).toEqual(['1234567890123456789', '1234567890123456780']);
    expect(config.channels.discord?.moderatorRoles).toEqual(['9876543210987654321']);
    expect(config.supporters[0]?.discordRoles).toEqual(['1111111111111111111']);
  });

  it('GIVEN a long number where a number is wanted WHEN parsed THEN it is refused as too large, not silently rounded', () => {
    expect(() => parseShow('show: {id: x, name: X}\nserver:\n  port: 12345678901234567890\n', 'big.yaml', {})).toThrow(
      'big.yaml:3:9 server.port: 12345678901234567890 is too large a number here; check the figure',
    );
  });

  it('GIVEN a file that does not exist WHEN loaded THEN the error says so with its name', () => {
    expect(problemsOf('nope.yaml')).toEqual(['test/fixtures/shows/nope.yaml:0:0 file not found']);
  });

  it('GIVEN a product with neither stock nor variants WHEN parsed THEN the missing stock is reported', () => {
    const src = 'show: {id: x, name: X}\nproducts:\n  - {sku: A, title: A, price: 1}\n';
    expect(() => parseShow(src, 'inline.yaml', {})).toThrow('inline.yaml:3:5 products[0].stock: give stock, or variants with their own stock');
  });

  it('GIVEN a required key is missing WHEN parsed THEN it is reported as required at its parent', () => {
    expect(() => parseShow('show:\n  id: x\n', 'inline.yaml', {})).toThrow(/inline\.yaml:2:3 show\.name: is required/);
  });

  it('GIVEN an overlay alert sound WHEN parsed THEN an http(s) URL or a path on this server is kept and anything else is refused at its place', () => {
    const sound = (value: string) => parseShow(`show: {id: x, name: X}\noverlay:\n  alertSound: "${value}"\n`, 'inline.yaml', {}).config.overlay.alertSound;
    expect(sound('https://cdn.example.com/chime.mp3')).toBe('https://cdn.example.com/chime.mp3');
    expect(sound('/sounds/chime.mp3')).toBe('/sounds/chime.mp3');
    expect(parseShow('show: {id: x, name: X}\n', 'inline.yaml', {}).config.overlay.alertSound).toBeUndefined();
    for (const bad of ['ftp://host/chime.mp3', '//evil.example/chime.mp3', 'chime.mp3', '/sounds/../admin-token', 'javascript:alert(1)']) {
      expect(() => sound(bad), bad).toThrow(/inline\.yaml:3:\d+ overlay\.alertSound: expected/);
    }
  });
});

describe('environment interpolation', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x', []],
    ['pre-${A}-post', { A: 'x' }, 'pre-x-post', []],
    ['${A:-fallback}', {}, 'fallback', []],
    ['${A:-}', {}, '', []],
    ['${A}${B}', { A: '1' }, '1', ['B']],
    ['$${A} stays', { A: 'x' }, '${A} stays', []],
    ['no placeholders', {}, 'no placeholders', []],
  ])('GIVEN %j WHEN interpolated THEN it reads %j', (text, env, value, missing) => {
    const out = interpolateEnv(text, env);
    expect(out.value).toBe(value);
    expect(out.missing).toEqual(missing);
  });
});

describe('environment values of every type', () => {
  it.each([
    ['443', 443],
    ['12.5', 12.5],
    ['true', true],
    ['false', false],
    ['1234567890123456789', '1234567890123456789'],
    ['-1001234567890', -1001234567890],
    ['candles', 'candles'],
    ['', ''],
    ['null', 'null'],
  ])('GIVEN a whole ${VAR} that gives %j WHEN read THEN it is %j', (text, value) => {
    expect(readScalar(text)).toBe(value);
  });

  const show = `show: { id: x, name: "\${SHOW_NAME:-Candle night}" }
server:
  port: \${PORT:-443}
channels:
  twitch:
    username: candlebot
    channels: [candleshop]
    secure: \${TWITCH_TLS:-true}
    moderator: "\${TWITCH_MOD:-false}"
  discord:
    channels:
      - \${DISCORD_CHANNEL}
  telegram:
    chats: [{ id: "\${TG_CHAT}" }]
checkout:
  linkTemplate: "https://pay.example/{order}"
  hold: \${HOLD:-600}
`;
  const env = { DISCORD_CHANNEL: '1234567890123456789', TG_CHAT: '-1001234567890' };

  it('GIVEN ${VAR:-443} for a port and ${VAR:-true} for a switch WHEN loaded THEN they are a number and a boolean, as if written bare', () => {
    const { config } = parseShow(show, 'env.yaml', { ...env, PORT: '8443', TWITCH_TLS: 'false' });
    expect(config.server.port).toBe(8443);
    expect(config.channels.twitch?.secure).toBe(false);
    expect(config.channels.twitch?.moderator).toBe(false);
    expect(config.checkout?.hold).toBe(600_000);
    expect(parseShow(show, 'env.yaml', env).config.server.port).toBe(443);
  });

  it('GIVEN digits in variables for text and ids WHEN loaded THEN they stay the exact text', () => {
    const { config } = parseShow(show, 'env.yaml', { ...env, SHOW_NAME: '2026' });
    expect(config.show.name).toBe('2026');
    expect(config.channels.discord?.channels).toEqual(['1234567890123456789']);
    expect(config.channels.telegram?.chats[0]?.id).toBe('-1001234567890');
  });

  it('GIVEN a variable that is not a number where a number is wanted WHEN loaded THEN the error names the key', () => {
    expect(() => parseShow(show, 'env.yaml', { ...env, PORT: 'https' })).toThrow(
      /^env\.yaml:3:9 server\.port: expected a number, got the text "https" \(the value comes from \$\{PORT\}\)$/,
    );
  });
});

describe('duration defaults', () => {
  it('GIVEN a show that leaves durations out WHEN parsed THEN the defaults are the documented minutes, in ms', () => {
    const { config } = parseShow(
      'show: {id: d, name: D}\ncheckout: {linkTemplate: "https://p.example/{order}"}\npromotions:\n  unlocks: [{id: u, keyword: go, goal: 3, discount: {percent: 5}}]\n',
      'd.yaml',
      {},
    );
    expect(config.checkout?.hold).toBe(15 * 60_000);
    expect(config.checkout?.remindBefore).toBe(5 * 60_000);
    expect(config.alerts.mergeWithin).toBe(5000);
    expect(config.media.reconnectGrace).toBe(30_000);
    expect(config.promotions.unlocks[0]?.window).toBe(15 * 60_000);
    expect(config.promotions.unlocks[0]?.valid).toBe(30 * 60_000);
  });

  it('GIVEN aliases and disabled commands naming commands showcart does not have WHEN loaded THEN each is reported at its place with the nearest name', () => {
    const source = `show: { id: t, name: T }\ncommands:\n  aliases:\n    biy: [kaufen]\n  disabled: [tpi]\n`;
    let problems: string[] = [];
    try {
      parseShow(source, 'named.yaml', {}, { commands: COMMAND_NAMES });
    } catch (err) {
      if (err instanceof ConfigError) problems = err.message.split('\n');
    }
    expect(problems).toEqual([
      expect.stringMatching(/^named\.yaml:4:5 commands\.aliases\.biy: unknown command "biy"; did you mean buy\? Commands: .*\bvote\b/),
      expect.stringMatching(/^named\.yaml:5:14 commands\.disabled\[0\]: unknown command "tpi"; did you mean (tip|top)\?/),
    ]);
  });
});
