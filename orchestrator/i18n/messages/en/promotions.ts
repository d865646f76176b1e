/** Promotions: unlocks, drops and flash sales. `{title}` and `{keyword}` are the show file's; money and durations come formatted. */
export const promotions = {
  'promotions.percentOff': '{percent}% off',
  'promotions.amountOff': '{amount} off',
  'promotions.offOn': '{off} {products}',
  'promotions.validFor': 'for {duration}',
  'promotions.unlockProgress': 'Unlock {off}: {count}/{goal} viewers asked — type {keyword}!',
  'promotions.unlockReached': 'Unlocked! Code {code} gives {off} {valid} — !buy {sku} {code}',
  'promotions.dropIntro': 'Surprise drop! {off}.',
  'promotions.dropIntroFirst': 'Surprise drop! {off} for the first {n, plural, one {# order} other {# orders}}.',
  'promotions.dropCode': '{intro} Code {code} works {valid} — !buy {sku} {code}',
  'promotions.flashStart': 'Flash sale! {title} for {price} — {duration} only, max {max} per viewer. !buy {sku}',
  'promotions.flashStartWas': 'Flash sale! {title} for {price} instead of {regular} — {duration} only, max {max} per viewer. !buy {sku}',
  'promotions.flashLeft': 'Flash sale: {left} left — {title} for {price}. !buy {sku}',
  'promotions.flashEnd': 'Flash sale ended: {title} is back to {regular}.',
  'promotions.flashEndRegular': 'Flash sale ended: {title} is back to its regular price.',
} satisfies Record<string, string>;
