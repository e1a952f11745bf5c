/**
 * The only logger core code uses. It takes a fixed event name and a small
 * record of non-personal fields (method names, error codes, durations, counts);
 * there is deliberately no way to log free text or request input.
 */
export type LogField = string | number | boolean | undefined;
export type LogFields = Record<string, LogField>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stderr.write(`${line}\n`)): Logger {
  const write = (level: string, event: string, fields?: LogFields): void => {
    sink(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }));
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
