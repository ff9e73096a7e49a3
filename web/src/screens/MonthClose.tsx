// 月締め: close the month (an immutable claim version), then read it per patient — the claim lines with their
// rule, the refusals with their reason and rule, the insurer and patient totals, what changed since the
// previous version, and the last 12 months by service type.
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  api,
  type ClaimMonthResult,
  type ClaimVersionWithDiff,
  type Problem,
  type ReportWarning,
  type VersionDiff,
} from '../api.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { MonthlyChart, type MonthTotals } from '../components/MonthlyChart.js';
import { RuleRef } from '../components/RuleRef.js';
import { problemsOf, useApp, useLoad } from '../context.js';
import { useHumanize } from '../staffNames.js';
import {
  actorName,
  addMonths,
  count,
  formatWareki,
  serviceTypeJa,
  shortDate,
  signedYen,
  units,
  yen,
} from '../format.js';
import { hrefOf, navigate } from '../router.js';
import { reportHref } from '../reports/route.js';
import { claimKeyJa } from '../../../src/contract/labels.js';
import { byPatientKana } from '../../../src/contract/order.js';
import { Checklist, checklistCounts } from './monthClose/Checklist.js';
import type { MonthReview } from '../api.js';
import { ClaimFilePanel } from './ClaimFilePanel.js';

export function MonthClose({ version }: { version?: number }) {
  const { office, month, me, notify } = useApp();
  const [versions, reloadVersions] = useLoad(['claimVersions', office.id, month], () =>
    api.claimVersions(office.id, month),
  );
  const latest = versions.data?.[0]?.version;
  const shown = version ?? latest;
  const [closed] = useLoad(['claimVersion', office.id, month, shown], () =>
    shown === undefined ? Promise.resolve(null) : api.claimVersion(office.id, month, shown),
  );
  const [preview] = useLoad(['preview', office.id, month], () => api.preview(office.id, month));
  const [patients] = useLoad(['patients', office.id], () => api.patients(office.id));
  const [visits] = useLoad(['visits', office.id, month], () => api.visits(office.id, month));
  const [liveWarnings] = useLoad(['reportWarnings', office.id, month, latest], () =>
    api.reportWarnings(office.id, month).catch((): ReportWarning[] => []),
  );
  const [history] = useLoad(['history', office.id, month, latest], () => loadHistory(office.id, month));
  const [review, reloadReview] = useLoad(['review', office.id, month], () => api.review(office.id, month));
  const [closing, setClosing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [closeProblems, setCloseProblems] = useState<Problem[]>([]);

  const name = useMemo(() => {
    const m = new Map((patients.data ?? []).map((p) => [p.id, p.name]));
    return (id: string) => m.get(id) ?? id;
  }, [patients.data]);
  // Patients by kana everywhere (one comparator).
  const order = useMemo(() => byPatientKana(patients.data ?? []), [patients.data]);

  const doClose = async () => {
    setConfirming(false);
    setClosing(true);
    setCloseProblems([]);
    try {
      const v = await api.close(office.id, month, crypto.randomUUID());
      notify(`${formatWareki(month)}を締めました（第${v.version}版）`);
      reloadVersions();
      reloadReview();
      navigate({ name: 'close', version: v.version, month });
    } catch (err) {
      setCloseProblems(problemsOf(err));
    } finally {
      setClosing(false);
    }
  };

  const view: ClaimVersionWithDiff | null = closed.data ?? null;
  const result: ClaimMonthResult | undefined = view ? view.result : preview.data;
  const dates = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of view ? view.input.records : (visits.data ?? [])) if ('date' in r) m.set(r.id, r.date);
    return m;
  }, [view, visits.data]);
  const canWrite = me.user.role !== 'readonly';
  // K24-2a: warnings about the reports to the care manager — as stored with the version, or as they are now.
  const warnings: ReportWarning[] = view ? (view.reportWarnings ?? []) : (liveWarnings.data ?? []);

  return (
    <section aria-labelledby="close-title">
      <div className="page-head">
        <h1 id="close-title" tabIndex={-1}>
          月締め <span className="subtitle">{formatWareki(month)}</span>
        </h1>
        <div className="actions">
          {canWrite ? (
            <button
              type="button"
              className="primary"
              onClick={() => setConfirming(true)}
              disabled={closing}
              aria-haspopup="dialog"
            >
              {closing ? '締めています…' : latest ? `もう一度締める（第${latest + 1}版）` : 'この月を締める'}
            </button>
          ) : null}
        </div>
      </div>
      {confirming ? (
        <ConfirmClose
          month={month}
          next={(latest ?? 0) + 1}
          review={review.data}
          onConfirm={() => void doClose()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {closeProblems.length > 0 ? (
        <div className="form-errors" role="alert">
          {closeProblems.map((p, i) => (
            <p key={i}>
              {p.message}
              {p.path ? `（${p.path}）` : ''}
            </p>
          ))}
        </div>
      ) : null}
      <LoadProblems loaded={versions} />

      <div className="version-bar card">
        {view ? (
          <>
            <p>
              <strong>第{view.version}版</strong>
              {'\u3000'}
              {new Date(view.closedAt).toLocaleString('ja-JP')} 締め（
              {actorName(me, view.closedBy)}）・算定表 {view.scheduleId}・エンジン {view.engineVersion}
            </p>
            <p className="mono muted small">入力のダイジェスト {view.inputDigest.slice(0, 16)}…</p>
          </>
        ) : (
          <p>
            <strong>未締め</strong>
            ：いまの記録から計算した見込みです。締めると版として保存され、あとから変わりません。
          </p>
        )}
        {(versions.data?.length ?? 0) > 0 ? (
          <nav aria-label="版" className="versions">
            {versions.data?.map((v) => (
              <a
                key={v.version}
                href={hrefOf({ name: 'close', version: v.version, month })}
                aria-current={v.version === shown ? 'page' : undefined}
                className={v.version === shown ? 'current' : undefined}
              >
                第{v.version}版
              </a>
            ))}
          </nav>
        ) : null}
      </div>

      {review.data && canWrite ? (
        <Checklist review={review.data} name={name} />
      ) : (
        <LoadProblems loaded={review} />
      )}

      {result ? <Totals result={result} /> : <LoadProblems loaded={preview} />}

      {view ? <ClaimFilePanel version={view} /> : null}

      {view?.diff ? <DiffView diff={view.diff} name={name} order={order} /> : null}

      {result ? (
        <PatientClaims
          result={result}
          dates={dates}
          name={name}
          version={view?.version}
          month={month}
          warnings={warnings}
          order={order}
        />
      ) : null}

      <h2>過去12か月の請求額（サービス種類別）</h2>
      <LoadProblems loaded={history} />
      {history.data ? <MonthlyChart months={history.data} /> : null}
    </section>
  );
}

async function loadHistory(officeId: string, month: string): Promise<MonthTotals[]> {
  const months = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
  return Promise.all(
    months.map(async (m): Promise<MonthTotals> => {
      const list = await api.claimVersions(officeId, m).catch(() => []);
      const v = list[0];
      if (!v) return { month: m };
      const full = await api.claimVersion(officeId, m, v.version);
      const byType: Record<string, number> = {};
      for (const c of full.result.claims) byType[c.serviceType] = (byType[c.serviceType] ?? 0) + c.yen;
      return { month: m, byType, version: v.version };
    }),
  );
}

function Totals({ result }: { result: ClaimMonthResult }) {
  const refused = result.rejections.filter((r) => r.code !== 'HISTORY').length;
  return (
    <dl className="totals card" aria-label="合計">
      <div>
        <dt>保険請求額</dt>
        <dd data-testid="total-insurer">{yen(result.totals.insurer)}</dd>
      </div>
      <div>
        <dt>利用者負担額</dt>
        <dd data-testid="total-copay">{yen(result.totals.copay)}</dd>
      </div>
      <div>
        <dt>費用総額</dt>
        <dd>{yen(result.totals.yen)}</dd>
      </div>
      <div>
        <dt>合計単位数</dt>
        <dd>{count(result.totals.units)}</dd>
      </div>
      <div>
        <dt>請求・算定不可</dt>
        <dd>
          {result.claims.length}件・<span className={refused > 0 ? 'warn-text' : undefined}>{refused}件</span>
        </dd>
      </div>
    </dl>
  );
}

function DiffView({
  diff,
  name,
  order,
}: {
  diff: VersionDiff;
  name: (id: string) => string;
  order: (a: string, b: string) => number;
}) {
  const humanize = useHumanize();
  const patients = [...diff.patients].sort((a, b) => order(a.patientId, b.patientId));
  return (
    <section className="card diff" aria-labelledby="diff-title">
      <h2 id="diff-title">
        第{diff.fromVersion}版からの変更
        {diff.inputChanged ? '' : <span className="muted small">（入力は同じです）</span>}
      </h2>
      <p>
        保険請求額 {yen(diff.totals.from.insurer)} → <strong>{yen(diff.totals.to.insurer)}</strong>（
        {signedYen(diff.totals.to.insurer - diff.totals.from.insurer)}）・利用者負担額{' '}
        {yen(diff.totals.from.copay)} → <strong>{yen(diff.totals.to.copay)}</strong>（
        {signedYen(diff.totals.to.copay - diff.totals.from.copay)}）
      </p>
      {diff.patients.length === 0 ? (
        <p className="muted">利用者ごとの変更はありません。</p>
      ) : (
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">利用者</th>
              <th scope="col" className="num">
                単位数
              </th>
              <th scope="col" className="num">
                保険請求額
              </th>
              <th scope="col" className="num">
                利用者負担額
              </th>
              <th scope="col">変わったこと</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((p) => (
              <tr key={p.patientId}>
                <th scope="row">{name(p.patientId)}</th>
                <td className="num">
                  {count(p.from.units)} → {count(p.to.units)}
                </td>
                <td className="num">{signedYen(p.to.insurer - p.from.insurer)}</td>
                <td className="num">{signedYen(p.to.copay - p.from.copay)}</td>
                <td>
                  <ul className="plain-list">
                    {p.claimsAdded.map((c) => (
                      <li key={`a${c}`}>＋ {claimKeyJa(c)}を新たに請求</li>
                    ))}
                    {p.claimsRemoved.map((c) => (
                      <li key={`r${c}`}>− {claimKeyJa(c)}の請求がなくなりました</li>
                    ))}
                    {p.rejectionsAdded.map((r, i) => (
                      <li key={`ra${i}`}>
                        新たに算定不可：{humanize(r.message)} <RuleRef rule={r.rule} />
                      </li>
                    ))}
                    {p.rejectionsRemoved.map((r, i) => (
                      <li key={`rr${i}`}>
                        算定不可が解消：{humanize(r.message)} <RuleRef rule={r.rule} />
                      </li>
                    ))}
                    {p.claimsAdded.length +
                      p.claimsRemoved.length +
                      p.rejectionsAdded.length +
                      p.rejectionsRemoved.length ===
                    0 ? (
                      <li className="muted">請求する訪問の回数・単位数が変わりました</li>
                    ) : null}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PatientClaims({
  result,
  dates: recordDate,
  name,
  version,
  month,
  warnings,
  order,
}: {
  order: (a: string, b: string) => number;
  result: ClaimMonthResult;
  dates: Map<string, string>;
  warnings: readonly ReportWarning[];
  name: (id: string) => string;
  version: number | undefined;
  month: string;
}) {
  const humanize = useHumanize();
  const ids = [
    ...new Set([
      ...result.claims.map((c) => c.patientId),
      ...result.rejections.filter((r) => r.code !== 'HISTORY').map((r) => r.patientId),
      ...warnings.map((w) => w.patientId),
    ]),
  ].sort(order);

  return (
    <section aria-labelledby="claims-title">
      <h2 id="claims-title">利用者ごとの請求</h2>
      {warnings.length > 0 ? (
        <p className="notice">
          情報提供書に注意が{warnings.length}
          件あります（算定はできますが、実地指導や返戻で指摘されやすい内容です）。
          <RuleRef rule="K24-2a" />
        </p>
      ) : null}
      {ids.length === 0 ? <p className="empty">この月の請求はありません。</p> : null}
      {ids.map((pid) => {
        const claims = result.claims.filter((c) => c.patientId === pid);
        const refusals = result.rejections.filter((r) => r.patientId === pid && r.code !== 'HISTORY');
        const copay = claims.reduce((s, c) => s + c.copay, 0);
        const insurer = claims.reduce((s, c) => s + c.insurer, 0);
        return (
          <article key={pid} className="card patient-claim" aria-labelledby={`pc-${pid}`}>
            <header className="patient-claim-head">
              <h3 id={`pc-${pid}`}>
                <a href={hrefOf({ name: 'patient', id: pid })}>{name(pid)}</a>
              </h3>
              <span>
                保険請求 <strong>{yen(insurer)}</strong>・利用者負担 <strong>{yen(copay)}</strong>
              </span>
              {claims.length > 0 ? (
                <a
                  className="button small"
                  href={hrefOf({
                    name: 'statement',
                    patientId: pid,
                    kind: 'invoice',
                    ...(version !== undefined ? { version, month } : {}),
                  })}
                  aria-label={`${name(pid)}さんの${formatWareki(month)}の請求書・領収書`}
                >
                  請求書・領収書
                </a>
              ) : null}
            </header>
            {claims.map((c) => (
              <table key={c.serviceType} className="data compact lines-table">
                <caption>
                  {c.serviceType} {serviceTypeJa[c.serviceType] ?? ''}（
                  {c.insurance === 'care' ? '介護保険' : '医療保険'}）
                </caption>
                <thead>
                  <tr>
                    <th scope="col">内容</th>
                    <th scope="col" className="num">
                      単位数×回数
                    </th>
                    <th scope="col" className="num">
                      単位数
                    </th>
                    <th scope="col">根拠</th>
                  </tr>
                </thead>
                <tbody>
                  {c.lines.map((l, i) => (
                    <tr key={i}>
                      <td>
                        {l.name}
                        {l.code ? <span className="mono muted small"> {l.code}</span> : null}
                      </td>
                      <td className="num">
                        {count(l.unitsEach)} × {l.count}
                      </td>
                      <td className="num">{count(l.units)}</td>
                      <td>
                        <RuleRef rule={l.rule} />
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <td colSpan={2}>
                      合計（単位数単価 {c.unitPrice}円）・費用総額 {yen(c.yen)}
                    </td>
                    <td className="num">{units(c.units)}</td>
                    <td>
                      保険 {yen(c.insurer)}・負担 {yen(c.copay)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            ))}
            {refusals.length > 0 ? (
              <div className="refusal-box">
                <h4>算定できなかったもの</h4>
                <ul className="refusals">
                  {refusals.map((r, i) => (
                    <li key={i}>
                      {recordDate.get(r.recordId) ? (
                        <span className="refusal-date">{shortDate(recordDate.get(r.recordId) ?? '')}</span>
                      ) : null}
                      {r.addition ? `（加算）` : ''}
                      {humanize(r.message)}
                      {r.units ? `（${count(r.units)}単位）` : ''} <RuleRef rule={r.rule} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {warnings.some((w) => w.patientId === pid) ? (
              <div className="warning-box">
                <h4>情報提供書の注意</h4>
                <ul>
                  {warnings
                    .filter((w) => w.patientId === pid)
                    .map((w, i) => (
                      <li key={i}>
                        {humanize(w.message)}{' '}
                        <a href={reportHref({ name: 'report', id: w.reportId })}>情報提供書を開く</a>
                      </li>
                    ))}
                </ul>
              </div>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

/**
 * The confirmation before a close: what is still to do (the checklist's counts) and that the version cannot
 * be changed once made — a later change of the records is closed again as the next version.
 */
function ConfirmClose({
  month,
  next,
  review,
  onConfirm,
  onCancel,
}: {
  month: string;
  next: number;
  review: MonthReview | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const c = review ? checklistCounts(review) : undefined;
  return (
    <div className="dialog-backdrop" onClick={onCancel}>
      <div
        className="dialog confirm-close"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-close-title"
        aria-describedby="confirm-close-text"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="confirm-close-title">
          {formatWareki(month)}を第{next}版として締めますか
        </h2>
        <div id="confirm-close-text">
          <p>
            <strong>締めた版はあとから変更できません。</strong>
            記録を直したときは、もう一度締めて第{next + 1}版を作ります。
          </p>
          {c ? (
            <ul className="plain-list" data-testid="confirm-counts">
              <li className={c.reports > 0 ? 'warn-text' : undefined}>
                送付していない情報提供書：{c.reports}件
              </li>
              <li className={c.move > 0 ? 'warn-text' : undefined}>訪問日を見直す訪問：{c.move}件</li>
              <li className={c.fix > 0 ? 'warn-text' : undefined}>記録を直す訪問：{c.fix}件</li>
            </ul>
          ) : null}
          {c && c.reports > 0 ? (
            <p className="small">送付していない情報提供書の訪問は、この版では算定されません（K24-2a）。</p>
          ) : null}
        </div>
        <div className="actions">
          <button type="button" className="primary danger" onClick={onConfirm}>
            第{next}版として締める
          </button>
          <button type="button" ref={cancel} onClick={onCancel}>
            やめる
          </button>
        </div>
      </div>
    </div>
  );
}
