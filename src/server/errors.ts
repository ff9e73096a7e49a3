// HTTP errors: every answer that is not 2xx is JSON `{ errors: [{ path, message }] }` with a Japanese
// message that names the field where there is one. Never a stack trace, never a 500 with details.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { InputProblem } from '../core/validate.js';
import { isAppError, isStoreError } from '../app/index.js';

export interface ErrorBody {
  errors: InputProblem[];
}

/** An answer the handlers choose: a status and its problems. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly problems: InputProblem[];
  constructor(statusCode: number, problems: InputProblem[] | string) {
    const list = typeof problems === 'string' ? [{ path: '', message: problems }] : problems;
    super(list.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.statusCode = statusCode;
    this.problems = list;
  }
}

export const badRequest = (problems: InputProblem[] | string): HttpError => new HttpError(400, problems);
export const forbidden = (message: string): HttpError => new HttpError(403, message);
export const conflict = (problems: InputProblem[] | string): HttpError => new HttpError(409, problems);

/** The validator's error: problems already in the clerk's words (see validation.ts). */
export class ValidationProblems extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[]) {
    super('validation');
    this.problems = problems;
  }
}

/** Fastify's own error codes → the Japanese a clerk reads. */
const fastifyMessages: Record<string, { status: number; message: (e: FastifyError) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    message: () => '送信されたデータが大きすぎます（上限を超えています）。ファイルを分けて送ってください',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    message: () => 'この形式のデータは受け付けていません（Content-Type を application/json にしてください）',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    message: () => 'Content-Length が実際のデータの長さと一致しません',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    message: () => '本文が空です（JSON を送ってください）',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    message: () => '本文が JSON として読めません',
  },
  FST_ERR_CTP_EMPTY_TYPE: {
    status: 415,
    message: () => 'Content-Type がありません',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 415,
    message: () => 'Content-Type が正しくありません',
  },
  FST_ERR_BAD_URL: { status: 400, message: () => 'URL が正しくありません' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, message: () => 'リクエストが正しくありません' },
};

/** The HTTP status of each refusal of the store and the application. */
const statusOf = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  busy: 503,
  unprocessable: 422,
  forbidden: 403,
} as const;

export function errorBody(problems: InputProblem[]): ErrorBody {
  return { errors: problems };
}

/** The global error handler: a known error answers its status; anything else is logged and answered 500. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof HttpError || error instanceof ValidationProblems) {
    void reply.status(error.statusCode).send(errorBody(error.problems));
    return;
  }
  if (isStoreError(error) || isAppError(error)) {
    // The store's and the application's refusals: a row not found in this office, a conflict (duplicate,
    // still in use), invalid input, records the engine cannot price.
    const problems = error.problems.length ? error.problems : [{ path: '', message: error.message }];
    void reply.status(statusOf[error.code]).send(errorBody(problems));
    return;
  }
  const fe = error as FastifyError;
  const known = fe.code ? fastifyMessages[fe.code] : undefined;
  if (known) {
    void reply.status(known.status).send(errorBody([{ path: '', message: known.message(fe) }]));
    return;
  }
  if (fe instanceof SyntaxError || (fe.statusCode === 400 && fe.code === undefined)) {
    // The JSON parser's own SyntaxError (secure-json-parse) arrives without a code.
    void reply.status(400).send(errorBody([{ path: '', message: '本文が JSON として読めません' }]));
    return;
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    request.log.info({ err: error }, 'client error');
    void reply.status(fe.statusCode).send(errorBody([{ path: '', message: 'リクエストが正しくありません' }]));
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  void reply
    .status(500)
    .send(
      errorBody([
        { path: '', message: 'サーバー内部でエラーが発生しました。時間をおいて再度お試しください' },
      ]),
    );
}
