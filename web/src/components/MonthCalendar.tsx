// The month's visits of a patient on a calendar (weeks Sunday–Saturday, as in the rules), each marked
// billed or refused by the engine's preview of the month.
import type { ReactNode } from 'react';
import type { Stay } from '../../../src/contract/types.js';
import { weekday } from '../../../src/contract/dates.js';
import { dateIn, daysIn, formatWareki } from '../format.js';

export interface CalendarItem {
  date: string;
  key: string;
  text: string;
  status: 'billed' | 'refused' | 'partial' | 'unknown';
  title?: string;
}

const head = ['日', '月', '火', '水', '木', '金', '土'];

export function MonthCalendar({
  month,
  items,
  stays = [],
  renderDay,
}: {
  month: string;
  items: readonly CalendarItem[];
  stays?: readonly Stay[];
  renderDay?: (date: string) => ReactNode;
}) {
  const n = daysIn(month);
  const lead = weekday(`${month}-01`);
  const cells: (string | null)[] = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= n; d++) cells.push(dateIn(month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const byDate = new Map<string, CalendarItem[]>();
  for (const it of items) byDate.set(it.date, [...(byDate.get(it.date) ?? []), it]);
  const stayOn = (d: string) => stays.find((s) => s.from <= d && d <= s.to);

  return (
    <table className="calendar">
      <caption className="sr-only">{formatWareki(month)}の訪問</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={i === 0 ? 'sun' : i === 6 ? 'sat' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((w, i) => (
          <tr key={i}>
            {w.map((d, j) =>
              d ? (
                <td key={d} className={stayOn(d) ? 'in-stay' : undefined}>
                  <div className={`day-no${j === 0 ? ' sun' : j === 6 ? ' sat' : ''}`}>
                    {Number(d.slice(8))}
                    {stayOn(d) ? (
                      <span className="stay-tag">{stayOn(d)?.kind === 'hospital' ? '入院' : '短期入所'}</span>
                    ) : null}
                  </div>
                  <ul className="day-items">
                    {(byDate.get(d) ?? []).map((it) => (
                      <li key={it.key} className={`chip chip-${it.status}`} title={it.title}>
                        <span className="sr-only">{statusJa[it.status]}：</span>
                        {it.text}
                      </li>
                    ))}
                  </ul>
                  {renderDay?.(d)}
                </td>
              ) : (
                <td key={`e${i}-${j}`} className="empty-day" aria-hidden="true" />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const statusJa = { billed: '算定', refused: '算定不可', partial: '一部算定不可', unknown: '' } as const;
