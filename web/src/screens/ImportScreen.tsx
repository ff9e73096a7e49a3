// CSV取込: a spreadsheet's visits or patients, chosen as a file (UTF-8 or Shift_JIS) or pasted, first
// read by the server's dry run (…/import/:kind/preview: the same reading and checks as the import, nothing
// written) and shown as the rows that will be imported and each row error (line, column, message); then,
// once the clerk confirms, imported (all rows, or only the good ones when some rows have errors).
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, type ImportPreview, type PatientInput, type Problem, type VisitInput } from '../api.js';
import { formatDateJa } from '../../../src/contract/dateText.js';
import { careLevelJa, professionJa, recordKindJa, residenceJa } from '../../../src/contract/labels.js';
import { FormErrors } from '../components/Field.js';
import { problemsOf, queryClient, useApp, useLoad } from '../context.js';
import { focusFirstInvalid } from '../focus.js';
import { EmptyRow } from '../components/Table.js';
import './office.css';

type Kind = 'visits' | 'patients';
const kindJa: Record<Kind, string> = { visits: '訪問の記録', patients: '利用者' };

export function ImportScreen() {
  const { office, me, notify } = useApp();
  const canWrite = me.user.role !== 'readonly';
  const [kind, setKind] = useState<Kind>('visits');
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), text: useId(), hint: useId(), error: useId() };
  const [patients] = useLoad(['patients', office.id], () => api.patients(office.id));
  const patientName = useMemo(() => {
    const m = new Map((patients.data ?? []).map((p) => [p.id, p.name]));
    return (id: string) => m.get(id) ?? id;
  }, [patients.data]);
  const body = (): Blob | string | null => file ?? (text.trim() ? text : null);
  const sourceError = problems.filter((p) => p.path === 'file');

  const runPreview = async (e: FormEvent) => {
    e.preventDefault();
    const csv = body();
    setPreview(null);
    if (!csv) {
      setProblems([{ path: 'file', message: 'CSV ファイルを選ぶか、CSV を貼り付けてください' }]);
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      setPreview(await api.importPreview(office.id, kind, csv));
      setProblems([]);
    } catch (err) {
      // A file that cannot be read at all (encoding, quotes, no data row): its message at the file's field.
      setProblems(problemsOf(err).map((p) => ({ ...p, path: 'file', message: withLine(p) })));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    const csv = body();
    if (!csv || !preview) return;
    const partial = preview.errors.length > 0;
    const question = partial
      ? `誤りのある行を除いて、${preview.rows.length}件の${kindJa[kind]}を取り込みますか？`
      : `${preview.rows.length}件の${kindJa[kind]}を取り込みますか？`;
    if (!window.confirm(question)) return;
    setBusy(true);
    try {
      const out = await api.importCsv(office.id, kind, csv, partial);
      notify(`${out.imported}件の${kindJa[kind]}を取り込みました`);
      await queryClient.invalidateQueries({ queryKey: [kind, office.id] });
      setPreview(null);
      setFile(null);
      setText('');
      if (fileRef.current) fileRef.current.value = '';
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-title">
      <div className="page-head">
        <h1 id="import-title" tabIndex={-1}>
          CSV取込
        </h1>
      </div>
      <p className="lead">
        表計算ソフトで作った CSV（UTF-8 または
        Shift_JIS、1行目は見出し）から取り込みます。先に内容を確認し、取り込まれる行と誤りのある行を見てから取り込みます。
      </p>
      {!canWrite ? <p className="notice">閲覧のみの権限のため、取り込みはできません。</p> : null}
      <form className="card" onSubmit={runPreview} noValidate aria-label="CSV の選択">
        <fieldset className="checks" disabled={!canWrite}>
          <legend>取り込むもの</legend>
          {(['visits', 'patients'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="import-kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setPreview(null);
                }}
              />
              {kindJa[k]}
            </label>
          ))}
        </fieldset>
        <div className={`field${sourceError.length ? ' field-invalid' : ''}`}>
          <div className="label-row">
            <label htmlFor={ids.file}>CSV ファイル</label>
          </div>
          <input
            id={ids.file}
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            disabled={!canWrite}
            aria-invalid={sourceError.length > 0}
            aria-describedby={[ids.hint, sourceError.length ? ids.error : ''].filter(Boolean).join(' ')}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
          <div className="hint" id={ids.hint}>
            ファイルを選ばないときは、下の欄に貼り付けた CSV を読みます
          </div>
          {sourceError.length ? (
            <div className="field-error" id={ids.error} role="alert">
              {sourceError.map((p) => p.message).join(' ')}
            </div>
          ) : null}
        </div>
        <div className="field">
          <div className="label-row">
            <label htmlFor={ids.text}>CSV を貼り付け</label>
          </div>
          <textarea
            id={ids.text}
            rows={6}
            className="csv-text"
            disabled={!canWrite || file !== null}
            value={text}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
          />
        </div>
        <FormErrors problems={problems} shown={['file']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !canWrite}>
            内容を確認（まだ取り込みません）
          </button>
        </div>
      </form>
      {preview ? (
        <PreviewView
          preview={preview}
          patientName={patientName}
          busy={busy}
          onImport={() => void runImport()}
        />
      ) : null}
    </section>
  );
}

function withLine(p: Problem): string {
  return p.path && p.path !== 'file' ? `${p.path}: ${p.message}` : p.message;
}

function PreviewView({
  preview,
  patientName,
  busy,
  onImport,
}: {
  preview: ImportPreview;
  patientName: (id: string) => string;
  busy: boolean;
  onImport: () => void;
}) {
  const { kind, rows, errors } = preview;
  const badRows = new Set(errors.map((e) => e.row)).size;
  return (
    <section className="card import-preview" aria-labelledby="preview-title" data-testid="import-preview">
      <h2 id="preview-title" tabIndex={-1}>
        確認: {kindJa[kind]} {rows.length}件を取り込めます
        {errors.length ? `（誤りのある行 ${badRows}行）` : ''}
      </h2>
      <p className="muted">ファイルのデータ行 {preview.rowsInFile}行。まだ何も保存していません。</p>
      {errors.length ? (
        <>
          <h3>誤りのある行</h3>
          <table className="data compact" data-testid="import-errors">
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">列</th>
                <th scope="col">理由</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={i} className="row-warn">
                  <td>{e.row}行目</td>
                  <td>{e.column || '（行全体）'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h3>取り込まれる行</h3>
      <table className="data compact" data-testid="import-rows">
        <thead>
          {kind === 'visits' ? (
            <tr>
              <th scope="col">行</th>
              <th scope="col">利用者</th>
              <th scope="col">日付・年月</th>
              <th scope="col">種類</th>
              <th scope="col">職種</th>
            </tr>
          ) : (
            <tr>
              <th scope="col">行</th>
              <th scope="col">氏名</th>
              <th scope="col">フリガナ</th>
              <th scope="col">被保険者番号</th>
              <th scope="col">要介護度</th>
              <th scope="col">住まい</th>
            </tr>
          )}
        </thead>
        <tbody>
          {rows.map((r, i) =>
            kind === 'visits' ? (
              <VisitRow key={i} row={r.row} v={r.value as VisitInput} patientName={patientName} />
            ) : (
              <PatientRow key={i} row={r.row} p={r.value as PatientInput} />
            ),
          )}
          {rows.length === 0 ? <EmptyRow columns={6} text="取り込める行はありません。" /> : null}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" disabled={busy || rows.length === 0} onClick={onImport}>
          {errors.length ? `誤りのある行を除いて ${rows.length}件を取り込む` : `${rows.length}件を取り込む`}
        </button>
      </div>
    </section>
  );
}

function VisitRow({
  row,
  v,
  patientName,
}: {
  row: number | null;
  v: VisitInput;
  patientName: (id: string) => string;
}) {
  return (
    <tr>
      <td>{row === null ? '' : `${row}行目`}</td>
      <td>{patientName(v.patientId)}</td>
      <td>{'date' in v ? formatDateJa(v.date) : v.month}</td>
      <td>{recordKindJa[v.kind]}</td>
      <td>{v.kind === 'kyotaku' ? professionJa[v.profession] : ''}</td>
    </tr>
  );
}

function PatientRow({ row, p }: { row: number | null; p: PatientInput }) {
  const cert = p.certifications?.[0];
  const res = p.residences?.[0];
  return (
    <tr>
      <td>{row === null ? '' : `${row}行目`}</td>
      <td>{p.name}</td>
      <td>{p.kana ?? ''}</td>
      <td>{p.insuredNumber ?? ''}</td>
      <td>{cert ? careLevelJa[cert.level] : ''}</td>
      <td>{res ? residenceJa[res.kind] : ''}</td>
    </tr>
  );
}
