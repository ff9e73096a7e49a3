// santei calc: the contract's CLI (contract.md "CLI"), with --explain and the --ndjson batch mode.
import { calculate, type CalculateRequest } from '../../santei.js';
import type { ClaimMonthResult, TraceEntry } from '../../core/result.js';
import { formatProblem } from '../../core/validate.js';
import { parseOptions } from '../args.js';
import { readJsonInput, writeErr, writeOut } from '../io.js';
import { calcNdjson } from '../ndjson.js';
import { formatExplanation } from '../explain.js';
import { writeJsonLine } from '../jsonOut.js';

const USAGE =
  '使い方: santei calc FILE.json | -  [--explain] [--schedule 算定表ID]  または  santei calc --ndjson [--workers N] < MONTHS';

export async function calcCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(
    'calc',
    args,
    {
      explain: { type: 'boolean' },
      ndjson: { type: 'boolean' },
      schedule: { type: 'string' },
      workers: { type: 'string' },
    },
    USAGE,
  );
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  if (values.ndjson) {
    if (positionals.length > 0 || values.explain) {
      writeErr(
        `santei calc: --ndjson は標準入力を1行ずつ読みます（ファイル名や --explain は指定できません）。${USAGE}\n`,
      );
      return 2;
    }
    let workers: number | undefined;
    if (values.workers !== undefined) {
      workers = Number(values.workers);
      if (!/^\d+$/.test(values.workers) || workers > 256) {
        writeErr(
          `santei calc: --workers には作業スレッドの数（0〜256。0 なら作業スレッドを使いません）を指定してください。${USAGE}\n`,
        );
        return 2;
      }
    }
    return calcNdjson({ scheduleId: values.schedule, workers });
  }
  if (values.workers !== undefined) {
    writeErr(`santei calc: --workers は --ndjson と一緒に指定します。${USAGE}\n`);
    return 2;
  }
  if (positionals.length !== 1) {
    writeErr(
      `santei calc: ${positionals.length === 0 ? '入力のファイルを指定してください' : '入力のファイルは1つだけ指定してください'}。${USAGE}\n`,
    );
    return 2;
  }
  const priced = priceFile(positionals[0]!, {
    explain: values.explain ?? false,
    scheduleId: values.schedule,
  });
  if (!priced) return 2;
  // The input is no longer reachable here: a big month's input is freed while its result is written.
  if (values.explain) writeOut(formatExplanation(priced.result, priced.trace));
  else await writeJsonLine(priced.result); // the bytes of JSON.stringify(result) + '\n', in pieces
  return 0;
}

/** Reads, parses, validates and prices one input; on bad input writes the problems and returns undefined. */
function priceFile(
  path: string,
  req: CalculateRequest,
): { result: ClaimMonthResult; trace: TraceEntry[] } | undefined {
  const input = readJsonInput(path);
  if (!input.ok) {
    writeErr(`${input.message}\n`);
    return undefined;
  }
  const out = calculate(input.value, req);
  if (!out.ok) {
    writeErr(out.problems.map((p) => formatProblem(p) + '\n').join(''));
    return undefined;
  }
  return { result: out.result, trace: out.trace };
}
