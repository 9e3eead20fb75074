import { addDays, berlinDate, berlinTime } from './time';

test('Berlin wall-clock times become the right UTC instants in summer and winter', () => {
  expect(berlinTime('2019-09-12', '10:00').toISOString()).toBe('2019-09-12T08:00:00.000Z');
  expect(berlinTime('2027-01-15', '10:00').toISOString()).toBe('2027-01-15T09:00:00.000Z');
  // the day of the switch to summer time (31 Mar 2024, 02:00 → 03:00)
  expect(berlinTime('2024-03-31', '12:00').toISOString()).toBe('2024-03-31T10:00:00.000Z');
});

test('the Berlin calendar date of an instant late in the UTC evening is the next day', () => {
  expect(berlinDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
});
