import type { Command } from '../command';
import { infoCommand } from './info';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: Command[] = [infoCommand];
