// 請求書・領収書 for the patient's copay of one month, printable on A4 (the print CSS hides everything else),
// with the office's name, the month in 和暦 and the amount deductible as a medical expense (K24-7).
import { api } from '../api.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { RuleRef } from '../components/RuleRef.js';
import { useApp, useLoad } from '../context.js';
import { useHumanize } from '../staffNames.js';
import { careLevelJa, count, formatWareki, yen } from '../format.js';
import { hrefOf } from '../router.js';
import type { CareLevel } from '../../../src/core/input.js';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const dayList = (dates: string[]) => dates.map((d) => `${Number(d.slice(8))}日`).join('・');

export function Statement({
  patientId,
  version,
  kind,
}: {
  patientId: string;
  version?: number;
  kind: 'invoice' | 'receipt';
}) {
  const { office, month } = useApp();
  const [loaded] = useLoad(['statement', office.id, month, patientId, version], () =>
    api.statement(office.id, month, patientId, version),
  );
  const s = loaded.data;
  const humanize = useHumanize();
  const title = kind === 'invoice' ? '請求書' : '領収書';
  const amount = s ? s.totals.copay + s.totals.transportYen : 0;
  const issued = today();

  return (
    <section aria-labelledby="statement-title" className="statement-screen">
      <div className="page-head no-print">
        <div>
          <p className="breadcrumb">
            <a href={hrefOf({ name: 'close' })}>月締め</a> ›{' '}
            {s ? <a href={hrefOf({ name: 'patient', id: s.patient.id })}>{s.patient.name}</a> : null}
          </p>
          <h1 id="statement-title" tabIndex={-1}>
            {title} <span className="subtitle">{formatWareki(month)}分</span>
          </h1>
        </div>
        <div className="actions">
          <div className="segmented" role="group" aria-label="書類の種類">
            <a
              href={hrefOf({
                name: 'statement',
                patientId,
                kind: 'invoice',
                ...(version !== undefined ? { version, month } : {}),
              })}
              aria-current={kind === 'invoice' ? 'page' : undefined}
              className={kind === 'invoice' ? 'current' : undefined}
            >
              請求書
            </a>
            <a
              href={hrefOf({
                name: 'statement',
                patientId,
                kind: 'receipt',
                ...(version !== undefined ? { version, month } : {}),
              })}
              aria-current={kind === 'receipt' ? 'page' : undefined}
              className={kind === 'receipt' ? 'current' : undefined}
            >
              領収書
            </a>
          </div>
          <button type="button" className="primary" onClick={() => window.print()} disabled={!s}>
            印刷（A4）
          </button>
        </div>
      </div>
      <LoadProblems loaded={loaded} />
      {s && s.source.kind === 'preview' ? (
        <p className="notice no-print">
          この月はまだ締めていないため、いまの記録から計算した見込みです。締めてから印刷してください。
        </p>
      ) : null}
      {s ? (
        <article className="paper" aria-label={`${title}（印刷される内容）`}>
          <header className="paper-head">
            <div>
              <h2 className="paper-title">{title}</h2>
              <p className="paper-month">{s.monthWareki}分</p>
            </div>
            <div className="paper-meta">
              <p>
                発行日{'\u3000'}
                {formatWareki(issued)}
              </p>
              {s.source.kind === 'claim' ? (
                <p className="small">請求第{s.source.version}版</p>
              ) : (
                <p className="small">（締め前の見込み）</p>
              )}
            </div>
          </header>
          <div className="paper-parties">
            <div className="paper-to">
              <p className="paper-patient">
                <span className="paper-name">{s.patient.name}</span> 様
              </p>
              <dl className="paper-dl">
                {s.patient.insuredNumber ? (
                  <>
                    <dt>被保険者番号</dt>
                    <dd className="mono">{s.patient.insuredNumber}</dd>
                  </>
                ) : null}
                {s.patient.careLevel ? (
                  <>
                    <dt>要介護度</dt>
                    <dd>{careLevelJa[s.patient.careLevel as CareLevel] ?? s.patient.careLevel}</dd>
                  </>
                ) : null}
                {s.patient.copayRate ? (
                  <>
                    <dt>負担割合</dt>
                    <dd>{s.patient.copayRate}割</dd>
                  </>
                ) : null}
              </dl>
            </div>
            <div className="paper-from">
              <p className="paper-office">{s.office.name}</p>
              <p>事業所番号 {s.office.number}</p>
              {s.office.address ? <p>{s.office.address}</p> : null}
              {s.office.phone ? <p>電話 {s.office.phone}</p> : null}
              {kind === 'receipt' ? <div className="seal" aria-label="領収印の欄" /> : null}
            </div>
          </div>

          <div className="paper-amount">
            <span>{kind === 'invoice' ? 'ご請求金額' : '領収金額'}</span>
            <strong data-testid="statement-amount">{yen(amount)}</strong>
          </div>
          {kind === 'receipt' ? <p className="paper-received">上記の金額を領収いたしました。</p> : null}

          <table className="paper-table">
            <thead>
              <tr>
                <th scope="col">サービス内容</th>
                <th scope="col">提供日</th>
                <th scope="col" className="num">
                  単位数
                </th>
                <th scope="col" className="num">
                  回数
                </th>
                <th scope="col" className="num">
                  合計単位数
                </th>
              </tr>
            </thead>
            {s.claims.map((c) => (
              <tbody key={c.serviceType}>
                <tr className="paper-service">
                  <th colSpan={5} scope="colgroup">
                    {c.serviceName}（{c.insurance === 'care' ? '介護保険' : '医療保険'}）
                  </th>
                </tr>
                {c.lines.map((l, i) => (
                  <tr key={i}>
                    <td>{l.name}</td>
                    <td>{dayList(l.dates)}</td>
                    <td className="num">{count(l.unitsEach)}</td>
                    <td className="num">{l.count}</td>
                    <td className="num">{count(l.units)}</td>
                  </tr>
                ))}
                <tr className="paper-subtotal">
                  <td colSpan={2}>
                    小計（1単位 {c.unitPrice}円）{'\u3000'}費用 {yen(c.yen)}・保険給付 {yen(c.insurer)}
                  </td>
                  <td colSpan={2} className="num">
                    ご負担
                  </td>
                  <td className="num">{yen(c.copay)}</td>
                </tr>
                {c.kohi?.shares.map((k) => (
                  <tr key={k.law} className="paper-kohi" data-testid={`statement-kohi-${k.law}`}>
                    <td colSpan={4}>
                      公費 {k.name}（法別{k.law}）の負担
                      {k.selfPay > 0 ? `（うちご本人の負担 ${yen(k.selfPay)}）` : ''}
                    </td>
                    <td className="num">{yen(k.claim)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>

          <table className="paper-summary">
            <tbody>
              <tr>
                <th scope="row">費用総額</th>
                <td>{yen(s.totals.yen)}</td>
              </tr>
              <tr>
                <th scope="row">保険給付額</th>
                <td>{yen(s.totals.insurer)}</td>
              </tr>
              {s.totals.kohi !== undefined ? (
                <tr>
                  <th scope="row">公費負担額</th>
                  <td data-testid="statement-kohi-total">{yen(s.totals.kohi)}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">利用者負担額</th>
                <td>{yen(s.totals.copay)}</td>
              </tr>
              {s.totals.transportYen > 0 ? (
                <tr>
                  <th scope="row">交通費（実費・保険外）</th>
                  <td>{yen(s.totals.transportYen)}</td>
                </tr>
              ) : null}
              <tr className="paper-total">
                <th scope="row">{kind === 'invoice' ? 'ご請求金額' : '領収金額'}</th>
                <td>{yen(amount)}</td>
              </tr>
              <tr className="paper-deduction">
                <th scope="row">うち医療費控除対象額</th>
                <td data-testid="medical-deduction">{yen(s.medicalDeductionYen)}</td>
              </tr>
            </tbody>
          </table>
          <p className="paper-note">
            居宅療養管理指導の利用者負担額は、医療費控除の対象です。確定申告の際は本書を保管してお使いください。
          </p>
        </article>
      ) : null}
      {s && s.rejections.length > 0 ? (
        <section className="card no-print" aria-labelledby="st-refusals">
          <h2 id="st-refusals">この月に算定できなかった訪問（印刷されません）</h2>
          <ul className="refusals">
            {s.rejections.map((r, i) => (
              <li key={i}>
                {humanize(r.message)} <RuleRef rule={r.rule} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
