/** Words every feature uses: durations, counts, list glue. */
export const common = {
  'ai.answer': '{answer} (source: {source})',
  'ai.otherQuestions': 'Other questions',
  'time.seconds': '{n} s',
  'time.minutes': '{n} min',
  'time.minutesSeconds': '{s, plural, =0 {{m} min} other {{m} min {s} s}}',
  'time.hoursMinutes': '{m, plural, =0 {{h} h} other {{h} h {m} min}}',
  'time.until': 'until {day}',
} satisfies Record<string, string>;
