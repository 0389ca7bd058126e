/** One polite live region for the console's confirmations ("Réponse envoyée."), read by screen readers. */
let message = $state('');
let serial = 0;

export const announcer = {
  get message() {
    return message;
  },
  say(text: string) {
    // The same sentence twice in a row must be read twice: clear, then set on the next frame.
    const mine = ++serial;
    message = '';
    requestAnimationFrame(() => {
      if (mine === serial) message = text;
    });
  },
};
