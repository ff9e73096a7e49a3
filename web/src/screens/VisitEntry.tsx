// 訪問入力: a month's paper log typed in with the keyboard. Before a visit is saved, the engine says whether
// it will be billed (POST …/visits/check); Enter saves; the form keeps the patient and the profession for
// the next line.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, type Problem, type Staff, type Visit, type VisitInput } from '../api.js';
import { check as checkSchema, visitInputSchema } from '../../../src/contract/schemas.js';
import { visitFlagJa } from '../../../src/contract/fields.js';
import { comparePatients } from '../../../src/contract/order.js';
import { kyotakuAdditions, professions, type Profession } from '../../../src/core/input.js';
import { Check, Field, FormErrors } from '../components/Field.js';
import { DateField, useDateProblems } from '../components/DateField.js';
import { PatientPicker } from '../components/PatientPicker.js';
import { CheckPanel, type CheckState } from '../components/CheckPanel.js';
import { RuleRef } from '../components/RuleRef.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { afterCloseNote, useClosedVersion } from '../components/ClosedBanner.js';
import { problemsOf, useApp, useLoad } from '../context.js';
import {
  addDays,
  addMonths,
  formatWareki,
  lastDayOfMonth,
  kyotakuAdditionJa,
  professionJa,
  recordKindJa,
  shortDate,
} from '../format.js';
import { ReportStateChip, type ReportState } from '../reports/ReportLink.js';
import { reportHref } from '../reports/route.js';
import { visitDate, visitLabel } from '../visits.js';
import { proposeFromLastMonth, type Proposal } from '../pattern.js';
import { billsOnReports } from '../../../src/contract/reportsRequired.js';
import {
  editable,
  formOfVisit,
  initialForm,
  inputOfVisit,
  kinds,
  visitInputOf,
  type Form,
  type Kind,
} from './visitEntry/form.js';
import { MonthVisits } from './visitEntry/MonthVisits.js';
import { focusFirstInvalid } from '../focus.js';
import { Proposals } from './visitEntry/Proposals.js';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const reportOrder: ReportState[] = ['none', 'draft', 'problem', 'sent'];

/**
 * 訪問入力. Mounted once per office (the shell keys it by the office): switching office starts a fresh form,
 * so no profession, staff member or tick of another office is kept, and no request names its records.
 */
export function VisitEntry({ patientId }: { patientId?: string }) {
  const { office, month, notify, me } = useApp();
  const readonly = me.user.role === 'readonly';
  const [patients] = useLoad(['patients', office.id], () => api.patients(office.id));
  const [staff] = useLoad(['staff', office.id], () => api.staff(office.id));
  const [visits, reloadVisits] = useLoad(['visits', office.id, month], () => api.visits(office.id, month));
  // Each visit's verdict as if reported, beside its report's state (K24-2a), for the month's list.
  const [review, reloadReview] = useLoad(['review', office.id, month], () => api.review(office.id, month));
  // K24-2a: from the office's reportsRequiredFrom month on, a visit bills on its report record, not on a tick box.
  const onReports = billsOnReports(office, month);
  const closed = useClosedVersion();

  const [form, setForm] = useState<Form>(() => initialForm(office, patientId));
  // The saved visit being edited (編集 in the month's list): saving replaces it (PUT), and the check leaves it
  // out of the month so that it is not counted twice (POST …/visits/:visitId/check).
  const [editing, setEditing] = useState<Visit | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [check, setCheck] = useState<CheckState>({
    state: 'idle',
    hint: '利用者と日付を入れると、保存する前に算定できるかを表示します。',
  });
  const [busy, setBusy] = useState(false);
  const [proposals, setProposals] = useState<Proposal[] | null>(null);
  const patientRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const [dateProblem, setDateProblem] = useState<string | null>(null);
  const [otherDateProblems, otherDateProblem] = useDateProblems();
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    if (patientId) setForm((f) => ({ ...f, patientId }));
  }, [patientId]);

  // The date stays in the chosen month.
  useEffect(() => {
    setForm((f) => (f.date && f.date.slice(0, 7) !== month ? { ...f, date: '' } : f));
    setEditing((e) => (e && visitDate(e)?.slice(0, 7) !== month ? null : e));
  }, [month]);

  const staffOf = useMemo(
    () => (staff.data ?? []).filter((s: Staff) => !s.retired && s.profession === form.profession),
    [staff.data, form.profession],
  );
  const patientName = useMemo(() => {
    const m = new Map((patients.data ?? []).map((p) => [p.id, p.name]));
    return (id: string) => m.get(id) ?? id;
  }, [patients.data]);
  const staffName = useMemo(() => new Map((staff.data ?? []).map((x) => [x.id, x.name])), [staff.data]);
  const visitById = useMemo(() => new Map((visits.data ?? []).map((v) => [v.id, v])), [visits.data]);
  const labelOfRecord = useCallback(
    (id: string) => {
      const v = visitById.get(id);
      return v ? `${visitDate(v) ? shortDate(visitDate(v) ?? '') : ''}の${visitLabel(v)}` : '訪問';
    },
    [visitById],
  );

  // Ask the engine as soon as the visit is complete enough, a moment after the last keystroke.
  const body = useMemo(() => visitInputOf(form, onReports), [form, onReports]);
  const bodyKey = JSON.stringify(body);
  useEffect(() => {
    if (!form.patientId || !isDate(form.date)) {
      setCheck({ state: 'idle', hint: '利用者と日付を入れると、保存する前に算定できるかを表示します。' });
      return;
    }
    const local = checkSchema(visitInputSchema, body);
    if (!local.ok) {
      setCheck({ state: 'error', messages: local.problems.map((p) => p.message) });
      return;
    }
    let live = true;
    setCheck({ state: 'checking' });
    const t = window.setTimeout(() => {
      (editing
        ? api.checkEdit(office.id, editing.id, local.value as VisitInput)
        : api.checkVisit(office.id, local.value as VisitInput)
      ).then(
        (answer) => live && setCheck({ state: 'done', answer }),
        (e: unknown) => live && setCheck({ state: 'error', messages: problemsOf(e).map((p) => p.message) }),
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- bodyKey stands for body
  }, [bodyKey, office.id, visits.data, editing]);

  const applyEarliest = useCallback((date: string) => {
    if (!date) return;
    setForm((f) => ({ ...f, date }));
    setDateProblem(null);
    dateRef.current?.focus();
  }, []);

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (readonly) return;
    const local: Problem[] = [];
    if (!form.patientId) local.push({ path: 'patientId', message: '利用者を選んでください' });
    if (dateProblem) local.push({ path: 'date', message: dateProblem });
    local.push(
      ...otherDateProblems.filter(
        (p) => p.path !== 'specialInstructionDate' || form.profession === 'dietitian',
      ),
    );
    const parsed = checkSchema(visitInputSchema, body);
    if (!parsed.ok)
      local.push(
        ...parsed.problems.filter(
          (p) => (p.path !== 'patientId' || form.patientId) && (p.path !== 'date' || !dateProblem),
        ),
      );
    if (form.date && form.date.slice(0, 7) !== month) {
      local.push({
        path: 'date',
        message: `日付を${formatWareki(month)}の中にしてください（月は画面上部で変えられます）`,
      });
    }
    setProblems(local);
    if (local.length > 0 || !parsed.ok) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      const saved = editing
        ? await api.updateVisit(office.id, editing.id, parsed.value as VisitInput)
        : await api.createVisit(office.id, parsed.value as VisitInput);
      const verdict = check.state === 'done' && !check.answer.billable ? '（算定不可として記録）' : '';
      notify(
        `${patientName(saved.patientId)}さん ${shortDate(form.date)} ${visitLabel(saved)} を${editing ? '変更' : '保存'}しました${verdict}${closed ? `。${afterCloseNote(closed)}` : ''}`,
      );
      if (editing) stopEditing();
      setProblems([]);
      reloadVisits();
      reloadReview();
      dateRef.current?.focus();
      dateRef.current?.select?.();
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const startEditing = (v: Visit) => {
    setEditing(v);
    setForm(formOfVisit(v, office));
    setDateProblem(null);
    setProblems([]);
    window.setTimeout(() => dateRef.current?.focus(), 0);
  };
  function stopEditing() {
    setEditing(null);
    setForm((f) => ({ ...initialForm(office, f.patientId), kind: f.kind, profession: f.profession }));
  }

  const clear = () => {
    if (editing) {
      stopEditing();
      setProblems([]);
      dateRef.current?.focus();
      return;
    }
    setForm((f) => ({ ...f, date: '', additions: [], online: false }));
    setDateProblem(null);
    setProblems([]);
    dateRef.current?.focus();
  };

  const copyLastMonth = useCallback(async () => {
    const prev = addMonths(month, -1);
    try {
      const [last, now] = await Promise.all([
        api.visits(office.id, prev, form.patientId || undefined),
        api.visits(office.id, month, form.patientId || undefined),
      ]);
      // Checked all together with the month's saved visits (Proposals: one engine run).
      setProposals(proposeFromLastMonth(last.map(inputOfVisit), now.map(inputOfVisit), month));
    } catch (err) {
      notify(problemsOf(err)[0]?.message ?? '先月の訪問を読み込めませんでした', 'error');
    }
  }, [month, office.id, form.patientId, notify]);

  const deleteVisit = async (v: Visit) => {
    const question = closed
      ? `この訪問を削除しますか？\n${afterCloseNote(closed)}`
      : 'この訪問を削除しますか？';
    if (!window.confirm(question)) return;
    try {
      await api.deleteVisit(office.id, v.id);
      notify(`訪問を削除しました${closed ? `。${afterCloseNote(closed)}` : ''}`);
      reloadVisits();
      reloadReview();
    } catch (err) {
      notify(problemsOf(err)[0]?.message ?? '削除できませんでした', 'error');
    }
  };

  // Shortcuts of this screen: Alt+E earliest date, Alt+C copy last month, Alt+N focus the patient.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key.toLowerCase();
      if (k === 'e' && check.state === 'done' && check.answer.earliestDate && !check.answer.billable) {
        e.preventDefault();
        applyEarliest(check.answer.earliestDate);
      } else if (k === 'c') {
        e.preventDefault();
        void copyLastMonth();
      } else if (k === 'n') {
        e.preventDefault();
        patientRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [check, applyEarliest, copyLastMonth]);

  // Enter saves from any control of the form (checkboxes and selects too); Esc clears the visit.
  const onFormKey = (e: KeyboardEvent<HTMLFormElement>) => {
    const t = e.target as HTMLElement;
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && t.tagName !== 'BUTTON' && t.tagName !== 'TEXTAREA') {
      if (t.getAttribute('role') === 'combobox' && t.getAttribute('aria-expanded') === 'true') return;
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      clear();
    }
  };

  // In date order; on one day the patients by kana (one comparator), then as entered.
  const monthVisits = useMemo(() => {
    const byId = new Map((patients.data ?? []).map((p) => [p.id, p]));
    const kana = (a: string, b: string) => {
      const pa = byId.get(a);
      const pb = byId.get(b);
      return pa && pb ? comparePatients(pa, pb) : a.localeCompare(b);
    };
    return [...(visits.data ?? [])]
      .filter((v) => !form.patientId || v.patientId === form.patientId)
      .sort(
        (a, b) =>
          (visitDate(a) ?? '').localeCompare(visitDate(b) ?? '') ||
          kana(a.patientId, b.patientId) ||
          a.createdAt.localeCompare(b.createdAt),
      );
  }, [visits.data, form.patientId, patients.data]);

  // K24-2a: where this patient's reports of this profession stand this month (the worst of their visits).
  const entryReportState: ReportState = useMemo(() => {
    const ids = new Set(
      (visits.data ?? [])
        .filter(
          (v) => v.kind === 'kyotaku' && v.patientId === form.patientId && v.profession === form.profession,
        )
        .map((v) => v.id),
    );
    const states = (review.data?.visits ?? [])
      .filter((v) => ids.has(v.visitId))
      .map((v) => v.report?.state ?? 'none');
    return states.length === 0
      ? 'none'
      : reportOrder[Math.min(...states.map((x) => reportOrder.indexOf(x)))]!;
  }, [visits.data, review.data, form.patientId, form.profession]);

  const common = { problems };
  const prof = form.profession;
  const refused = check.state === 'done' && !check.answer.billable;
  const saveLabel = editing
    ? refused
      ? '算定不可として変更を保存'
      : '変更を保存'
    : refused
      ? '算定不可として保存'
      : '保存';

  return (
    <section aria-labelledby="visit-title">
      <div className="page-head">
        <h1 id="visit-title" tabIndex={-1}>
          訪問入力 <span className="subtitle">{formatWareki(month)}</span>
        </h1>
        <div className="actions">
          <button
            type="button"
            onClick={() => void copyLastMonth()}
            aria-keyshortcuts="Alt+C"
            disabled={readonly}
          >
            先月のパターンをコピー <kbd>Alt+C</kbd>
          </button>
        </div>
      </div>
      {readonly ? (
        <p className="notice">閲覧のみの権限のため、訪問は保存できません（判定は確認できます）。</p>
      ) : null}
      <div className="entry-layout">
        <form
          ref={formRef}
          className="card entry-form"
          onSubmit={save}
          onKeyDown={onFormKey}
          noValidate
          aria-label={editing ? '訪問の編集' : '訪問の入力'}
        >
          {editing ? (
            <p className="notice small editing-note" role="status" data-testid="editing">
              {shortDate(visitDate(editing) ?? '')}の{visitLabel(editing)}（{patientName(editing.patientId)}
              さん）を編集しています。
              {form.date && shortDate(form.date) !== shortDate(visitDate(editing) ?? '')
                ? `訪問日を${shortDate(form.date)}に変えます。`
                : ''}
              保存すると記録を置き換えます（変更は記録に残ります）。
            </p>
          ) : null}
          <div className="row">
            <Field label="利用者" path="patientId" required className="grow" {...common}>
              {(p) => (
                <PatientPicker
                  {...p}
                  ref={patientRef}
                  patients={patients.data ?? []}
                  value={form.patientId}
                  onChange={(id) => set('patientId', id)}
                  onPicked={() => dateRef.current?.focus()}
                />
              )}
            </Field>
            <DateField
              label="訪問日"
              path="date"
              required
              className="w-date"
              month={month}
              hint="日だけ（5）、7/5、2024-07-05、令和6年7月5日。↑↓で前後の日"
              name="date"
              inputRef={dateRef}
              selectOnFocus
              value={form.date}
              onChange={(v, problem) => {
                set('date', v);
                setDateProblem(problem);
              }}
              onKeyDown={(e) => {
                if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.altKey) {
                  e.preventDefault();
                  const base = form.date || `${month}-01`;
                  set('date', form.date ? addDays(base, e.key === 'ArrowUp' ? 1 : -1) : base);
                  setDateProblem(null);
                }
              }}
              {...common}
            />
            <Field label="種類" path="kind" className="w-kind" {...common}>
              {(p) => (
                <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {recordKindJa[k]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>

          {form.kind === 'kyotaku' ? (
            <>
              <div className="row">
                <Field label="職種" path="profession" {...common}>
                  {(p) => (
                    <select
                      {...p}
                      value={prof}
                      onChange={(e) =>
                        setForm((f) => ({ ...f, profession: e.target.value as Profession, staffId: '' }))
                      }
                    >
                      {professions.map((x) => (
                        <option key={x} value={x}>
                          {professionJa[x]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="担当者" path="staffId" {...common}>
                  {(p) => (
                    <select {...p} value={form.staffId} onChange={(e) => set('staffId', e.target.value)}>
                      <option value="">（指定なし）</option>
                      {staffOf.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {prof === 'dietitian' ? (
                  <DateField
                    label="特別の指示日"
                    path="specialInstructionDate"
                    hint="医師の特別の指示があるとき"
                    month={month}
                    value={form.specialInstructionDate}
                    onChange={(v, problem) => {
                      set('specialInstructionDate', v);
                      otherDateProblem('specialInstructionDate')(v, problem);
                    }}
                    {...common}
                  />
                ) : null}
              </div>
              <fieldset className="checks">
                <legend>この訪問で</legend>
                {onReports ? (
                  <p className="hint full report-entry-state" data-testid="report-state">
                    情報提供書：
                    <ReportStateChip state={entryReportState} />
                    {form.patientId ? (
                      <a
                        href={reportHref({
                          name: 'report',
                          patientId: form.patientId,
                          profession: prof,
                          month,
                        })}
                      >
                        情報提供書を作成
                      </a>
                    ) : null}
                    <br />
                    この事業所では{formatWareki(office.reportsRequiredFrom)}
                    から、情報提供は情報提供書の記録で判定します。訪問を保存したら、一覧の「情報提供書」から作成して、
                    {shortDate(lastDayOfMonth(month))}
                    までに送付してください（月締めで、送付済みの情報提供書がない訪問は算定できません）。
                    <RuleRef rule="K24-2a" />
                  </p>
                ) : (
                  <Check checked={form.reported} onChange={(v) => set('reported', v)}>
                    {visitFlagJa.reported}
                  </Check>
                )}
                {['pharmacist', 'dietitian', 'dental_hygienist'].includes(prof) ? (
                  <Check checked={form.instructed} onChange={(v) => set('instructed', v)}>
                    {visitFlagJa.instructed}
                  </Check>
                ) : null}
                {['doctor', 'dentist'].includes(prof) ? (
                  <Check checked={form.examined} onChange={(v) => set('examined', v)}>
                    {visitFlagJa.examined}
                  </Check>
                ) : null}
                {prof === 'pharmacist' ? (
                  <Check checked={form.online} onChange={(v) => set('online', v)}>
                    {visitFlagJa.online}
                  </Check>
                ) : null}
                {prof === 'dietitian' ? (
                  <Check checked={form.dietitianExternal} onChange={(v) => set('dietitianExternal', v)}>
                    {visitFlagJa.dietitianExternal}
                  </Check>
                ) : null}
              </fieldset>
              {prof === 'pharmacist' ? (
                <fieldset className="checks">
                  <legend>加算</legend>
                  {kyotakuAdditions.map((a) => (
                    <label key={a}>
                      <input
                        type="checkbox"
                        checked={form.additions.includes(a)}
                        onChange={(e) =>
                          set(
                            'additions',
                            e.target.checked ? [...form.additions, a] : form.additions.filter((x) => x !== a),
                          )
                        }
                      />
                      {kyotakuAdditionJa[a]}
                    </label>
                  ))}
                </fieldset>
              ) : null}
            </>
          ) : null}
          {form.kind === 'c006' ? (
            <div className="row">
              <Field label="単位数（20分で1単位）" path="units" {...common}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={1}
                    max={24}
                    value={form.units}
                    onChange={(e) => set('units', e.target.value)}
                  />
                )}
              </Field>
              <Field label="交通費（円・実費）" path="transportYen" {...common}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={0}
                    value={form.transportYen}
                    onChange={(e) => set('transportYen', e.target.value)}
                  />
                )}
              </Field>
            </div>
          ) : null}
          {form.kind === 'home_rehab' ? (
            <div className="row">
              <Field label="時間（分）" path="minutes" {...common}>
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    min={1}
                    value={form.minutes}
                    onChange={(e) => set('minutes', e.target.value)}
                  />
                )}
              </Field>
            </div>
          ) : null}
          {form.kind === 'home_help' ? (
            <div className="row">
              <Field label="区分" path="category" {...common}>
                {(p) => (
                  <select {...p} value={form.category} onChange={(e) => set('category', e.target.value)}>
                    <option value="body_under30">身体介護 30分未満</option>
                    <option value="life_30to60">生活援助 30分以上1時間未満</option>
                  </select>
                )}
              </Field>
            </div>
          ) : null}

          <FormErrors
            problems={problems}
            shown={[
              'patientId',
              'date',
              'kind',
              'profession',
              'staffId',
              'specialInstructionDate',
              'units',
              'transportYen',
              'minutes',
              'category',
            ]}
          />
          {closed ? (
            <p className="notice small after-close" data-testid="after-close">
              {afterCloseNote(closed)}
            </p>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              className={refused ? 'primary danger' : 'primary'}
              disabled={busy || readonly}
            >
              {busy ? '保存中…' : saveLabel} <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={clear}>
              {editing ? '編集をやめる' : '取り消し'} <kbd>Esc</kbd>
            </button>
          </div>
        </form>
        <CheckPanel check={check} onUseEarliest={applyEarliest} labelOfRecord={labelOfRecord} />
      </div>

      {proposals ? (
        <Proposals
          key={JSON.stringify(proposals.map((p) => p.input ?? p.from))}
          proposals={proposals}
          title={form.patientId ? `${patientName(form.patientId)}さん` : '全員'}
          patientName={patientName}
          labelOfRecord={labelOfRecord}
          onClose={() => setProposals(null)}
          onSaved={() => {
            setProposals(null);
            reloadVisits();
            reloadReview();
          }}
        />
      ) : null}

      <h2>
        {formatWareki(month)}の訪問{form.patientId ? `：${patientName(form.patientId)}さん` : '（全員）'}
      </h2>
      <LoadProblems loaded={visits} />
      <LoadProblems loaded={review} />
      <MonthVisits
        visits={visits.state === 'ok' || visits.data ? monthVisits : []}
        review={review.data}
        patientName={patientName}
        staffName={staffName}
        {...(readonly
          ? {}
          : {
              onDelete: (v: Visit) => void deleteVisit(v),
              onEdit: (v: Visit) => startEditing(v),
              canEdit: editable,
              editingId: editing?.id,
            })}
      />
    </section>
  );
}
