/** The home page's `pages.*` blocks in English: typed `Pages`, so a missing or extra key fails the type check. */
import type { Pages } from './pages.fr';

export const pages: Pages = {
  home: {
    title: 'Home',
    heading: 'Welcome to your tenant portal',
    today: 'Today is {date}.',
    intro: 'Here you will find your file number, your account balance, online rent payment and your latest actions.',
    account: 'My account',
    credit: 'Your account is in credit by',
    debit: 'Your account is in debit by',
    pay: 'PAY ONLINE',
    lastActions: 'My latest actions',
    noActions: 'No action yet. Your payments and requests will appear here.',
    activity: {
      payment: { done: 'Payment made' },
      insurance: { sent: 'Home insurance certificate sent', accepted: 'Home insurance certificate accepted', refused: 'Home insurance certificate refused' },
      request: {
        created: 'Request no. {number}',
        updated: 'Request no. {number} updated',
        cancelled: 'Request no. {number} cancelled',
        answered: 'Reply to your request no. {number}',
        planned: 'Intervention planned (request no. {number})',
      },
      changeRequest: {
        sent: 'Change request sent',
        approved: 'Change request accepted',
        refused: 'Change request refused',
      },
      document: {
        avisAvailable: 'Rent notice available ({month})',
        avisCorrected: 'Corrected rent notice available ({month})',
        quittanceAvailable: 'Rent receipt available ({month})',
        recuAvailable: 'Payment receipt available ({month})',
        published: 'New document ({month})',
      },
      paperless: { subscribed: 'Subscribed to digital rent notices', stopped: 'Digital rent notices stopped' },
    },
    alertTitle: 'ALERT: your home insurance.',
    alertText:
      'Unless we are mistaken, you have no insurance for your home. Please send us your new insurance certificate quickly.',
    alertButton: 'RENEW MY INSURANCE',
    todoTitle: 'To do',
    todoNone: 'Nothing to do for now: everything is up to date.',
    todoPay: 'Pay the balance of {amount} for file no. {number}',
    todoInsurance: 'Send your home insurance certificate',
    todoRefusedOne: '1 request was not accepted by your landlord: the reason is given below.',
    todoRefusedMany: '{count} requests were not accepted by your landlord: the reason is given below.',
    todoPendingOne: '1 request is waiting to be sent to your landlord.',
    todoPendingMany: '{count} requests are waiting to be sent to your landlord.',
    todoPendingOffline: 'They will leave as soon as the connection is back.',
    todoSeeRequests: 'See my requests',
  },
};
