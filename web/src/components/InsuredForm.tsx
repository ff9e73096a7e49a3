// The 被保険者証 and the person: 保険者番号 (its check digit checked as the API checks it), 被保険者番号,
// 生年月日 and 性別 — what the claim file needs of a patient besides the dated histories. The contract's
// schema checks the form before it is sent; the API's answer is shown next to each field.
import { useState } from 'react';
import { api, type Patient, type Problem } from '../api.js';
import { check, patientPatchSchema } from '../../../src/contract/schemas.js';
import { FormErrors } from './Field.js';
import { useDateProblems } from './DateField.js';
import { fieldJa } from '../../../src/contract/fields.js';
import { InsuredFields, insuredKeys, type InsuredValues } from './ClaimFactsFields.js';
import { useApp } from '../context.js';
import { CancelButton, Form, FormActions, useFormSubmit } from './Form.js';

export function InsuredForm({
  patient,
  onSaved,
  onCancel,
}: {
  patient: Patient;
  onSaved: (p: Patient) => void;
  onCancel: () => void;
}) {
  const { office, notify } = useApp();
  const [form, setForm] = useState<InsuredValues>({
    insurerNumber: patient.insurerNumber ?? '',
    insuredNumber: patient.insuredNumber ?? '',
    birthDate: patient.birthDate ?? '',
    sex: patient.sex ?? '',
  });
  const { problems, setProblems, busy, refuse, send } = useFormSubmit({ focus: false });
  const [dateProblems, dateProblem] = useDateProblems();
  const set = (k: keyof InsuredValues, v: string) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async () => {
    // Only what the clerk filled in or changed is sent; an emptied field is named (a number is not erased
    // by an empty box: the claim file would then lack it without anyone saying so).
    const body: Record<string, string> = {};
    const emptied: Problem[] = [];
    for (const k of insuredKeys) {
      const v = form[k].trim();
      if (v !== '' && v !== (patient[k] ?? '')) body[k] = v;
      if (v === '' && patient[k] !== undefined)
        emptied.push({ path: k, message: `${fieldJa[k] ?? k}は空にできません（正しい値を入れてください）` });
    }
    const local = check(patientPatchSchema, body);
    const found = [...dateProblems, ...emptied, ...(local.ok ? [] : local.problems)];
    if (found.length) return refuse(found);
    if (Object.keys(body).length === 0) {
      onCancel();
      return;
    }
    await send(async () => {
      const saved = await api.updatePatient(office.id, patient.id, body);
      notify(`${patient.name}さんの被保険者証の情報を保存しました`);
      setProblems([]);
      onSaved(saved);
    });
  };

  return (
    <Form className="card history-form" label="被保険者証の編集" onSubmit={submit}>
      <div className="row">
        <InsuredFields
          values={form}
          onChange={set}
          problems={problems}
          autoFocus
          onDateProblem={dateProblem('birthDate')}
        />
      </div>
      <FormErrors problems={problems} shown={[...insuredKeys]} />
      <FormActions busy={busy} submit={busy ? '保存中…' : '保存する'}>
        <CancelButton onCancel={onCancel} label="取り消し" />
      </FormActions>
    </Form>
  );
}
