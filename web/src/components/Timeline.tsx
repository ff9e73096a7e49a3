// A patient's dated history on one time axis: certifications, residences and stays (plain SVG), with the
// same facts as a table for screen readers and for reading exact dates.
import type { Patient } from '../api.js';
import { addMonths, careLevelJa, residenceJa, stayJa } from '../format.js';
import { monthRange } from '../patientFacts.js';

interface Bar {
  from: string;
  to?: string;
  label: string;
  tone: string;
}

const DAY = 86_400_000;
const dayNo = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

export function Timeline({
  patient,
  month,
  buildingName,
}: {
  patient: Patient;
  month: string;
  buildingName: (id: string) => string | undefined;
}) {
  const first = addMonths(month, -11);
  const last = addMonths(month, 2);
  const start = dayNo(`${first}-01`);
  const end = dayNo(monthRange(last).to) + 1;
  const rows: { title: string; bars: Bar[] }[] = [
    {
      title: '要介護認定',
      bars: patient.certifications.map((c) => ({
        from: c.from,
        ...(c.to ? { to: c.to } : {}),
        label: `${careLevelJa[c.level]}・${c.copay}割`,
        tone: c.level.startsWith('support') ? 'tone-support' : 'tone-care',
      })),
    },
    {
      title: '住まい',
      bars: patient.residences.map((r) => ({
        from: r.from,
        ...(r.to ? { to: r.to } : {}),
        label: r.buildingId ? (buildingName(r.buildingId) ?? residenceJa[r.kind]) : residenceJa[r.kind],
        tone: r.kind === 'home' ? 'tone-home' : 'tone-building',
      })),
    },
    {
      title: '居宅サービス計画',
      bars: patient.carePlans.map((c) => ({
        from: c.from,
        ...(c.to ? { to: c.to } : {}),
        label: c.maker === 'self' ? 'セルフプラン' : `${c.officeName ?? '事業所作成'}（${c.officeNumber}）`,
        tone: c.maker === 'self' ? 'tone-home' : 'tone-care',
      })),
    },
    {
      title: '入院・短期入所',
      bars: patient.stays.map((s) => ({ from: s.from, to: s.to, label: stayJa[s.kind], tone: 'tone-stay' })),
    },
  ];
  const W = 880;
  const labelW = 110;
  const rowH = 34;
  const top = 26;
  const H = top + rows.length * rowH + 6;
  const x = (d: number) =>
    labelW + ((Math.min(Math.max(d, start), end) - start) / (end - start)) * (W - labelW - 8);
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  const cur = monthRange(month);

  return (
    <figure className="timeline">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${first}から${last}までの認定・住まい・居宅サービス計画・入院等の履歴（詳細は下の表）`}
      >
        <rect
          x={x(dayNo(cur.from))}
          y={top - 6}
          width={x(dayNo(cur.to) + 1) - x(dayNo(cur.from))}
          height={H - top + 4}
          className="tl-current"
        />
        {months.map((m) => (
          <g key={m}>
            <line x1={x(dayNo(`${m}-01`))} x2={x(dayNo(`${m}-01`))} y1={top - 6} y2={H} className="tl-grid" />
            <text x={x(dayNo(`${m}-01`)) + 3} y={14} className="tl-month">
              {m.endsWith('-01') ? `${m.slice(0, 4)}/1` : `${Number(m.slice(5))}月`}
            </text>
          </g>
        ))}
        {rows.map((row, i) => (
          <g key={row.title} transform={`translate(0 ${top + i * rowH})`}>
            <text x={0} y={rowH / 2 + 4} className="tl-row-title">
              {row.title}
            </text>
            {row.bars.map((b, j) => {
              const bx = x(dayNo(b.from));
              const bw = Math.max(x(b.to ? dayNo(b.to) + 1 : end) - bx, 3);
              if (b.to && dayNo(b.to) + 1 < start) return null;
              if (dayNo(b.from) > end) return null;
              return (
                <g key={j}>
                  <rect x={bx} y={5} width={bw} height={rowH - 10} rx={4} className={`tl-bar ${b.tone}`} />
                  {bw > 40 ? (
                    <text x={bx + 6} y={rowH / 2 + 4} className="tl-bar-label">
                      {clip(b.label, Math.floor((bw - 10) / 12))}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">認定・住まい・居宅サービス計画・入院等の履歴</figcaption>
      <table className="data compact history-table">
        <caption>履歴</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">内容</th>
            <th scope="col">開始</th>
            <th scope="col">終了</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) =>
            row.bars.map((b, j) => (
              <tr key={`${row.title}-${j}`}>
                <td>{row.title}</td>
                <td>{b.label}</td>
                <td className="mono">{b.from}</td>
                <td className="mono">{b.to ?? '（継続中）'}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </figure>
  );
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, Math.max(n - 1, 1))}…`;
}
