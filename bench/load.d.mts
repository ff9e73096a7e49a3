export interface LoadResult {
  result: {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; average: number; max: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    '2xx': number;
  };
  acked: string[];
  refused: { status: number; body: string }[];
  attempted: number;
}

export function runLoad(o: {
  url: string;
  cookie: string;
  month: unknown;
  write?: { officeId: string; visit: (i: number) => unknown };
  duration?: number;
  connections?: number;
}): Promise<LoadResult>;

export function syntheticMonth(n?: number): unknown;
