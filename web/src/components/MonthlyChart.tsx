// The last 12 months' claimed yen by service type: stacked bars in plain SVG, and the same numbers as a
// table (screen readers, exact figures).
import { formatWareki, serviceTypeJa, yen } from '../format.js';

export interface MonthTotals {
  month: string;
  /** yen by service type; absent when the month is not closed. */
  byType?: Record<string, number>;
  version?: number;
}

const palette = ['#2f6f8f', '#d08a2e', '#5a9a5a', '#9a5a8a', '#b55050', '#6b6bb5', '#4f8f8a', '#8a7a4f'];

export function MonthlyChart({ months }: { months: readonly MonthTotals[] }) {
  const types = [...new Set(months.flatMap((m) => Object.keys(m.byType ?? {})))].sort();
  const color = (t: string) => palette[types.indexOf(t) % palette.length] ?? '#777';
  const totals = months.map((m) => Object.values(m.byType ?? {}).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const W = 860;
  const H = 260;
  const left = 78;
  const bottom = 40;
  const plotH = H - bottom - 12;
  const bw = (W - left - 10) / months.length;
  const y = (v: number) => 12 + plotH - (v / top) * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="過去12か月のサービス種類別の請求額（下の表に同じ数字）"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={W - 8} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={left - 6} y={y(t) + 4} className="chart-axis" textAnchor="end">
              {t >= 10_000 ? `${(t / 10_000).toLocaleString('ja-JP')}万` : t.toLocaleString('ja-JP')}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          let acc = 0;
          const x = left + i * bw + bw * 0.18;
          return (
            <g key={m.month}>
              {m.byType ? (
                types.map((t) => {
                  const v = m.byType?.[t] ?? 0;
                  if (v === 0) return null;
                  const y0 = y(acc);
                  acc += v;
                  return (
                    <rect key={t} x={x} width={bw * 0.64} y={y(acc)} height={y0 - y(acc)} fill={color(t)} />
                  );
                })
              ) : (
                <rect x={x} width={bw * 0.64} y={y(0) - 2} height={2} className="chart-none" />
              )}
              <text x={x + bw * 0.32} y={H - bottom + 16} textAnchor="middle" className="chart-axis">
                {Number(m.month.slice(5))}月
              </text>
              {m.month.endsWith('-01') || i === 0 ? (
                <text
                  x={x + bw * 0.32}
                  y={H - bottom + 32}
                  textAnchor="middle"
                  className="chart-axis muted-fill"
                >
                  {m.month.slice(0, 4)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {types.map((t) => (
            <li key={t}>
              <span className="swatch" style={{ background: color(t) }} aria-hidden="true" />
              {t} {serviceTypeJa[t] ?? ''}
            </li>
          ))}
          <li className="muted">締めていない月は横線のみ</li>
        </ul>
      </figcaption>
      <details className="chart-table">
        <summary>数字で見る</summary>
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">月</th>
              {types.map((t) => (
                <th key={t} scope="col" className="num">
                  {serviceTypeJa[t] ?? t}
                </th>
              ))}
              <th scope="col" className="num">
                合計
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m, i) => (
              <tr key={m.month}>
                <th scope="row">
                  {formatWareki(m.month)}
                  {m.version ? `（第${m.version}版）` : '（未締め）'}
                </th>
                {types.map((t) => (
                  <td key={t} className="num">
                    {m.byType ? yen(m.byType[t] ?? 0) : '—'}
                  </td>
                ))}
                <td className="num">{m.byType ? yen(totals[i] ?? 0) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function niceStep(max: number): number {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}
