// 訪問入力: a month's paper log typed in with the keyboard. Before a visit is saved, the engine says whether
// it will be billed (POST …/visits/check); Enter saves; the form keeps the patient and the profession for
// the next line.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, type Problem, type Staff, type Visit, type VisitInput } from '../api.js';
import { check as checkSchema, visitInputSchema } from '../../../src/contract/schemas.js';
import { kyotakuAdditions, professions, type Profession } from '../../../src/core/input.js';
import { Field, FormErrors } from '../components/Field.js';
import { PatientPicker } from '../components/PatientPicker.js';
import { CheckPanel, type CheckState } from '../components/CheckPanel.js';
import { RuleRef } from '../components/RuleRef.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { problemsOf, useApp, useLoad } from '../context.js';
import { useHumanize } from '../staffNames.js';
import {
  addDays,
  addMonths,
  formatWareki,
  kyotakuAdditionJa,
  professionJa,
  recordKindJa,
  shortDate,
  weekdayJa,
} from '../format.js';
import { parseVisitDate, visitDateText } from '../dayInput.js';
import { hrefOf } from '../router.js';
import { ReportLink, ReportStateChip, reportStateOf } from '../reports/ReportLink.js';
import { reportsApi } from '../reports/api.js';
import { reportHref } from '../reports/route.js';
import { verdictOf, visitDate, visitLabel } from '../visits.js';
import { proposeFromLastMonth, type Proposal } from '../pattern.js';
import type { Office } from '../../../src/contract/types.js';
import { billsOnReports } from '../../../src/contract/reportsRequired.js';

type Kind = 'kyotaku' | 'c006' | 'home_nursing' | 'home_rehab' | 'home_help';
const kinds: Kind[] = ['kyotaku', 'c006', 'home_nursing', 'home_rehab', 'home_help'];

interface Form {
  patientId: string;
  date: string;
  kind: Kind;
  profession: Profession;
  staffId: string;
  online: boolean;
  reported: boolean;
  instructed: boolean;
  examined: boolean;
  dietitianExternal: boolean;
  specialInstructionDate: string;
  additions: string[];
  units: string;
  transportYen: string;
  minutes: string;
  category: string;
}

function defaultsFor(office: Office): Pick<Form, 'kind' | 'profession'> {
  switch (office.kind) {
    case 'pharmacy':
      return { kind: 'kyotaku', profession: 'pharmacist' };
    case 'dental_clinic':
      return { kind: 'kyotaku', profession: 'dentist' };
    case 'visiting_nursing':
      return { kind: 'home_nursing', profession: 'nurse' };
    case 'home_help':
      return { kind: 'home_help', profession: 'doctor' };
    default:
      return { kind: 'kyotaku', profession: 'doctor' };
  }
}

/**
 * The API's body from the form: only the fields of the chosen kind; the engine's defaults left out. Where the
 * office bills the month on the reports (`onReports`, K24-2a) the visit is saved as reported: its report
 * record decides at the close, and until then the visit counts as planned (中6日, the monthly limits).
 */
export function visitInputOf(f: Form, onReports = false): Record<string, unknown> {
  const base = { kind: f.kind, patientId: f.patientId, date: f.date };
  switch (f.kind) {
    case 'kyotaku': {
      const reported = onReports || f.reported;
      const b: Record<string, unknown> = { ...base, profession: f.profession, reported };
      if (f.staffId) b.staffId = f.staffId;
      if (f.online && f.profession === 'pharmacist') b.online = true;
      if (['pharmacist', 'dietitian', 'dental_hygienist'].includes(f.profession) && !f.instructed)
        b.instructed = false;
      if (['doctor', 'dentist'].includes(f.profession) && !f.examined) b.examined = false;
      if (f.profession === 'dietitian') {
        if (f.dietitianExternal) b.dietitianExternal = true;
        if (f.specialInstructionDate) b.specialInstructionDate = f.specialInstructionDate;
      }
      const adds = f.profession === 'pharmacist' ? f.additions : [];
      if (adds.length) b.additions = adds;
      return b;
    }
    case 'c006': {
      const b: Record<string, unknown> = { ...base, units: f.units === '' ? undefined : Number(f.units) };
      if (f.transportYen !== '') b.transportYen = Number(f.transportYen);
      return b;
    }
    case 'home_rehab':
      return { ...base, minutes: f.minutes === '' ? undefined : Number(f.minutes) };
    case 'home_help':
      return { ...base, category: f.category };
    case 'home_nursing':
      return base;
  }
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

function inputOfVisit(v: Visit): VisitInput {
  const { id: _i, officeId: _o, createdAt: _c, updatedAt: _u, ...rest } = v;
  return rest as VisitInput;
}

export function VisitEntry({ patientId }: { patientId?: string }) {
  const { office, month, notify, me } = useApp();
  const readonly = me.user.role === 'readonly';
  const [patients] = useLoad(['patients', office.id], () => api.patients(office.id));
  const [staff] = useLoad(['staff', office.id], () => api.staff(office.id));
  const [visits, reloadVisits] = useLoad(['visits', office.id, month], () => api.visits(office.id, month));
  const [preview, reloadPreview] = useLoad(['preview', office.id, month], () =>
    api.preview(office.id, month),
  );
  // K24-2a: from the office's reportsRequiredFrom month on, a visit bills on its report record, not on a tick box.
  const onReports = billsOnReports(office, month);
  const [monthReports] = useLoad(['reports', office.id, month, onReports], () =>
    onReports ? reportsApi.list(office.id, { month }) : Promise.resolve([]),
  );

  const [form, setForm] = useState<Form>(() => ({
    patientId: patientId ?? '',
    date: '',
    ...defaultsFor(office),
    staffId: '',
    online: false,
    reported: true,
    instructed: true,
    examined: true,
    dietitianExternal: false,
    specialInstructionDate: '',
    additions: [],
    units: '1',
    transportYen: '',
    minutes: '20',
    category: 'body_under30',
  }));
  const [problems, setProblems] = useState<Problem[]>([]);
  const humanize = useHumanize();
  const [check, setCheck] = useState<CheckState>({
    state: 'idle',
    hint: '利用者と日付を入れると、保存する前に算定できるかを表示します。',
  });
  const [busy, setBusy] = useState(false);
  const [proposals, setProposals] = useState<(Proposal & { chosen: boolean; verdict?: string })[] | null>(
    null,
  );
  const patientRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const [dateText, setDateText] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    if (patientId) setForm((f) => ({ ...f, patientId }));
  }, [patientId]);

  // The date stays in the chosen month.
  useEffect(() => {
    setForm((f) => (f.date && f.date.slice(0, 7) !== month ? { ...f, date: '' } : f));
    setDateText((t) => (parseVisitDate(t, month)?.slice(0, 7) === month ? t : ''));
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
      api.checkVisit(office.id, local.value as VisitInput).then(
        (answer) => live && setCheck({ state: 'done', answer }),
        (e: unknown) => live && setCheck({ state: 'error', messages: problemsOf(e).map((p) => p.message) }),
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- bodyKey stands for body
  }, [bodyKey, office.id, visits.data]);

  const setDate = (text: string) => {
    setDateText(text);
    set('date', parseVisitDate(text, month) ?? '');
  };
  const applyEarliest = useCallback(
    (date: string) => {
      if (!date) return;
      setForm((f) => ({ ...f, date }));
      setDateText(visitDateText(date, month));
      dateRef.current?.focus();
    },
    [month],
  );

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (readonly) return;
    const local: Problem[] = [];
    if (!form.patientId) local.push({ path: 'patientId', message: '利用者を選んでください' });
    if (dateText.trim() !== '' && !form.date) {
      local.push({
        path: 'date',
        message: `「${dateText}」は日付として読めません（例: 5、7/5、2024-07-05）`,
      });
    }
    const parsed = checkSchema(visitInputSchema, body);
    if (!parsed.ok) local.push(...parsed.problems.filter((p) => p.path !== 'patientId' || form.patientId));
    if (form.date && form.date.slice(0, 7) !== month) {
      local.push({
        path: 'date',
        message: `日付を${formatWareki(month)}の中にしてください（月は画面上部で変えられます）`,
      });
    }
    setProblems(local);
    if (local.length > 0 || !parsed.ok) {
      window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const saved = await api.createVisit(office.id, parsed.value as VisitInput);
      const verdict = check.state === 'done' && !check.answer.billable ? '（算定不可として記録）' : '';
      notify(
        `${patientName(saved.patientId)}さん ${shortDate(form.date)} ${visitLabel(saved)} を保存しました${verdict}`,
      );
      setProblems([]);
      reloadVisits();
      reloadPreview();
      dateRef.current?.focus();
      dateRef.current?.select?.();
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const clear = () => {
    setForm((f) => ({ ...f, date: '', additions: [], online: false }));
    setDateText('');
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
      const list = proposeFromLastMonth(last.map(inputOfVisit), now.map(inputOfVisit), month).map((p) => ({
        ...p,
        chosen: p.input !== undefined,
      }));
      setProposals(list);
      // Ask the engine about each proposal, one by one (each against what is entered now).
      for (const [i, p] of list.entries()) {
        if (!p.input) continue;
        const input = p.input;
        api.checkVisit(office.id, input).then(
          (a) =>
            setProposals((ps) =>
              ps
                ? ps.map((x, j) =>
                    j === i
                      ? {
                          ...x,
                          verdict: a.billable
                            ? `算定可${a.columnName ? `・${a.columnName}` : ''}${a.reportPending ? '（情報提供書の送付後）' : ''}`
                            : `算定不可：${humanize(a.asked.rejections[0]?.message ?? '')}`,
                          chosen: x.chosen && a.billable,
                        }
                      : x,
                  )
                : ps,
            ),
          () => undefined,
        );
      }
    } catch (err) {
      notify(problemsOf(err)[0]?.message ?? '先月の訪問を読み込めませんでした', 'error');
    }
  }, [month, office.id, form.patientId, notify, humanize]);

  const saveProposals = async () => {
    if (!proposals) return;
    let n = 0;
    const failed: string[] = [];
    for (const p of proposals) {
      if (!p.chosen || !p.input) continue;
      try {
        await api.createVisit(office.id, p.input);
        n++;
      } catch (err) {
        failed.push(`${p.date}: ${problemsOf(err)[0]?.message ?? ''}`);
      }
    }
    notify(
      failed.length
        ? `${n}件を保存、${failed.length}件は保存できませんでした（${failed.join(' / ')}）`
        : `${n}件の訪問を保存しました`,
      failed.length ? 'error' : 'ok',
    );
    setProposals(null);
    reloadVisits();
    reloadPreview();
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

  const monthVisits = useMemo(
    () =>
      [...(visits.data ?? [])]
        .filter((v) => !form.patientId || v.patientId === form.patientId)
        .sort(
          (a, b) =>
            (visitDate(a) ?? '').localeCompare(visitDate(b) ?? '') || a.createdAt.localeCompare(b.createdAt),
        ),
    [visits.data, form.patientId],
  );

  const common = { problems };
  const prof = form.profession;
  const saveLabel = check.state === 'done' && !check.answer.billable ? '算定不可として保存' : '保存';

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
          aria-label="訪問の入力"
        >
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
            <Field
              label="訪問日"
              path="date"
              required
              className="w-date"
              hint={
                form.date
                  ? `${form.date}（${formatWareki(form.date)}・${weekdayJa(form.date)}）`
                  : '日だけ（5）、7/5、2024-07-05。↑↓で前後の日'
              }
              {...common}
            >
              {(p) => (
                <input
                  {...p}
                  ref={dateRef}
                  name="date"
                  className="date-text"
                  inputMode="numeric"
                  autoComplete="off"
                  value={dateText}
                  onChange={(e) => setDate(e.target.value)}
                  onFocus={(e) => e.target.select()}
                  onKeyDown={(e) => {
                    if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.altKey) {
                      e.preventDefault();
                      const base = form.date || `${month}-01`;
                      const next = form.date ? addDays(base, e.key === 'ArrowUp' ? 1 : -1) : base;
                      setDateText(visitDateText(next, month));
                      set('date', next);
                    }
                  }}
                />
              )}
            </Field>
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
                  <Field
                    label="特別の指示日"
                    path="specialInstructionDate"
                    hint="医師の特別の指示があるとき"
                    {...common}
                  >
                    {(p) => (
                      <input
                        {...p}
                        type="date"
                        value={form.specialInstructionDate}
                        onChange={(e) => set('specialInstructionDate', e.target.value)}
                      />
                    )}
                  </Field>
                ) : null}
              </div>
              <fieldset className="checks">
                <legend>この訪問で</legend>
                {onReports ? (
                  <p className="hint full report-entry-state" data-testid="report-state">
                    情報提供書：
                    <ReportStateChip state="none" />
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
                    から、情報提供は情報提供書の記録で判定します。訪問を保存したら、一覧の「情報提供書」から作成して送付してください（月締めで、送付済みの情報提供書がない訪問は算定できません）。
                    <RuleRef rule="K24-2a" />
                  </p>
                ) : (
                  <label>
                    <input
                      type="checkbox"
                      checked={form.reported}
                      onChange={(e) => set('reported', e.target.checked)}
                    />
                    ケアマネジャーへ情報提供した
                  </label>
                )}
                {['pharmacist', 'dietitian', 'dental_hygienist'].includes(prof) ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={form.instructed}
                      onChange={(e) => set('instructed', e.target.checked)}
                    />
                    医師・歯科医師の指示がある
                  </label>
                ) : null}
                {['doctor', 'dentist'].includes(prof) ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={form.examined}
                      onChange={(e) => set('examined', e.target.checked)}
                    />
                    同じ日に訪問診療・往診をした
                  </label>
                ) : null}
                {prof === 'pharmacist' ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={form.online}
                      onChange={(e) => set('online', e.target.checked)}
                    />
                    オンライン（情報通信機器）
                  </label>
                ) : null}
                {prof === 'dietitian' ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={form.dietitianExternal}
                      onChange={(e) => set('dietitianExternal', e.target.checked)}
                    />
                    事業所以外の管理栄養士
                  </label>
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
          <div className="actions">
            <button
              type="submit"
              className={saveLabel === '保存' ? 'primary' : 'primary danger'}
              disabled={busy || readonly}
            >
              {busy ? '保存中…' : saveLabel} <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={clear}>
              取り消し <kbd>Esc</kbd>
            </button>
          </div>
        </form>
        <CheckPanel check={check} onUseEarliest={applyEarliest} labelOfRecord={labelOfRecord} />
      </div>

      {proposals ? (
        <section className="card proposals" aria-labelledby="proposals-title">
          <h2 id="proposals-title">
            先月（{formatWareki(addMonths(month, -1))}）のパターンから
            {form.patientId ? `：${patientName(form.patientId)}さん` : '：全員'}
          </h2>
          {proposals.length === 0 ? (
            <p className="muted">先月の訪問はありません。</p>
          ) : (
            <table className="data compact">
              <thead>
                <tr>
                  <th scope="col">保存</th>
                  <th scope="col">先月</th>
                  <th scope="col">今月</th>
                  <th scope="col">利用者</th>
                  <th scope="col">内容</th>
                  <th scope="col">判定</th>
                </tr>
              </thead>
              <tbody>
                {proposals.map((p, i) => (
                  <tr key={i}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${p.date ?? p.from} を保存する`}
                        checked={p.chosen}
                        disabled={!p.input}
                        onChange={(e) =>
                          setProposals(
                            (ps) =>
                              ps?.map((x, j) => (j === i ? { ...x, chosen: e.target.checked } : x)) ?? ps,
                          )
                        }
                      />
                    </td>
                    <td>{shortDate(p.from)}</td>
                    <td>{p.date ? shortDate(p.date) : '—'}</td>
                    <td>{p.input ? patientName(p.input.patientId) : ''}</td>
                    <td>{p.input ? visitLabel(p.input as Visit) : ''}</td>
                    <td>{p.note ?? p.verdict ?? '確認中…'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => void saveProposals()}
              disabled={!proposals.some((p) => p.chosen)}
            >
              選んだ{proposals.filter((p) => p.chosen).length}件を保存
            </button>
            <button type="button" onClick={() => setProposals(null)}>
              閉じる
            </button>
          </div>
        </section>
      ) : null}

      <h2>
        {formatWareki(month)}の訪問{form.patientId ? `：${patientName(form.patientId)}さん` : '（全員）'}
      </h2>
      <LoadProblems loaded={visits} />
      <table className="data visits-table" data-testid="month-visits">
        <thead>
          <tr>
            <th scope="col">日付</th>
            <th scope="col">利用者</th>
            <th scope="col">内容</th>
            <th scope="col">担当者</th>
            <th scope="col">判定</th>
            <th scope="col">
              <span className="sr-only">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {monthVisits.map((v) => {
            const verdict = verdictOf(preview.data, v.id);
            const d = visitDate(v);
            return (
              <tr key={v.id}>
                <td>{d ? shortDate(d) : v.kind === 'care_management' ? v.month : ''}</td>
                <td>
                  <a href={hrefOf({ name: 'patient', id: v.patientId })}>{patientName(v.patientId)}</a>
                </td>
                <td>
                  {visitLabel(v)}
                  <ReportLink
                    visit={v}
                    patientName={patientName(v.patientId)}
                    {...(onReports && monthReports.data
                      ? { state: reportStateOf(v.id, monthReports.data) }
                      : {})}
                  />
                </td>
                <td>{v.kind === 'kyotaku' && v.staffId ? (staffName.get(v.staffId) ?? '') : ''}</td>
                <td>
                  <span className={`chip chip-${verdict.status}`}>
                    {
                      { billed: '算定', refused: '算定不可', partial: '一部算定不可', unknown: '—' }[
                        verdict.status
                      ]
                    }
                  </span>
                  {verdict.rejections.map((r, i) => (
                    <div key={i} className="reason-small">
                      {humanize(r.message)} <RuleRef rule={r.rule} />
                    </div>
                  ))}
                </td>
                <td>
                  {!readonly ? (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`${d ?? ''} ${patientName(v.patientId)} ${visitLabel(v)} を削除`}
                      onClick={async () => {
                        if (!window.confirm('この訪問を削除しますか？')) return;
                        try {
                          await api.deleteVisit(office.id, v.id);
                          notify('訪問を削除しました');
                          reloadVisits();
                          reloadPreview();
                        } catch (err) {
                          notify(problemsOf(err)[0]?.message ?? '削除できませんでした', 'error');
                        }
                      }}
                    >
                      削除
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
          {visits.state === 'ok' && monthVisits.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                この月の訪問はまだありません。
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
