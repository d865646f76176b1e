/** Purchase alerts (the social-proof ticker). `{name}` is a buyer's public name (a viewer value); `{title}` the product's. */
export const alerts = {
  'alerts.someone': 'Someone',
  'alerts.bought': '🛍️ {name} just bought the {title}!',
  'alerts.boughtMany': '🛍️ {name} and {others, plural, one {# other} other {# others}} just bought the {title}!',
} satisfies Record<string, string>;
