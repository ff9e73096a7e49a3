import type { Loaded } from '../context.js';

/** Loading and error states of a `useLoad` result, announced to screen readers. */
export function LoadProblems<T>({ loaded, label }: { loaded: Loaded<T>; label?: string }) {
  if (loaded.state === 'loading' && loaded.data === undefined) {
    return (
      <p className="muted" role="status">
        {label ?? ''}読み込み中…
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <div className="form-errors" role="alert">
        {loaded.problems.map((p, i) => (
          <p key={i}>{p.message}</p>
        ))}
      </div>
    );
  }
  return null;
}
