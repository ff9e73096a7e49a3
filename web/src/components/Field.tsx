// A labelled form control with the API's Japanese messages for its field next to it.
import { useId, type ReactNode } from 'react';
import { messagesFor, type Problem } from '../api.js';

export interface FieldProps {
  label: string;
  /** The field's path in the API's body (`certifications[0].level`): its problems are shown here. */
  path?: string;
  problems?: readonly Problem[];
  hint?: string;
  required?: boolean;
  className?: string;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
    'aria-required': boolean | undefined;
  }) => ReactNode;
}

export function Field({ label, path, problems = [], hint, required, className, children }: FieldProps) {
  const id = useId();
  const errors = path ? messagesFor(problems, path) : [];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length > 0 ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="label-row">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children({
        id,
        'aria-invalid': errors.length > 0,
        'aria-describedby': describedBy,
        'aria-required': required || undefined,
      })}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {errors.length > 0 ? (
        <div className="field-error" id={errorId} role="alert">
          {errors.join(' ')}
        </div>
      ) : null}
    </div>
  );
}

/** Problems that belong to no field shown on the form (or to the request as a whole). */
export function FormErrors({ problems, shown }: { problems: readonly Problem[]; shown: readonly string[] }) {
  const rest = problems.filter(
    (p) => !shown.some((s) => p.path === s || p.path.startsWith(`${s}.`) || p.path.startsWith(`${s}[`)),
  );
  if (rest.length === 0) return null;
  return (
    <div className="form-errors" role="alert">
      <ul>
        {rest.map((p, i) => (
          <li key={i}>
            {p.message}
            {p.path ? <span className="path">（{p.path}）</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A tick box with its words as its label (`className` on the label: "check" for one standing alone). */
export function Check({
  checked,
  onChange,
  className,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
