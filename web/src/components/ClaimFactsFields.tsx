// The fields of what the claim file needs of a patient, written once for the forms that ask for them (the new
// patient, the 被保険者証 edit, the care-plan history): the 被保険者証 (保険者番号, 被保険者番号) with 生年月日 and
// 性別, and who makes the care plan (a 居宅介護支援事業所 / 地域包括支援センター with its 事業所番号, or
// セルフプラン). Each field shows the API's message for its path.
import type { Problem } from '../api.js';
import { carePlanMakerJa, sexJa } from '../../../src/contract/labels.js';
import type { CarePlanPeriod } from '../../../src/contract/types.js';
import { Field } from './Field.js';
import { DateField } from './DateField.js';

export interface InsuredValues {
  insurerNumber: string;
  insuredNumber: string;
  birthDate: string;
  sex: string;
}

export const insuredKeys = ['insurerNumber', 'insuredNumber', 'birthDate', 'sex'] as const;

/** 保険者番号, 被保険者番号, 生年月日, 性別: each field's path in the body is its key. */
export function InsuredFields({
  values,
  onChange,
  problems,
  autoFocus,
  onDateProblem,
}: {
  values: InsuredValues;
  onChange: (key: keyof InsuredValues, value: string) => void;
  problems: readonly Problem[];
  autoFocus?: boolean;
  /** The 生年月日 typed is not a date (the field's message), or null: the form must not send it. */
  onDateProblem?: (value: string, problem: string | null) => void;
}) {
  const number = (key: 'insurerNumber' | 'insuredNumber', label: string, hint: string, focus?: boolean) => (
    <Field label={label} path={key} problems={problems} hint={hint}>
      {(p) => (
        <input
          {...p}
          name={key}
          inputMode="numeric"
          className="mono"
          autoFocus={focus}
          value={values[key]}
          onChange={(e) => onChange(key, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <>
      {number('insurerNumber', '保険者番号', '被保険者証の6桁（最後の1桁は検証番号）', autoFocus)}
      {number('insuredNumber', '被保険者番号', '被保険者証の10桁')}
      <DateField
        label="生年月日"
        path="birthDate"
        name="birthDate"
        problems={problems}
        value={values.birthDate}
        onChange={(v, problem) => {
          onChange('birthDate', v);
          onDateProblem?.(v, problem);
        }}
      />
      <Field label="性別" path="sex" problems={problems}>
        {(p) => (
          <select {...p} name="sex" value={values.sex} onChange={(e) => onChange('sex', e.target.value)}>
            <option value="">—</option>
            {(['female', 'male'] as const).map((x) => (
              <option key={x} value={x}>
                {sexJa[x]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

export interface CarePlanValues {
  /** '' when the form may leave the plan out (未入力). */
  maker: '' | CarePlanPeriod['maker'];
  officeNumber: string;
  officeName: string;
}

/** The care-plan period of the values from `from` (to `to`), as the API takes it; none when not chosen. */
export function carePlanOf(
  v: CarePlanValues,
  from: string,
  to?: string,
): Record<string, unknown> | undefined {
  if (v.maker === '') return undefined;
  const c: Record<string, unknown> = { maker: v.maker, from };
  if (v.maker === 'office') {
    c.officeNumber = v.officeNumber.trim();
    if (v.officeName.trim()) c.officeName = v.officeName.trim();
  }
  if (to) c.to = to;
  return c;
}

/** 計画の作成, and for an office's plan its 事業所番号 and name; `path(key)` is the field's path in the body. */
export function CarePlanFields({
  values,
  onChange,
  problems,
  path,
  optional,
}: {
  values: CarePlanValues;
  onChange: (key: keyof CarePlanValues, value: string) => void;
  problems: readonly Problem[];
  path: (key: string) => string;
  /** Offer 未入力 (the new-patient form). */
  optional?: boolean;
}) {
  return (
    <>
      <Field label="計画の作成" path={path('maker')} problems={problems}>
        {(p) => (
          <select
            {...p}
            name="planMaker"
            value={values.maker}
            onChange={(e) => onChange('maker', e.target.value)}
          >
            {optional ? <option value="">未入力</option> : null}
            {(['office', 'self'] as const).map((m) => (
              <option key={m} value={m}>
                {carePlanMakerJa[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {values.maker === 'office' ? (
        <>
          <Field label="事業所番号" path={path('officeNumber')} problems={problems} hint="10桁" required>
            {(p) => (
              <input
                {...p}
                name="planOfficeNumber"
                inputMode="numeric"
                className="mono"
                value={values.officeNumber}
                onChange={(e) => onChange('officeNumber', e.target.value)}
              />
            )}
          </Field>
          <Field label="事業所名" path={path('officeName')} problems={problems} className="grow">
            {(p) => (
              <input
                {...p}
                name="planOfficeName"
                value={values.officeName}
                onChange={(e) => onChange('officeName', e.target.value)}
              />
            )}
          </Field>
        </>
      ) : null}
    </>
  );
}
