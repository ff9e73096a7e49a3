// The options of a command, parsed with node:util parseArgs; a bad option is answered in Japanese, in one
// line with the command's usage (exit 2), never with parseArgs' English.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { writeErr } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The option or argument that parseArgs names in its message ('--foo', '--schedule <value>'). */
function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1]?.replace(/ <value>$/, '') ?? '';
}

/** Why parseArgs refused the arguments, in Japanese. */
export function optionProblem(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const name = quoted(err.message ?? '');
  const message = err.message ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `「${name}」というオプションはありません`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // "does not take an argument", or a value missing (or one that starts with "-": --workers=-1)
      return /does not take/.test(message)
        ? `「${name}」は値をとりません`
        : `「${name}」の後に値を指定してください`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `「${name}」は余分な引数です`;
    default:
      return '引数が正しくありません';
  }
}

/**
 * parseArgs for a command; on bad arguments writes `santei CMD: <why>。<usage>` as one line and returns
 * undefined (the command then exits 2).
 */
export function parseOptions<O extends Options>(
  command: string,
  args: string[],
  options: O,
  usage: string,
  allowPositionals = true,
):
  | {
      values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
      positionals: string[];
    }
  | undefined {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true });
    return { values, positionals };
  } catch (e) {
    writeErr(`santei ${command}: ${optionProblem(e)}。${usage}\n`);
    return undefined;
  }
}
