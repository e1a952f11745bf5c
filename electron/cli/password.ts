/**
 * Secrets for the CLI come only from environment variables or an interactive
 * prompt with echo off, never from argv (shell history, process lists).
 */
import { CodedError } from '../../shared/api/envelope';
import type { CommandIO } from './command';

export async function promptHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          cleanup();
          stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          cleanup();
          reject(new CodedError('job.cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const cleanup = () => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

/**
 * Reads a secret from `envName`, or asks on a terminal. `confirm` asks twice
 * (for new passwords). Never echoes, never logs.
 */
export async function readSecret(io: CommandIO, envName: string, prompt: string, confirm?: { prompt: string }): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv) return fromEnv;
  if (!io.interactive) throw new CodedError('cli.noSecret', { name: envName });
  const first = await promptHidden(prompt);
  if (confirm) {
    const second = await promptHidden(confirm.prompt);
    if (first !== second) throw new CodedError('password.mismatch');
  }
  return first;
}
