/** Announcements before a show, "we are live" and the recap. `{name}` and `{title}` are the show file's; `{at}` is formatted. */
export const announcements = {
  'announcements.minutes': '{n, plural, one {# minute} other {# minutes}}',
  'announcements.hours': '{n, plural, one {# hour} other {# hours}}',
  'announcements.hourMinutes': '1 hour {m, plural, one {# minute} other {# minutes}}',
  'announcements.upcoming': '{name} starts in {left} at {at}',
  'announcements.upcomingTitle': '{name} starts in {left}: {title} at {at}',
  'announcements.live': '{name} is live now!',
  'announcements.liveWatch': '{name} is live now! Watch: {links}',
  'announcements.recap':
    'Thanks for watching {name}! This show: {orders, plural, one {# paid order} other {# paid orders}}, {items, plural, one {# item} other {# items}} sold out.',
  'announcements.next': 'Next show at {at}.',
  'announcements.nextTitle': 'Next show: {title} at {at}.',
} satisfies Record<string, string>;
