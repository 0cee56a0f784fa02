// Where the report is kept: DIR/var/kiln/report.json on every run (atomic),
// a copy per run on the system pool (rotated), and the last one on the USB
// key when its kiln/ folder is there (the key kiln built).
import type { Files } from '../io/types.ts';
import { rootPath } from '../sources/local.ts';
import type { RunReport } from './report.ts';
import { reportFileName, reportsToRemove } from './rotate.ts';

export const REPORT_PATH = '/var/kiln/report.json';
export const USB_REPORT_DIR = '/usbkey/kiln';

export async function writeAtomic(files: Files, path: string, text: string): Promise<void> {
  await files.mkdirp(path.slice(0, path.lastIndexOf('/')));
  await files.writeText(path + '.tmp', text);
  await files.rename(path + '.tmp', path);
}

function json(report: RunReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export async function writeReport(files: Files, root: string, report: RunReport): Promise<{ path: string; error?: string }> {
  const path = rootPath(root, REPORT_PATH);
  try {
    await writeAtomic(files, path, json(report));
    return { path };
  } catch (e) {
    return { path, error: String((e as Error).message) };
  }
}

/** <root>/<pool>/kiln: where kiln keeps its state on a pool (the pool's default mountpoint). */
export function poolStateDir(root: string, pool: string): string {
  return rootPath(root, `/${pool}/kiln`);
}

/** Keep this run's report on the pool and drop the oldest beyond the limit; returns the path. */
export async function keepOnPool(files: Files, root: string, pool: string, report: RunReport): Promise<string> {
  const dir = `${poolStateDir(root, pool)}/reports`;
  const path = `${dir}/${reportFileName(report.started_at)}`;
  await writeAtomic(files, path, json(report));
  for (const old of reportsToRemove(await files.list(dir))) await files.remove(`${dir}/${old}`);
  return path;
}

/** Copy the report to the USB key as reports/last.json; null when the key's kiln/ folder is absent. */
export async function copyToUsbKey(files: Files, root: string, report: RunReport): Promise<string | null> {
  const dir = rootPath(root, USB_REPORT_DIR);
  if ((await files.size(dir)) === null) return null;
  const path = `${dir}/reports/last.json`;
  await writeAtomic(files, path, json(report));
  return path;
}
