// HTML text for the printed documents (the report to the care manager, the claim forms): one escape for every
// text that comes from the records.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
