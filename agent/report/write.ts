// Write report.json atomically under the root: DIR/var/kiln/report.json.
import type { Files } from '../io/types.ts';
import { rootPath } from '../sources/local.ts';
import type { RunReport } from './report.ts';

export const REPORT_PATH = '/var/kiln/report.json';

export async function writeReport(files: Files, root: string, report: RunReport): Promise<{ path: string; error?: string }> {
  const path = rootPath(root, REPORT_PATH);
  try {
    await files.mkdirp(path.slice(0, path.lastIndexOf('/')));
    await files.writeText(path + '.tmp', JSON.stringify(report, null, 2) + '\n');
    await files.rename(path + '.tmp', path);
    return { path };
  } catch (e) {
    return { path, error: String((e as Error).message) };
  }
}
