// After a form is refused: the keyboard goes to the first field the refusal is about (its message is tied
// to it by aria-describedby), once React has drawn the messages.
export function focusFirstInvalid(): void {
  window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
