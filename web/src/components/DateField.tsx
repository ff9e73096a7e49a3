// The one date field of the web app: a text box that takes the paper log's shorthand ("5", "7/5" in the
// month being worked on), the calendar ("2024-07-05") and 和暦 ("令和6年7月5日", "R6.7.5", "H21.7.5"), and
// shows back the date it understood in 和暦 with the weekday. A text that is not a date is refused here,
// with the field's name, before anything is sent (src/contract/dateText.ts reads every date the same way).
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { dateExamples, dateFieldText, formatDateJa, readDateText } from '../../../src/contract/dateText.js';
import type { Problem } from '../api.js';
import { Field } from './Field.js';

export interface DateFieldProps {
  label: string;
  /** The field's path in the API's body: its problems are shown here. */
  path: string;
  /** The ISO date, or '' when empty. */
  value: string;
  /** The ISO date, or '' when the text is empty or not a date (then `problem` says why, naming the field). */
  onChange: (value: string, problem: string | null) => void;
  problems?: readonly Problem[];
  /** The service month being worked on: the shorthand "5" and "7/5" read in it. */
  month?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  name?: string;
  readOnly?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  /** Select the text when the field gets the focus (typing replaces it: the next line of a paper log). */
  selectOnFocus?: boolean;
}

export function DateField({
  label,
  path,
  value,
  onChange,
  problems = [],
  month,
  hint,
  required,
  className,
  name,
  readOnly,
  inputRef,
  onKeyDown,
  selectOnFocus,
}: DateFieldProps) {
  const [text, setText] = useState(() => (value ? dateFieldText(value, month) : ''));
  const [touched, setTouched] = useState(false);
  const read = useMemo(() => readDateText(text, month), [text, month]);
  // A date set from outside (the earliest billable day, a cleared form) is written back into the box.
  useEffect(() => {
    const understood = read.kind === 'date' ? read.date : '';
    if (value !== understood && !(value === '' && read.kind === 'invalid')) {
      setText(value ? dateFieldText(value, month) : '');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a change of the value from outside
  }, [value]);
  const own = read.kind === 'invalid' ? `${label}: ${read.reason}` : null;
  const change = useCallback(
    (t: string) => {
      setText(t);
      const r = readDateText(t, month);
      onChange(r.kind === 'date' ? r.date : '', r.kind === 'invalid' ? `${label}: ${r.reason}` : null);
    },
    [label, month, onChange],
  );
  const shownProblems =
    own && touched ? [...problems.filter((p) => p.path !== path), { path, message: own }] : problems;
  const understood =
    read.kind === 'date'
      ? `${formatDateJa(read.date)}${read.date !== text.trim() ? `・${read.date}` : ''}`
      : undefined;
  return (
    <Field
      label={label}
      path={path}
      problems={shownProblems}
      required={required}
      className={`date-field${className ? ` ${className}` : ''}`}
      hint={understood ?? hint ?? `例: ${dateExamples(month !== undefined)}`}
    >
      {(p) => (
        <input
          {...p}
          ref={inputRef}
          name={name}
          className="date-text"
          autoComplete="off"
          value={text}
          readOnly={readOnly}
          onChange={(e) => change(e.target.value)}
          onBlur={() => setTouched(true)}
          onFocus={selectOnFocus ? (e) => e.target.select() : undefined}
          inputMode={month !== undefined ? 'numeric' : undefined}
          onKeyDown={onKeyDown}
        />
      )}
    </Field>
  );
}

/**
 * The date fields of a form whose text is not a date: each field's problem (naming the field), to show and
 * to stop the form from sending (a date typed wrong is never dropped silently).
 */
export function useDateProblems(): [
  Problem[],
  (path: string) => (value: string, problem: string | null) => void,
] {
  const [byPath, setByPath] = useState<Record<string, string>>({});
  const problems = useMemo(
    () => Object.entries(byPath).map(([path, message]) => ({ path, message })),
    [byPath],
  );
  const report = useCallback(
    (path: string) => (_value: string, problem: string | null) =>
      setByPath((m) => {
        if ((m[path] ?? null) === problem) return m;
        const next = { ...m };
        if (problem) next[path] = problem;
        else delete next[path];
        return next;
      }),
    [],
  );
  return [problems, report];
}
