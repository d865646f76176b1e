import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../orchestrator/shared/log.js';
import { maskValue, Secrets } from '../../orchestrator/shared/secrets.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

function capture() {
  let out = '';
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      out += chunk.toString();
      done();
    },
  });
  return { destination, text: () => out };
}

describe('secrets never reach the logs', () => {
  it('GIVEN a token read from the environment WHEN a library error quotes it in a URL THEN the log shows it masked', () => {
    const secrets = new Secrets({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(secrets.read('TELEGRAM_BOT_TOKEN')).toBe(TOKEN);
    const { destination, text } = capture();
    const log = createLogger({ secrets, destination, level: 'info' });
    const err = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
    log.error({ err, url: `https://api.telegram.org/bot${TOKEN}/sendMessage` }, `telegram down at bot${TOKEN}`);
    log.info({ token: 'plain-value-by-key', headers: { authorization: 'Bearer abcdefgh' } }, 'redacted by key');
    const written = text();
    expect(written).not.toContain(TOKEN);
    expect(written).toContain(maskValue(TOKEN));
    expect(written).not.toContain('plain-value-by-key');
    expect(written).not.toContain('Bearer abcdefgh');
    expect(written.match(/\[redacted\]/g)).toHaveLength(2);
  });

  it('GIVEN an empty or missing variable WHEN read THEN it counts as unset', () => {
    const secrets = new Secrets({ A: '', B: '   ' });
    expect(secrets.read('A')).toBeUndefined();
    expect(secrets.read('B')).toBeUndefined();
    expect(secrets.read('C')).toBeUndefined();
  });

  it('GIVEN a short secret WHEN masked THEN nothing of it is shown; a long one keeps only its ends', () => {
    expect(maskValue('abcdefgh')).toBe('****');
    expect(maskValue(TOKEN)).toBe('12****aw');
  });
});
