// 国保連への請求: on a closed month version, 「伝送ファイルを作成」 makes the claim file (介護給付費請求 CSV,
// MS932) of that version and downloads it, or lists what must be fixed — each problem naming the patient, with
// a link to the patient's screen — and nothing is made. The 審査月 is the service month + 1 unless the clerk
// chooses a later month (a late claim). The printed 請求書 / 明細書 of the version open as an A4 document. The files made from the
// version (who, when, digest) come from the audit log.
import { useState } from 'react';
import {
  ApiError,
  api,
  type ClaimFileDownload,
  type ClaimFileIssue,
  type ClaimVersionWithDiff,
  type Problem,
} from '../api.js';
import type { ClaimFileRecord } from '../../../src/contract/types.js';
import { Field } from '../components/Field.js';
import { problemsOf, useApp, useLoad } from '../context.js';
import { actorName, addMonths, count, formatWareki } from '../format.js';
import { hrefOf } from '../router.js';

/** The 審査月 offered: the month after the service month, or up to a year later (月遅れ請求). */
const SUBMIT_MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Hands the file to the browser as a download under its name. */
function save(file: ClaimFileDownload): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ClaimFilePanel({ version }: { version: ClaimVersionWithDiff }) {
  const { office, me, notify } = useApp();
  const month = version.month;
  const [submitted, setSubmitted] = useState(addMonths(month, 1));
  const [fieldProblems, setFieldProblems] = useState<Problem[]>([]);
  const [refused, setRefused] = useState<ClaimFileIssue[] | null>(null);
  const [made, setMade] = useState<ClaimFileDownload | null>(null);
  const [busy, setBusy] = useState(false);
  const [checked] = useLoad(['claimFileCheck', office.id, month, version.version, submitted], () =>
    api.claimFileProblems(office.id, month, version.version, submitted),
  );
  const [files, reloadFiles] = useLoad(['claimFilesMade', office.id, version.id], () =>
    api.claimFilesMade(office.id, version.id),
  );
  const canWrite = me.user.role !== 'readonly';
  const problems: ClaimFileIssue[] = refused ?? checked.data?.problems ?? [];
  const ready = checked.state === 'ok' && checked.data.problems.length === 0;

  const make = async () => {
    setFieldProblems([]);
    setBusy(true);
    setMade(null);
    try {
      const file = await api.claimFile(office.id, month, version.version, submitted);
      save(file);
      setMade(file);
      setRefused(null);
      notify(`伝送ファイル ${file.fileName} を作成しました（明細書 ${file.statements}件）`);
      reloadFiles();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setRefused(err.problems as ClaimFileIssue[]);
      else setFieldProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const unconfirmed = made ? made.unconfirmedCodes : ready ? (checked.data?.unconfirmedCodes ?? []) : [];
  const history = (files.data ?? []).map((e) => ({
    at: e.at,
    actor: e.actor,
    ...(e.after as ClaimFileRecord),
  }));
  return (
    <section className="card claim-file" aria-labelledby="claim-file-title">
      <h2 id="claim-file-title">国保連への請求（伝送ファイル）</h2>
      <p className="muted small">
        第{version.version}
        版の請求から、介護給付費請求書と明細書（居宅療養管理指導）の伝送ファイルを作成します。
        記録を直したときは、もう一度締めてから作成してください。
      </p>
      <div className="row claim-file-actions">
        <Field label="審査月" path="submitted" problems={fieldProblems} hint="ふつうはサービス提供月の翌月">
          {(p) => (
            <select
              {...p}
              name="submitted"
              value={submitted}
              onChange={(e) => {
                setSubmitted(e.target.value);
                setRefused(null);
                setMade(null);
              }}
            >
              {SUBMIT_MONTHS.map((n) => {
                const m = addMonths(month, n);
                return (
                  <option key={m} value={m}>
                    {formatWareki(m)}
                    {n > 1 ? '（月遅れ）' : ''}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        {canWrite ? (
          <button type="button" className="primary" onClick={() => void make()} disabled={busy}>
            {busy ? '作成しています…' : '伝送ファイルを作成'}
          </button>
        ) : null}
        {ready ? (
          <a
            className="button"
            href={api.claimFormsUrl(office.id, month, version.version, submitted)}
            target="_blank"
            rel="noopener"
          >
            請求書・明細書を印刷
          </a>
        ) : null}
      </div>
      {fieldProblems.some((p) => p.path !== 'submitted') ? (
        <div className="form-errors" role="alert">
          {fieldProblems.map((p, i) => (
            <p key={i}>{p.message}</p>
          ))}
        </div>
      ) : null}
      {problems.length > 0 ? (
        <div className="form-errors claim-file-problems" role="alert" data-testid="claim-file-problems">
          <p>
            <strong>伝送ファイルを作成できません。</strong>次の{problems.length}
            件を直してから、この月をもう一度締めてください。
          </p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.message}
                {p.patientId ? (
                  <>
                    {' '}
                    <a href={hrefOf({ name: 'patient', id: p.patientId })}>
                      {p.patientName ?? '利用者'}さんの画面を開く
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : ready && !made ? (
        <p className="ok-text" role="status">
          明細書 {count(checked.data?.statements ?? 0)} 件の伝送ファイルを作成できます（審査月{' '}
          {formatWareki(submitted)}）。
        </p>
      ) : null}
      {made ? (
        <p className="ok-text" role="status" data-testid="claim-file-made">
          {made.fileName} を作成しました（明細書 {count(made.statements)} 件、審査月{' '}
          {formatWareki(made.submitted)}）。SHA-256 <span className="mono">{made.sha256.slice(0, 16)}…</span>
        </p>
      ) : null}
      {unconfirmed.length > 0 ? (
        <p className="notice">
          未確認のサービスコードを使っています（{unconfirmed.join('、')}
          ）。提出の前に国保中央会の取込チェックで確かめてください。
        </p>
      ) : null}
      {history.length > 0 ? (
        <table className="data compact claim-files">
          <caption>この版から作成した伝送ファイル</caption>
          <thead>
            <tr>
              <th scope="col">作成日時</th>
              <th scope="col">作成者</th>
              <th scope="col">ファイル</th>
              <th scope="col">審査月</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {history.map((f, i) => (
              <tr key={i}>
                <td>{new Date(f.at).toLocaleString('ja-JP')}</td>
                <td>{actorName(me, f.actor)}</td>
                <td className="mono">{f.fileName}</td>
                <td>{formatWareki(f.submitted)}</td>
                <td className="mono small">{f.sha256.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
