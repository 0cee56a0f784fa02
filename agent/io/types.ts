// The side-effect edges commands receive, so tests can pass fakes.

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** The file operations the agent needs, shaped for Node 0.10 (callbacks wrapped in Promises). */
export interface Files {
  /** null when the file does not exist */
  readText(path: string): Promise<string | null>;
  /** byte length of a file, null when missing */
  size(path: string): Promise<number | null>;
  writeText(path: string, text: string): Promise<void>;
  mkdirp(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  list(dir: string): Promise<string[]>;
  remove(path: string): Promise<void>;
}
