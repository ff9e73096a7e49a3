// A rule id (K24-5b) that shows the rule's text when clicked (or Enter / Space on it).
import { useId, useState } from 'react';
import { ruleIds, ruleText } from '../../../src/core/ruleRegistry.js';

export function RuleRef({ rule }: { rule: string }) {
  return (
    <span className="rule-refs">
      {ruleIds(rule).map((id) => (
        <OneRule key={id} id={id} />
      ))}
    </span>
  );
}

function OneRule({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const textId = useId();
  const text = ruleText(id);
  return (
    <span className="rule-ref">
      <button
        type="button"
        className="rule-id"
        aria-expanded={open}
        aria-controls={textId}
        aria-label={`規則 ${id} の説明`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        {id}
      </button>
      {open ? (
        <span className="rule-text" id={textId} role="note">
          <strong>{id}</strong> {text ?? 'この規則の説明はまだありません。'}
        </span>
      ) : null}
    </span>
  );
}
