import type { Handlers } from '../router';
import { printRecoverySheet } from '../documents/recoverySheet';

export const documentsHandlers = {
  'documents.recoverySheet': ({ services }, input) => printRecoverySheet(services, input),
} satisfies Partial<Handlers>;
