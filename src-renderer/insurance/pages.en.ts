/** The insurance's `pages.*` blocks in English: typed `Pages`, so a missing or extra key fails the type check. */
import type { Pages } from './pages.fr';

export const pages: Pages = {
  insurance: {
    title: 'My home insurance',
    heading: 'Update my insurance',
    intro: 'Enter the details of your home insurance certificate and attach it. Your landlord will check it.',
    step1: 'My insurance details',
    step2: 'Checking my information',
    step3: 'Saving my information',
    dossier: 'File',
    insurer: 'Name of the insurer',
    policyNumber: 'Policy no.',
    period: 'Period covered by the certificate',
    validFrom: 'From (dd/mm/yyyy)',
    validTo: 'To (dd/mm/yyyy)',
    dateHint: 'For example 01/01/2026',
    attachment: 'Supporting document',
    attachmentHint: 'Your insurance certificate: a PDF, JPEG or PNG file, 10 MB at most.',
    doneText: 'Your landlord will check your certificate. Meanwhile it shows as “waiting to be checked” in My file.',
    backToDossier: 'BACK TO MY FILE',
  },
};
