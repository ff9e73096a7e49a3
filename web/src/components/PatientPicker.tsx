// Choose a patient by typing part of the name, kana or 被保険者番号 (an ARIA combobox): ↓/↑ move, Enter picks,
// Esc closes the list.
import { comparePatients, normalizeKana } from '../../../src/contract/order.js';
import { forwardRef, useId, useMemo, useState } from 'react';
import type { Patient } from '../api.js';

export interface PatientPickerProps {
  patients: readonly Patient[];
  value: string;
  onChange: (id: string) => void;
  /** Called after a patient is picked with the keyboard or the mouse (e.g. to move focus on). */
  onPicked?: () => void;
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

export const PatientPicker = forwardRef<HTMLInputElement, PatientPickerProps>(function PatientPicker(
  { patients, value, onChange, onPicked, ...aria },
  ref,
) {
  const selected = patients.find((p) => p.id === value);
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const shownText =
    text ?? (selected ? `${selected.name}${selected.kana ? `（${selected.kana}）` : ''}` : '');

  const options = useMemo(() => {
    const q = normalizeKana(text ?? '');
    const all = [...patients].sort(comparePatients);
    if (!q) return all.slice(0, 50);
    return all
      .filter((p) => [p.name, p.kana ?? '', p.insuredNumber ?? ''].some((s) => normalizeKana(s).includes(q)))
      .slice(0, 50);
  }, [patients, text]);

  const pick = (p: Patient | undefined) => {
    if (!p) return;
    onChange(p.id);
    setText(null);
    setOpen(false);
    onPicked?.();
  };

  return (
    <div className="combo">
      <input
        {...aria}
        ref={ref}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
        autoComplete="off"
        placeholder="氏名・フリガナ・被保険者番号"
        value={shownText}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onBlur={() => {
          setOpen(false);
          setText(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (!open) setOpen(true);
            else setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            e.stopPropagation();
            pick(options[active]);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
            setText(null);
          }
        }}
      />
      {open ? (
        <ul className="combo-list" id={listId} role="listbox" aria-label="利用者の候補">
          {options.length === 0 ? (
            <li className="combo-empty" role="option" aria-selected={false} aria-disabled="true">
              該当する利用者はいません
            </li>
          ) : (
            options.map((p, i) => (
              <li
                key={p.id}
                id={`${listId}-${p.id}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(p);
                }}
              >
                <span>{p.name}</span>
                <span className="kana">{p.kana}</span>
                <span className="mono muted">{p.insuredNumber}</span>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
});
