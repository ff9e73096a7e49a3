// The one shape of a form that sends to the API: refused before sending (the contract's schema) or by the
// server (its problems, shown at their fields), the keyboard on the first field refused, and the submit
// button held while the request is out.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Problem } from '../api.js';
import { problemsOf } from '../context.js';
import { focusFirstInvalid } from '../focus.js';

export interface FormSubmit {
  problems: Problem[];
  setProblems: (problems: Problem[]) => void;
  /** True while `send`'s request is out. */
  busy: boolean;
  /** Shows these problems at their fields (and, unless `focus: false`, moves the keyboard to the first). */
  refuse: (problems: Problem[]) => void;
  /** Runs the request; a refusal's problems are shown as `refuse` shows them. */
  send: (request: () => Promise<void>) => Promise<void>;
}

export function useFormSubmit({ focus = true }: { focus?: boolean } = {}): FormSubmit {
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const refuse = (found: Problem[]) => {
    setProblems(found);
    if (focus) focusFirstInvalid();
  };
  const send = async (request: () => Promise<void>) => {
    setBusy(true);
    try {
      await request();
    } catch (err) {
      refuse(problemsOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { problems, setProblems, busy, refuse, send };
}

/** A form the browser does not validate (the contract's messages are shown instead); Escape cancels it. */
export function Form({
  label,
  className = 'card',
  onSubmit,
  onCancel,
  children,
}: {
  /** Its accessible name. */
  label?: string;
  className?: string;
  onSubmit: () => void | Promise<void>;
  onCancel?: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void onSubmit();
      }}
      onKeyDown={onCancel ? (e) => e.key === 'Escape' && onCancel() : undefined}
      noValidate
      aria-label={label}
    >
      {children}
    </form>
  );
}

/** The form's buttons: its submit button (held while busy), then whatever follows it (取り消す, a note). */
export function FormActions({
  busy = false,
  submit,
  children,
}: {
  busy?: boolean;
  submit: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {submit}
      </button>
      {children}
    </div>
  );
}

/** The cancel button beside a form's submit button. */
export function CancelButton({ onCancel, label = '取り消す' }: { onCancel: () => void; label?: string }) {
  return (
    <button type="button" onClick={onCancel}>
      {label}
    </button>
  );
}
