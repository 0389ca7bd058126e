/** The contact's `pages.*` blocks in English: typed `Pages`, so a missing or extra key fails the type check. */
import type { Pages } from './pages.fr';

export const pages: Pages = {
  contact: {
    title: 'Contact us',
    heading: 'Contact us',
    intro:
      "Here you will find who to contact: your caretaker for technical requests, your landlord's departments for administrative requests.",
    // ---- Contact us (sections B) ----
    loading: 'Loading the contacts…',
    unavailable: "Your landlord's contacts are not known on this computer yet. Connect to the internet and try again.",
    retry: 'Try again',
    technicalTitle: 'Technical requests',
    technicalText:
      'Technical requests are simple requests that your caretaker can answer quickly. Your caretaker’s hours and phone number are below.',
    hours: 'Hours',
    phone: 'Phone',
    email: 'Email',
    emergencyTitle: 'In an emergency',
    emergencyText: 'In the evening or on non-working days, an on-call number is available:',
    call: 'Call {phone}',
    administrativeTitle: 'Administrative requests',
    administrativeText: 'Administrative requests go to the staff of {landlord}, about your home, your contract, etc.',
    makeRequest: 'Make a request',
    makeRequestLabel: 'Make a request: {service}',
    lodge: 'Lodge',
    makeTechnicalRequest: 'Make a technical request',
  },
};
