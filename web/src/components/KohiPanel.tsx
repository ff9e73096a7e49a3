// The patient's 公費 (docs/kohi.md): the dated entries — 生活保護 (介護券), 指定難病 (受給者証), … — with their
// numbers and monthly amount, and for a 難病 entry what the patient paid this month at other 指定医療機関.
// The 法別 come from the 公費 table (GET /api/v1/kohi-laws); the contract's schema checks the form before it
// is sent (the check digits, KOHI-9), and the API's answer (an overlap, KOHI-10) is shown at its field.
import { useState } from 'react';
import { api, type KohiEntryRecord, type Patient } from '../api.js';
import { check, kohiEntryInputSchema, kohiMonthInputSchema } from '../../../src/contract/schemas.js';
import { fieldJa } from '../../../src/contract/fields.js';
import { kohiCapKindJa, kohiJa } from '../../../src/contract/labels.js';
import { problemsOf, useApp, useLoad } from '../context.js';
import { Form, FormActions, useFormSubmit } from './Form.js';
import { formatWareki } from '../format.js';
import { DateField, useDateProblems } from './DateField.js';
import { Field, FormErrors } from './Field.js';

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

export function KohiPanel({ patient, onChanged }: { patient: Patient; onChanged: () => void }) {
  const { office, month, me, notify } = useApp();
  const [laws] = useLoad(['kohi-laws'], () => api.kohiLaws());
  const [entries, reloadEntries] = useLoad(['kohi', office.id, patient.id], () =>
    api.kohiEntries(office.id, patient.id),
  );
  const [months, reloadMonths] = useLoad(['kohi-months', office.id, patient.id], () =>
    api.kohiMonths(office.id, patient.id),
  );
  const [adding, setAdding] = useState(false);
  const writes = me.user.role !== 'readonly';
  const lawOf = (law: string) => laws.data?.find((l) => l.law === law);
  const list = entries.data ?? [];

  const remove = async (k: KohiEntryRecord) => {
    try {
      await api.deleteKohiEntry(office.id, k.id);
      notify(`公費 法別${k.law} を削除しました`);
      reloadEntries();
      onChanged();
    } catch (err) {
      notify(
        problemsOf(err)
          .map((p) => p.message)
          .join(' '),
        'error',
      );
    }
  };

  return (
    <section className="card kohi-panel" aria-labelledby="kohi-title" data-testid="kohi-panel">
      <div className="section-head">
        <h2 id="kohi-title">{kohiJa.title}</h2>
        {writes ? (
          <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            ＋ 公費を追加
          </button>
        ) : null}
      </div>
      {list.length === 0 ? (
        <p className="muted">登録された公費はありません（保険と本人の負担だけで計算します）。</p>
      ) : null}
      <ul className="kohi-list">
        {list.map((k) => {
          const row = lawOf(k.law);
          const paid = months.data?.find((m) => m.month === month && m.law === k.law);
          return (
            <li key={k.id} data-testid={`kohi-${k.law}`}>
              <strong>
                法別{k.law} {row?.name ?? ''}
              </strong>
              <span className="mono">
                {' '}
                公費負担者番号 {k.payerNumber}・受給者番号 {k.recipientNumber}
              </span>
              <span className="small">
                {' '}
                {formatWareki(k.from)}〜{k.to ? formatWareki(k.to) : ''}
              </span>
              {k.selfPayYen !== undefined ? <span> 本人支払額 {yen(k.selfPayYen)}</span> : null}
              {k.monthlyCapYen !== undefined ? <span> 自己負担上限月額 {yen(k.monthlyCapYen)}</span> : null}
              {row?.capKind.value === 'monthly_cap' ? (
                <PaidElsewhere
                  key={`${k.id}-${month}-${paid?.updatedAt ?? ''}`}
                  patientId={patient.id}
                  law={k.law}
                  current={paid}
                  readOnly={!writes}
                  onSaved={() => {
                    reloadMonths();
                    onChanged();
                  }}
                />
              ) : null}
              {writes ? (
                <button type="button" className="link" onClick={() => void remove(k)}>
                  削除
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {adding ? (
        <KohiForm
          patientId={patient.id}
          laws={laws.data ?? []}
          onSaved={() => {
            setAdding(false);
            reloadEntries();
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

type Laws = NonNullable<Awaited<ReturnType<typeof api.kohiLaws>>>;

function KohiForm({ patientId, laws, onSaved }: { patientId: string; laws: Laws; onSaved: () => void }) {
  const { office, month, notify } = useApp();
  const [law, setLaw] = useState(laws[0]?.law ?? '');
  const [payerNumber, setPayer] = useState('');
  const [recipientNumber, setRecipient] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const { problems, setProblems, busy, refuse, send } = useFormSubmit({ focus: false });
  const [dateProblems, dateProblem] = useDateProblems();
  const kind = laws.find((l) => l.law === law)?.capKind.value ?? 'none';
  const amountKey = kind === 'self_pay' ? 'selfPayYen' : kind === 'monthly_cap' ? 'monthlyCapYen' : undefined;

  const submit = async () => {
    const body: Record<string, unknown> = {
      patientId,
      law,
      payerNumber: payerNumber.trim(),
      recipientNumber: recipientNumber.trim(),
      from,
    };
    if (to) body.to = to;
    if (amountKey) body[amountKey] = amount.trim() === '' ? undefined : Number(amount);
    const local = check(kohiEntryInputSchema, body);
    const found = [...dateProblems, ...(local.ok ? [] : local.problems)];
    if (found.length) return refuse(found);
    await send(async () => {
      await api.createKohiEntry(office.id, local.ok ? local.value : (body as never));
      notify(`公費 法別${law} を登録しました`);
      setProblems([]);
      onSaved();
    });
  };

  return (
    <Form className="history-form" label="公費の登録" onSubmit={submit}>
      <div className="row">
        <Field label={fieldJa.law ?? '法別番号'} path="law" problems={problems} required>
          {(p) => (
            <select {...p} value={law} onChange={(e) => setLaw(e.target.value)}>
              {laws.map((l) => (
                <option key={l.law} value={l.law}>
                  {l.law} {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={fieldJa.payerNumber ?? '公費負担者番号'}
          path="payerNumber"
          problems={problems}
          required
          hint="8桁"
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              className="mono"
              value={payerNumber}
              onChange={(e) => setPayer(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={fieldJa.recipientNumber ?? '受給者番号'}
          path="recipientNumber"
          problems={problems}
          required
          hint="7桁"
        >
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              className="mono"
              value={recipientNumber}
              onChange={(e) => setRecipient(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <DateField
          label="開始日"
          path="from"
          problems={problems}
          required
          month={month}
          value={from}
          onChange={(v, problem) => {
            setFrom(v);
            dateProblem('from')(v, problem);
          }}
        />
        <DateField
          label="終了日"
          path="to"
          problems={problems}
          month={month}
          value={to}
          onChange={(v, problem) => {
            setTo(v);
            dateProblem('to')(v, problem);
          }}
        />
        {amountKey ? (
          <Field label={kohiCapKindJa[kind]} path={amountKey} problems={problems} required>
            {(p) => (
              <input {...p} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
            )}
          </Field>
        ) : null}
      </div>
      <FormErrors
        problems={problems}
        shown={['law', 'payerNumber', 'recipientNumber', 'from', 'to', 'selfPayYen', 'monthlyCapYen']}
      />
      <FormActions busy={busy} submit={busy ? '保存中…' : '公費を保存'} />
    </Form>
  );
}

/** KOHI-5: the month's amount paid at other 指定医療機関, one row per month and 法別. */
function PaidElsewhere({
  patientId,
  law,
  current,
  readOnly,
  onSaved,
}: {
  patientId: string;
  law: string;
  current: { id: string; paidElsewhereYen: number } | undefined;
  readOnly: boolean;
  onSaved: () => void;
}) {
  const { office, month, notify } = useApp();
  const [value, setValue] = useState(current ? String(current.paidElsewhereYen) : '');
  const { problems, setProblems, refuse, send } = useFormSubmit({ focus: false });
  const save = async () => {
    const body = { patientId, month, law, paidElsewhereYen: value.trim() === '' ? undefined : Number(value) };
    const local = check(kohiMonthInputSchema, body);
    if (!local.ok) return refuse(local.problems);
    await send(async () => {
      if (current)
        await api.updateKohiMonth(office.id, current.id, { paidElsewhereYen: local.value.paidElsewhereYen });
      else await api.createKohiMonth(office.id, local.value);
      notify(`${formatWareki(month)}の他の医療機関等での支払額を保存しました`);
      setProblems([]);
      onSaved();
    });
  };
  return (
    <Form className="inline-form" label={kohiJa.paidElsewhere} onSubmit={save}>
      <Field
        label={`${formatWareki(month)}: ${kohiJa.paidElsewhere}`}
        path="paidElsewhereYen"
        problems={problems}
      >
        {(p) => (
          <input
            {...p}
            inputMode="numeric"
            readOnly={readOnly}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      {readOnly ? null : <button type="submit">保存</button>}
    </Form>
  );
}
