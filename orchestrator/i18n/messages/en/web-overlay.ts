/** The OBS overlay (web/overlay): card headings and labels; prices arrive formatted from the server. */
export const webOverlay = {
  'web.overlay.pageTitle': 'Overlay · showcart',
  'web.overlay.poll': 'Poll',
  'web.overlay.voteHint': '!vote 1–{count} · ',
  'web.overlay.result': 'Result · {n} votes',
  'web.overlay.unlock': 'Unlock',
  'web.overlay.unlockedUseCode': 'Unlocked! Use code',
  'web.overlay.unlocked': 'Unlocked! (“{keyword}”)',
  'web.overlay.typeKeyword': 'Type “{keyword}” · {count}/{goal}',
  'web.overlay.flashSale': 'Flash sale',
  'web.overlay.valid': 'valid ',
  'web.overlay.justBought': 'Just bought',
  'web.overlay.drop': 'Drop',
  'web.overlay.useCode': 'Use code',
} satisfies Record<string, string>;
