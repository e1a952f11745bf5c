import { readOffice, updateOffice } from '../office/officeService';
import type { Handlers } from '../router';

export const officeHandlers = {
  'office.get': ({ services }) => readOffice(services.vault.database),
  'office.update': ({ services, session }, input) => updateOffice(services.vault.database, input, { userId: session!.userId, username: session!.username }),
} satisfies Partial<Handlers>;
