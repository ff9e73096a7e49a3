// 締める前に: what the clerk must still do before the month is closed, grouped by the task — send a report to
// the care manager (K24-2a), move a visit to another day (a limit, an interval, a stay), fix a record (the
// certification, a tick box, a second practitioner) — with the refusals by kind and the patient data the
// claim file needs. From the month's verdicts as if reported (GET …/months/:month/review).
import type { MonthReview } from '../../api.js';
import type { Rejection } from '../../../../src/core/result.js';
import { clerkActionJa, rejectionCodeJa } from '../../../../src/contract/actions.js';
import { RuleRef } from '../../components/RuleRef.js';
import { professionJa, shortDate } from '../../format.js';
import { hrefOf } from '../../router.js';
import { ReportStateChip } from '../../reports/ReportLink.js';
import { reportHref } from '../../reports/route.js';
import { useHumanize } from '../../staffNames.js';
import { ActionsHeader } from '../../components/Table.js';

export interface ChecklistCounts {
  reports: number;
  move: number;
  fix: number;
  refusals: number;
}

export function checklistCounts(review: MonthReview): ChecklistCounts {
  return {
    reports: review.tasks.report.length,
    move: review.tasks.move.length,
    fix: review.tasks.fix.length,
    refusals: review.refusalsByCode.reduce((n, r) => n + r.count, 0),
  };
}

function Refusals({ rejections }: { rejections: readonly Rejection[] }) {
  const humanize = useHumanize();
  return (
    <>
      {rejections.map((r, i) => (
        <div key={i} className="reason-small">
          {r.addition ? '（加算）' : ''}
          {humanize(r.message)} <RuleRef rule={r.rule} />
        </div>
      ))}
    </>
  );
}

export function Checklist({ review, name }: { review: MonthReview; name: (id: string) => string }) {
  const { report, move, fix } = review.tasks;
  const counts = checklistCounts(review);
  const nothing = counts.reports + counts.move + counts.fix === 0;
  return (
    <section className="card checklist" aria-labelledby="checklist-title" data-testid="checklist">
      <h2 id="checklist-title">締める前の確認（いまの記録）</h2>
      <p className="muted small">
        各訪問は、情報提供書を送付したものとして算定した判定です。情報提供書の状態は別に示します。
      </p>
      {nothing ? <p className="ok-text">送付の必要な情報提供書も、算定できない訪問もありません。</p> : null}

      <h3>
        {clerkActionJa.report}：<span data-testid="count-report">{counts.reports}件</span>{' '}
        <RuleRef rule="K24-2a" />
      </h3>
      {report.length > 0 ? (
        <table className="data compact" data-testid="task-report">
          <thead>
            <tr>
              <th scope="col">利用者</th>
              <th scope="col">職種</th>
              <th scope="col">訪問</th>
              <th scope="col">状態</th>
              <th scope="col">期限</th>
              <ActionsHeader />
            </tr>
          </thead>
          <tbody>
            {report.map((t) => (
              <tr key={`${t.patientId}-${t.profession}`}>
                <th scope="row">{name(t.patientId)}</th>
                <td>{professionJa[t.profession]}</td>
                <td>{t.visitIds.length}回</td>
                <td>
                  <ReportStateChip state={t.state} />
                  {t.state !== 'none' && t.issue ? <div className="reason-small">{t.issue}</div> : null}
                </td>
                <td>{shortDate(t.deadline)}まで</td>
                <td>
                  <a
                    href={reportHref(
                      t.reportId
                        ? { name: 'report', id: t.reportId }
                        : {
                            name: 'report',
                            patientId: t.patientId,
                            profession: t.profession,
                            month: review.month,
                          },
                    )}
                    aria-label={`${name(t.patientId)}さんの${professionJa[t.profession]}の情報提供書を${t.reportId ? '開く' : '作成'}`}
                  >
                    {t.reportId ? '開く' : '作成'}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3>
        {clerkActionJa.move}：<span data-testid="count-move">{counts.move}件</span>
      </h3>
      {move.length > 0 ? (
        <ul className="task-list" data-testid="task-move">
          {move.map((t) => (
            <li key={t.visitId}>
              <span className="refusal-date">{t.date ? shortDate(t.date) : ''}</span>
              <a href={hrefOf({ name: 'visits', patientId: t.patientId })}>{name(t.patientId)}</a>
              <Refusals rejections={t.rejections} />
            </li>
          ))}
        </ul>
      ) : null}

      <h3>
        {clerkActionJa.fix}：<span data-testid="count-fix">{counts.fix}件</span>
      </h3>
      {fix.length > 0 ? (
        <ul className="task-list" data-testid="task-fix">
          {fix.map((t) => (
            <li key={t.visitId}>
              <span className="refusal-date">{t.date ? shortDate(t.date) : ''}</span>
              <a href={hrefOf({ name: 'patient', id: t.patientId })}>{name(t.patientId)}</a>
              <Refusals rejections={t.rejections} />
            </li>
          ))}
        </ul>
      ) : null}

      {review.refusalsByCode.length > 0 ? (
        <>
          <h3>算定できない理由の内訳</h3>
          <ul className="plain-list refusal-kinds" data-testid="refusals-by-code">
            {review.refusalsByCode.map((r) => (
              <li key={r.code}>
                {rejectionCodeJa[r.code]}：{r.count}件
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>
        伝送ファイルに必要な利用者情報：
        <span data-testid="count-claim-file">{review.claimFileProblems?.length ?? 0}件</span>
      </h3>
      {review.claimFileProblems === null ? (
        <p className="muted small">この月は伝送ファイルの確認をしていません。</p>
      ) : review.claimFileProblems.length === 0 ? (
        <p className="ok-text">伝送ファイルに必要な利用者情報はそろっています。</p>
      ) : (
        <ul className="task-list" data-testid="checklist-claim-file">
          {review.claimFileProblems.map((p, i) => (
            <li key={i}>
              {p.patientId ? (
                <a href={hrefOf({ name: 'patient', id: p.patientId })}>
                  {p.patientName ?? name(p.patientId)}
                </a>
              ) : null}
              <div className="reason-small">{p.message}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
