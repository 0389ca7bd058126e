/** Nous contacter (contact): the landlord's contacts and services. */
import { z } from 'zod';
import { type AreaProcedures, empty, procedure } from '../procedure';

export const contactsViewSchema = z.object({
  landlordName: z.string(),
  /** The tenant's residence (issue 19): its name and the caretaker's lodge; null = the landlord's own contacts. */
  residence: z.object({ name: z.string(), lodgeAddress: z.string().nullable() }).nullable(),
  /** The residence's caretaker by name ("M. Petit"), when the residence names them: "Nouvelle demande" says who it goes to. */
  caretakerName: z.string().nullable(),
  caretaker: z.object({ label: z.string(), phone: z.string(), hours: z.string() }),
  onCall: z.object({ phone: z.string(), hours: z.string() }),
  services: z.array(z.object({ id: z.string(), label: z.string(), email: z.string().optional(), phone: z.string().optional() })),
});

export type ContactsView = z.infer<typeof contactsViewSchema>;

/** The contact area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const contactProcedures = {
  'contact.get': procedure(empty, contactsViewSchema),
} as const satisfies AreaProcedures;
