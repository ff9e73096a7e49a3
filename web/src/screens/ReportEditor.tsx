// 情報提供書: the report to the care manager that makes a 居宅療養管理指導 visit billable (K24-2a). A new report
// starts from last month's report of the same patient and profession, which must be edited: saving it unchanged
// is refused (here and by the API). The parts still empty are shown as they are typed; the saved report prints
// as the API's A4 document, and the day's FAX cover list opens from here.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, type Staff, type Visit } from '../api.js';
import { DateField, useDateProblems } from '../components/DateField.js';
import { Field, FormErrors } from '../components/Field.js';
import { LoadProblems } from '../components/LoadProblems.js';
import { problemsOf, useApp, useLoad } from '../context.js';
import { formatWareki, professionJa, shortDate } from '../format.js';
import { hrefOf } from '../router.js';
import {
  isUnchangedCopy,
  missingParts,
  recipientKinds,
  reportMethods,
  reportPartNames,
  requiredParts,
  type CareReport as CoreReport,
  type ReportPart,
} from '../../../src/core/reports.js';
import type { Profession } from '../../../src/core/input.js';
import { staffServes } from '../../../src/contract/references.js';
import {
  guidanceAudienceJa as audienceJa,
  recipientKindJa,
  reportMethodJa as methodJa,
} from '../../../src/contract/labels.js';
import { reportsApi, type CareReport, type CareReportInput, type ReportTemplate } from '../reports/api.js';
import { reportHref, type ReportRoute } from '../reports/route.js';
import '../reports/reports.css';
import { CodeOptions } from '../components/Options.js';

type Audience = keyof typeof audienceJa;

const partHints: Record<Exclude<ReportPart, 'guidance'>, string> = {
  condition: '病状の安定度、バイタルサインの変化など',
  dailyLife: '食事・運動・入浴など、ケアプランに生かせる具体的な注意',
  medication: '残薬、副作用の確認、服薬方法の変更など',
  emergency: '誰に・どう連絡するか、救急要請の目安など',
};

interface Form {
  visitIds: string[];
  recipientKind: CareReportInput['recipient']['kind'];
  recipientName: string;
  method: CareReportInput['method'];
  sentDate: string;
  staffId: string;
  condition: string;
  dailyLife: string;
  medication: string;
  emergency: string;
  guidanceTo: Audience[];
  guidanceText: string;
}

interface Loaded {
  report: CareReport | null;
  template: ReportTemplate;
  visits: Visit[];
  patientName: string;
  staff: Staff[];
}

function formOf(data: Loaded, visitId: string | undefined): { form: Form; fromPrevious: boolean } {
  const { report, template } = data;
  const source = report ?? template.previous;
  const c = source?.content;
  const firstVisit = data.visits.find((v) => v.id === visitId);
  const visitIds = report
    ? report.visitIds
    : visitId && template.uncoveredVisits.some((v) => v.id === visitId)
      ? [visitId]
      : template.uncoveredVisits.map((v) => v.id);
  const visitStaff = (v: Visit | undefined) => (v?.kind === 'kyotaku' ? v.staffId : undefined);
  const staffId =
    report?.staffId ?? visitStaff(firstVisit) ?? data.visits.map(visitStaff).find(Boolean) ?? '';
  return {
    form: {
      visitIds,
      recipientKind: report?.recipient.kind ?? template.recipient.kind,
      recipientName: report?.recipient.name ?? template.recipient.name,
      method: report?.method ?? template.previous?.method ?? 'fax',
      sentDate: report?.sentDate ?? '',
      staffId,
      condition: c?.condition ?? '',
      dailyLife: c?.dailyLife ?? '',
      medication: c?.medication ?? '',
      emergency: c?.emergency ?? '',
      guidanceTo: [...(c?.guidance?.to ?? [])],
      guidanceText: c?.guidance?.text ?? '',
    },
    fromPrevious: !report && template.previous !== null,
  };
}

/** The API's body from the form: the medication and guidance parts only where the profession has them. */
function inputOf(f: Form, patientId: string, profession: Profession): CareReportInput {
  const content: CareReportInput['content'] = {
    condition: f.condition,
    dailyLife: f.dailyLife,
    emergency: f.emergency,
  };
  if (profession === 'doctor' || profession === 'pharmacist' || f.medication.trim() !== '') {
    content.medication = f.medication;
  }
  if (profession === 'doctor' || f.guidanceText.trim() !== '' || f.guidanceTo.length > 0) {
    content.guidance = { to: f.guidanceTo, text: f.guidanceText };
  }
  const input: CareReportInput = {
    patientId,
    profession,
    visitIds: f.visitIds,
    recipient: { kind: f.recipientKind, name: f.recipientName },
    method: f.method,
    content,
  };
  if (f.sentDate) input.sentDate = f.sentDate;
  if (f.staffId) input.staffId = f.staffId;
  return input;
}

async function load(officeId: string, route: ReportRoute, month: string): Promise<Loaded | { goto: string }> {
  let report: CareReport | null = null;
  let patientId = route.patientId;
  let profession = route.profession;
  let reportMonth = route.month ?? month;
  if (route.id) {
    report = await reportsApi.get(officeId, route.id);
    patientId = report.patientId;
    profession = report.profession;
    reportMonth = report.month;
  } else if (route.visitId) {
    // The visit's report, when it has one, opens for editing.
    const covering = await reportsApi.list(officeId, { visitId: route.visitId });
    if (covering[0]) return { goto: reportHref({ name: 'report', id: covering[0].id }) };
  }
  if (!patientId || !profession) throw new Error('missing');
  const [template, visits, patient, staff] = await Promise.all([
    reportsApi.template(officeId, patientId, profession, reportMonth),
    api.visits(officeId, reportMonth, patientId),
    api.patient(officeId, patientId),
    api.staff(officeId),
  ]);
  return {
    report,
    template,
    visits: visits.filter((v) => v.kind === 'kyotaku' && v.profession === profession),
    patientName: patient.name,
    staff: staff.filter((s) => staffServes(s, profession)),
  };
}

export function ReportEditor(route: ReportRoute) {
  const { office, month, notify, me } = useApp();
  const readonly = me.user.role === 'readonly';
  const [loaded, reload] = useLoad(
    [
      'reportEditor',
      office.id,
      route.id,
      route.patientId,
      route.profession,
      route.month,
      route.visitId,
      month,
    ],
    () => load(office.id, route, month),
  );
  const data = loaded.data && !('goto' in loaded.data) ? loaded.data : undefined;
  const [form, setForm] = useState<Form | null>(null);
  const [fromPrevious, setFromPrevious] = useState(false);
  const [problems, setProblems] = useState<ReturnType<typeof problemsOf>>([]);
  const [saving, setSaving] = useState(false);
  const [dateProblems, dateProblem] = useDateProblems();

  useEffect(() => {
    if (loaded.data && 'goto' in loaded.data) window.location.replace(loaded.data.goto);
  }, [loaded.data]);
  useEffect(() => {
    if (!data) return;
    const init = formOf(data, route.visitId);
    setForm(init.form);
    setFromPrevious(init.fromPrevious);
    setProblems([]);
  }, [data, route.visitId]);

  const profession = data?.template.profession;
  const draft: CoreReport | null = useMemo(() => {
    if (!form || !data || !profession) return null;
    return { ...inputOf(form, data.template.patientId, profession), id: data.report?.id ?? '' };
  }, [form, data, profession]);
  const missing = draft ? missingParts(draft) : [];
  const previous = data?.template.previous ?? null;
  const unchanged = draft !== null && previous !== null && isUnchangedCopy(draft, previous);

  if (route.id === undefined && (!route.patientId || !route.profession) && !route.visitId) {
    return (
      <section aria-labelledby="report-title">
        <h1 id="report-title" tabIndex={-1}>
          情報提供書
        </h1>
        <p>訪問入力の一覧で、居宅療養管理指導の訪問の「情報提供書」を選んでください。</p>
        <a href={hrefOf({ name: 'visits' })}>訪問入力へ</a>
      </section>
    );
  }
  if (!data || !form || !profession) {
    return (
      <section aria-labelledby="report-title">
        <h1 id="report-title" tabIndex={-1}>
          情報提供書
        </h1>
        <LoadProblems loaded={loaded} />
      </section>
    );
  }

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const required = new Set(requiredParts(profession));
  const reportMonth = data.template.month;
  const saved = data.report;
  const otherReports = new Map(
    data.template.reports.filter((r) => r.id !== saved?.id).flatMap((r) => r.visitIds.map((id) => [id, r])),
  );

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (unchanged || saving) return;
    if (dateProblems.length) {
      setProblems(dateProblems);
      return;
    }
    setSaving(true);
    setProblems([]);
    try {
      const input = inputOf(form, data.template.patientId, profession);
      const r = saved
        ? await reportsApi.update(office.id, saved.id, input)
        : await reportsApi.create(office.id, input);
      notify(
        r.missingParts.length === 0 && r.sentDate
          ? '情報提供書を保存しました'
          : `情報提供書を保存しました（${r.sentDate ? '' : '未送付'}${r.missingParts.length ? `・空欄の必須項目 ${r.missingParts.length}件` : ''}）`,
      );
      if (saved) reload();
      else window.location.hash = reportHref({ name: 'report', id: r.id });
    } catch (err) {
      setProblems(problemsOf(err));
    } finally {
      setSaving(false);
    }
  };

  const partField = (part: Exclude<ReportPart, 'guidance'>) => {
    if (part === 'medication' && !required.has('medication') && form.medication.trim() === '') return null;
    return (
      <Field
        key={part}
        label={reportPartNames[part]}
        path={`content.${part}`}
        problems={problems}
        hint={partHints[part]}
        required={required.has(part)}
        className="report-part"
      >
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={form[part]}
            readOnly={readonly}
            onChange={(e) => set(part, e.target.value)}
          />
        )}
      </Field>
    );
  };

  return (
    <section aria-labelledby="report-title" className="report-editor">
      <div className="page-head">
        <h1 id="report-title" tabIndex={-1}>
          情報提供書{' '}
          <span className="subtitle">
            {data.patientName}さん・{professionJa[profession]}・{formatWareki(reportMonth)}
          </span>
        </h1>
        <div className="actions">
          {saved ? (
            <>
              <button
                type="button"
                onClick={() => window.open(reportsApi.documentUrl(office.id, saved.id), '_blank', 'noopener')}
              >
                印刷（A4）
              </button>
              {saved.sentDate && saved.method === 'fax' ? (
                <a
                  className="button"
                  href={reportsApi.faxCoverUrl(office.id, saved.sentDate)}
                  target="_blank"
                  rel="noopener"
                >
                  {shortDate(saved.sentDate)}のFAX送信票
                </a>
              ) : null}
            </>
          ) : null}
          <a href={hrefOf({ name: 'visits', patientId: data.template.patientId })}>訪問入力へ戻る</a>
        </div>
      </div>

      {saved ? (
        <p className="report-state">
          {saved.sentDate
            ? `${formatWareki(saved.sentDate)}に送付済み（${methodJa[saved.method]}）`
            : '未送付（送付日を入れて保存すると、訪問が算定できるようになります）'}
        </p>
      ) : null}
      {fromPrevious && previous ? (
        <p className="notice" data-testid="from-previous">
          前月（{formatWareki(previous.month)}
          ）の情報提供書を下書きにしています。今月の様子に合わせて書き直してください。前月と同じ内容のままでは保存できません。
        </p>
      ) : null}
      {!data.template.hasCareManager ? (
        <p className="notice">
          この利用者にはケアマネジャーがいません。情報提供は地域包括支援センターまたは市町村に送ります。
        </p>
      ) : null}

      <div className="report-status" role="status" aria-live="polite" data-testid="missing-parts">
        {missing.length > 0 ? (
          <>
            まだ空欄の必須項目：
            {missing.map((p) => (
              <span key={p} className="chip chip-refused">
                {reportPartNames[p]}
              </span>
            ))}
          </>
        ) : (
          <span className="chip chip-billed">必須項目はすべて記入済みです</span>
        )}
      </div>
      {unchanged ? (
        <div className="form-errors" role="alert" data-testid="unchanged">
          前月（{formatWareki(previous.month)}
          ）の情報提供書と同じ内容です。今月の状況に合わせて書き直してください（このままでは保存できません）。
        </div>
      ) : null}

      <form onSubmit={(e) => void save(e)} className="card form-grid" noValidate>
        <fieldset>
          <legend>対象の訪問（{formatWareki(reportMonth)}）</legend>
          <Field label="報告する訪問日" path="visitIds" problems={problems} className="visually-grouped">
            {(p) => (
              <div className="checks" id={p.id} role="group" aria-describedby={p['aria-describedby']}>
                {data.visits.length === 0 ? <span className="muted">この月の訪問はありません。</span> : null}
                {data.visits.map((v) => {
                  const date = 'date' in v ? v.date : '';
                  const other = otherReports.get(v.id);
                  return (
                    <label key={v.id}>
                      <input
                        type="checkbox"
                        checked={form.visitIds.includes(v.id)}
                        disabled={readonly}
                        onChange={(e) =>
                          set(
                            'visitIds',
                            e.target.checked
                              ? [...form.visitIds, v.id]
                              : form.visitIds.filter((x) => x !== v.id),
                          )
                        }
                      />
                      {shortDate(date)}
                      {other ? <span className="muted small">（別の情報提供書あり）</span> : null}
                    </label>
                  );
                })}
              </div>
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>宛先と送付</legend>
          <div className="row">
            <Field label="宛先の種類" path="recipient.kind" problems={problems} required>
              {(p) => (
                <select
                  {...p}
                  value={form.recipientKind}
                  disabled={readonly}
                  onChange={(e) => set('recipientKind', e.target.value as Form['recipientKind'])}
                >
                  <CodeOptions codes={recipientKinds} labels={recipientKindJa} />
                </select>
              )}
            </Field>
            <Field label="宛先" path="recipient.name" problems={problems} required className="grow">
              {(p) => (
                <input
                  {...p}
                  value={form.recipientName}
                  readOnly={readonly}
                  onChange={(e) => set('recipientName', e.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="row">
            <Field label="提供の方法" path="method" problems={problems} required>
              {(p) => (
                <select
                  {...p}
                  value={form.method}
                  disabled={readonly}
                  onChange={(e) => set('method', e.target.value as Form['method'])}
                >
                  <CodeOptions codes={reportMethods} labels={methodJa} />
                </select>
              )}
            </Field>
            <DateField
              label="送付日"
              path="sentDate"
              problems={problems}
              hint="訪問日以降、その月のうちに送ったとき算定できます（未送付なら空欄）"
              month={reportMonth}
              value={form.sentDate}
              readOnly={readonly}
              onChange={(v, problem) => {
                set('sentDate', v);
                dateProblem('sentDate')(v, problem);
              }}
            />
            <Field label="記載者" path="staffId" problems={problems}>
              {(p) => (
                <select
                  {...p}
                  value={form.staffId}
                  disabled={readonly}
                  onChange={(e) => set('staffId', e.target.value)}
                >
                  <option value="">（選ばない）</option>
                  {data.staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>内容</legend>
          {(['condition', 'dailyLife', 'medication', 'emergency'] as const).map(partField)}
        </fieldset>

        {profession === 'doctor' || form.guidanceText !== '' ? (
          <fieldset className="report-guidance">
            <legend>療養上の指導（診療とは分けて記録します）</legend>
            <div className="checks" role="group" aria-label="指導の相手">
              {(Object.keys(audienceJa) as Audience[]).map((a) => (
                <label key={a}>
                  <input
                    type="checkbox"
                    checked={form.guidanceTo.includes(a)}
                    disabled={readonly}
                    onChange={(e) =>
                      set(
                        'guidanceTo',
                        e.target.checked ? [...form.guidanceTo, a] : form.guidanceTo.filter((x) => x !== a),
                      )
                    }
                  />
                  {audienceJa[a]}
                </label>
              ))}
            </div>
            <Field
              label="指導の内容"
              path="content.guidance"
              problems={problems}
              required={required.has('guidance')}
              hint="誰に、どのような指導をしたか"
              className="report-part"
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={form.guidanceText}
                  readOnly={readonly}
                  onChange={(e) => set('guidanceText', e.target.value)}
                />
              )}
            </Field>
          </fieldset>
        ) : null}

        <FormErrors
          problems={problems}
          shown={['visitIds', 'recipient', 'method', 'sentDate', 'staffId', 'content']}
        />
        {!readonly ? (
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={unchanged || saving}
              aria-disabled={unchanged || saving}
            >
              {saving ? '保存しています…' : '保存する'}
            </button>
            {unchanged ? <span className="warn-text">前月と同じ内容のままでは保存できません</span> : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}
