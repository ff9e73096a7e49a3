// After a form is refused: the keyboard goes to the first field the refusal is about (its message is tied
// to it by aria-describedby), once React has drawn the messages. A refusal from the server is drawn on a
// later frame than one found before sending, so the field is looked for over a few frames.
export function focusFirstInvalid(): void {
  let frames = 0;
  const look = () => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) el.focus();
    else if (++frames < 20) window.requestAnimationFrame(look);
  };
  window.requestAnimationFrame(() => window.requestAnimationFrame(look));
}
