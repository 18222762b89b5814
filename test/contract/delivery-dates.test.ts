/**
 * Delivery dates and cut-offs (issue 17): the rule the server, the mock API and the widget share,
 * at instants just before and after each cut-off, across Europe/Dublin's DST changes of 2026
 * (29 March 01:00 UTC → IST, 25 October 01:00 UTC → GMT).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedDates,
  cutoffMessage,
  cutoffNotice,
  deliveryDateRefusal,
  isDateAllowed,
  localTime,
  mayUseService,
  nextAllowedDate,
  type DeliveryRules,
} from '../../widget/contract/rules/delivery-dates.ts';

const ZONE = 'Europe/Dublin';
const WEEKDAYS = [1, 2, 3, 4, 5];
const standard: DeliveryRules = {
  lead_days: 2,
  weekdays: WEEKDAYS,
  closed_dates: [],
  cutoff_rule: 'day_before',
  cutoff_time: '16:00',
};
const nextDay: DeliveryRules = {
  lead_days: 1,
  weekdays: WEEKDAYS,
  closed_dates: [],
  cutoff_rule: 'same_day_before',
  cutoff_time: '14:00',
};
const sameDay: DeliveryRules = { ...nextDay, lead_days: 0, cutoff_time: '11:30' };
const collection: DeliveryRules = {
  lead_days: 0,
  weekdays: [1, 2, 3, 4, 5, 6],
  closed_dates: ['2026-12-25', '2026-12-26'],
  cutoff_rule: 'none',
  cutoff_time: null,
};
const dayBeforeNoLead: DeliveryRules = { ...standard, lead_days: 0, cutoff_time: '18:00' };

describe('localTime', () => {
  it('reads the wall clock of the zone, on both sides of the DST changes', () => {
    assert.deepEqual(localTime(new Date('2026-03-29T00:59:59Z'), ZONE), { date: '2026-03-29', minutes: 59 });
    assert.deepEqual(localTime(new Date('2026-03-29T01:00:00Z'), ZONE), { date: '2026-03-29', minutes: 120 });
    assert.deepEqual(localTime(new Date('2026-10-25T00:59:00Z'), ZONE), { date: '2026-10-25', minutes: 119 });
    assert.deepEqual(localTime(new Date('2026-10-25T01:00:00Z'), ZONE), { date: '2026-10-25', minutes: 60 });
    assert.deepEqual(localTime(new Date('2026-12-07T23:30:00Z'), 'Europe/Madrid'), { date: '2026-12-08', minutes: 30 });
  });
});

describe('nextAllowedDate', () => {
  // [case, rules, instant (UTC), next allowed date]
  const table: [string, DeliveryRules, string, string][] = [
    // Winter (GMT = UTC): Monday 7 December 2026.
    ['day_before 16:00, lead 2: a second before the cut-off', standard, '2026-12-07T15:59:59Z', '2026-12-09'],
    ['day_before 16:00, lead 2: at the cut-off', standard, '2026-12-07T16:00:00Z', '2026-12-10'],
    [
      'day_before 16:00, lead 2: Thursday after the cut-off skips the weekend',
      standard,
      '2026-12-10T16:00:00Z',
      '2026-12-14',
    ],
    [
      'day_before 16:00, lead 2: Friday before the cut-off gives Monday',
      standard,
      '2026-12-11T15:59:00Z',
      '2026-12-14',
    ],
    ['day_before 18:00, lead 0: still at least one day before', dayBeforeNoLead, '2026-12-07T17:59:00Z', '2026-12-08'],
    [
      'day_before 18:00, lead 0: after the cut-off, the day after tomorrow',
      dayBeforeNoLead,
      '2026-12-07T18:00:00Z',
      '2026-12-09',
    ],
    ['same_day_before 14:00, lead 1: before', nextDay, '2026-12-07T13:59:59Z', '2026-12-08'],
    ['same_day_before 14:00, lead 1: after', nextDay, '2026-12-07T14:00:00Z', '2026-12-09'],
    ['same_day_before 11:30, lead 0: same day before the cut-off', sameDay, '2026-12-07T11:29:59Z', '2026-12-07'],
    ['same_day_before 11:30, lead 0: tomorrow after it', sameDay, '2026-12-07T11:30:00Z', '2026-12-08'],
    ['none: same day, any time', collection, '2026-12-07T23:59:59Z', '2026-12-07'],
    ['none: Sunday is not a weekday, Monday is', collection, '2026-12-27T10:00:00Z', '2026-12-28'],
    [
      'none: closed dates are skipped (Christmas, St Stephen’s, then Sunday)',
      collection,
      '2026-12-25T08:00:00Z',
      '2026-12-28',
    ],
    // Summer (IST = UTC+1): the cut-off is an hour earlier in UTC.
    ['IST: 16:00 local is 15:00 UTC, a second before', standard, '2026-06-08T14:59:59Z', '2026-06-10'],
    ['IST: 16:00 local is 15:00 UTC, at it', standard, '2026-06-08T15:00:00Z', '2026-06-11'],
    // Across the March change: Thursday 26 March in GMT, Monday 30 March in IST.
    ['before the March change (GMT), a second before', nextDay, '2026-03-26T13:59:59Z', '2026-03-27'],
    [
      'before the March change (GMT), at the cut-off (Saturday, Sunday skipped)',
      nextDay,
      '2026-03-26T14:00:00Z',
      '2026-03-30',
    ],
    ['after the March change (IST), 13:59:59 local', nextDay, '2026-03-30T12:59:59Z', '2026-03-31'],
    ['after the March change (IST), 14:00 local is 13:00 UTC', nextDay, '2026-03-30T13:00:00Z', '2026-04-01'],
    // Across the October change: Wednesday 21 October in IST, Monday 26 October in GMT.
    ['before the October change (IST), 14:59:59 UTC is before it', standard, '2026-10-21T14:59:59Z', '2026-10-23'],
    ['before the October change (IST), at 15:00 UTC it has passed', standard, '2026-10-21T15:00:00Z', '2026-10-26'],
    ['after the October change (GMT), 15:00 UTC is before it', standard, '2026-10-26T15:00:00Z', '2026-10-28'],
    ['after the October change (GMT), at 16:00 UTC', standard, '2026-10-26T16:00:00Z', '2026-10-29'],
    // Local midnight is not UTC midnight in summer: 23:30 UTC on Sunday is already Monday.
    ['IST: 23:30 UTC Sunday is 00:30 Monday local', sameDay, '2026-06-07T23:30:00Z', '2026-06-08'],
  ];
  for (const [name, rules, instant, expected] of table) {
    it(name, () => assert.equal(nextAllowedDate(rules, new Date(instant), ZONE), expected));
  }

  it('is null when no weekday is left', () => {
    assert.equal(nextAllowedDate({ ...collection, weekdays: [] }, new Date('2026-12-07T10:00:00Z'), ZONE), null);
  });
});

describe('isDateAllowed and allowedDates', () => {
  const instant = new Date('2026-12-21T15:59:00Z'); // Monday, before 16:00
  it('offers weekdays from the earliest date, skipping closed dates', () => {
    const rules = { ...standard, closed_dates: ['2026-12-24', '2026-12-25'] };
    assert.deepEqual(allowedDates(rules, instant, ZONE, 4), ['2026-12-23', '2026-12-28', '2026-12-29', '2026-12-30']);
  });

  // [date, allowed at Monday 21 December 15:59]
  const table: [string, boolean][] = [
    ['2026-12-22', false], // inside the lead time
    ['2026-12-23', true],
    ['2026-12-26', false], // Saturday
    ['2026-12-28', true],
    ['2026-02-30', false], // not a date
    ['20261228', false],
  ];
  for (const [date, allowed] of table) {
    it(`${date} is ${allowed ? 'allowed' : 'refused'}`, () =>
      assert.equal(isDateAllowed(standard, date, instant, ZONE), allowed));
  }

  it('refuses with cutoff_passed and the next allowed date', () => {
    const after = new Date('2026-12-21T16:00:00Z');
    assert.equal(deliveryDateRefusal(standard, '2026-12-24', after, ZONE), null);
    assert.deepEqual(deliveryDateRefusal(standard, '2026-12-23', after, ZONE), {
      status: 422,
      code: 'cutoff_passed',
      message: 'Not allowed to create or update the order after the cutoff time',
      details: { field: 'delivery_date', next_allowed_date: '2026-12-24' },
    });
  });
});

describe('cutoffNotice and cutoffMessage', () => {
  it('“Order by 14:00 for delivery tomorrow” before the cut-off, the day after once it passed', () => {
    const before = cutoffNotice(nextDay, new Date('2026-12-07T13:59:00Z'), ZONE)!;
    assert.deepEqual(before, {
      today: '2026-12-07',
      date: '2026-12-08',
      order_by: { date: '2026-12-07', time: '14:00' },
    });
    assert.equal(cutoffMessage(before), 'Order by 14:00 for delivery tomorrow');
    const after = cutoffNotice(nextDay, new Date('2026-12-07T14:00:00Z'), ZONE)!;
    assert.equal(cutoffMessage(after), 'Order by 14:00 tomorrow for delivery on 2026-12-09');
  });

  it('names the deadline day before a weekend and says nothing of a cut-off for none', () => {
    const friday = cutoffNotice(standard, new Date('2026-12-11T17:00:00Z'), ZONE)!;
    assert.equal(cutoffMessage(friday), 'Order by 16:00 tomorrow for delivery on 2026-12-14');
    const thursday = cutoffNotice(standard, new Date('2026-12-10T17:00:00Z'), ZONE)!;
    assert.equal(cutoffMessage(thursday), 'Order by 16:00 on 2026-12-12 for delivery on 2026-12-14');
    const sameDayNotice = cutoffNotice(collection, new Date('2026-12-07T20:00:00Z'), ZONE)!;
    assert.equal(cutoffMessage(sameDayNotice, 'collection'), 'Earliest collection today');
  });
});

describe('mayUseService', () => {
  it('lets every customer select an "all" service and only the listed ones otherwise', () => {
    assert.equal(mayUseService({ customers: 'all' }, 'c1'), true);
    assert.equal(mayUseService({ customers: ['c2'] }, 'c1'), false);
    assert.equal(mayUseService({ customers: ['c1', 'c2'] }, 'c1'), true);
  });
});
