// `kiln report [--root DIR] [--json]`: the last run, from DIR/var/kiln/report.json.
import { EXIT } from '../exit-codes.ts';
import type { Files, Output } from '../io/types.ts';
import { renderReport } from '../report/render.ts';
import type { RunReport } from '../report/report.ts';
import { REPORT_PATH } from '../report/write.ts';
import { rootPath } from '../sources/local.ts';

export interface ReportOptions {
  root: string;
  json: boolean;
}

/** exit 0 when a report was shown, 2 when there is none (or it is unreadable). */
export async function reportCommand(files: Files, io: Output, opts: ReportOptions): Promise<number> {
  const path = rootPath(opts.root, REPORT_PATH);
  let text: string | null;
  try {
    text = await files.readText(path);
  } catch (e) {
    io.err(`kiln report: cannot read ${path}: ${(e as Error).message}\n`);
    return EXIT.INVALID;
  }
  if (text === null) {
    io.err(`kiln report: no report at ${path}: the agent has not run on this host yet\n`);
    return EXIT.INVALID;
  }
  if (opts.json) {
    io.out(text);
    return EXIT.OK;
  }
  let r: RunReport;
  try {
    r = JSON.parse(text) as RunReport;
  } catch (e) {
    io.err(`kiln report: ${path} is not JSON: ${(e as Error).message}\n`);
    return EXIT.INVALID;
  }
  io.out(`${path}\n${renderReport(r)}`);
  return EXIT.OK;
}
