/**
 * The "Events:" section every describer ends with.
 */
import type { KEvent } from '../../engine/api/types';
import type { SimTime } from '../../engine/clock/clock';
import { timestampSince } from './format';
import { goSort } from './gosort';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

interface SeriesLike {
  count?: number;
  lastObservedTime?: string;
}

function eventSortTime(e: KEvent): number {
  const series = e['series'] as SeriesLike | undefined;
  const t = series?.lastObservedTime || e.lastTimestamp || (e['eventTime'] as string | undefined) || '';
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * DescribeEvents: "Events:  <none>" when there are none; otherwise the tab
 * writer is flushed (so the table aligns on its own) and the events are
 * listed oldest first by last-seen time.
 */
// Behaviour of staging/src/k8s.io/kubectl/pkg/describe/describe.go DescribeEvents (v1.32)
export function describeEvents(events: readonly KEvent[], w: PrefixWriter, now: SimTime): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // sort.Sort(event.SortableEvents): ties keep the order Go's unstable sort leaves them in
  const sorted = goSort(
    events.map((e) => ({ e, t: eventSortTime(e) })),
    (a, b) => a.t < b.t,
  ).map((x) => x.e);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const eventTime = e['eventTime'] as string | undefined;
    const first = eventTime ? timestampSince(eventTime, now) : timestampSince(e.firstTimestamp, now);
    const series = e['series'] as SeriesLike | undefined;
    let interval: string;
    if (series) {
      interval = `${timestampSince(series.lastObservedTime, now)} (x${series.count ?? 0} over ${first})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    } else {
      interval = first;
    }
    const source = e.source?.component || (e['reportingComponent'] as string | undefined) || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
