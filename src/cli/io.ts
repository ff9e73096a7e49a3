import { readFileSync } from 'node:fs';

/** Reads a file path, or standard input for "-". */
export function readInputText(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

export function writeOut(s: string): void {
  process.stdout.write(s);
}

export function writeErr(s: string): void {
  process.stderr.write(s);
}
