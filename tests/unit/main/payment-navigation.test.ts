/** The payment window's allow-list and its launch page (pure modules; the Electron side only applies them). */
import { describe, expect, it } from 'vitest';
import { paymentLaunchPage } from '../../../src-main/payment/launch-page';
import { paymentNavigation, paymentWindowTitle } from '../../../src-main/payment/navigation';

const bank = { pspOrigin: 'https://scelliuspaiement.labanquepostale.fr', returnUrl: 'https://portail.oph.example/v1/payments/return' };
const sandbox = { pspOrigin: 'http://127.0.0.1:8787', returnUrl: 'http://127.0.0.1:8787/v1/payments/return' };

describe('paymentNavigation', () => {
  it('allows the bank origin only', () => {
    expect(paymentNavigation('https://scelliuspaiement.labanquepostale.fr/vads-payment/', bank)).toBe('allow');
    expect(paymentNavigation('https://scelliuspaiement.labanquepostale.fr/vads-payment/exec.card_input.a?x=1', bank)).toBe('allow');
    for (const url of [
      'https://evil.example/vads-payment/',
      'https://scelliuspaiement.labanquepostale.fr.evil.example/',
      'http://scelliuspaiement.labanquepostale.fr/vads-payment/',
      'https://scelliuspaiement.labanquepostale.fr:8443/',
      'app://portal/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<p>x</p>',
      'not a url',
    ]) {
      expect(paymentNavigation(url, bank), url).toBe('deny');
    }
  });

  it('recognises the return URL (query or fragment added by the bank) and closes there', () => {
    expect(paymentNavigation(bank.returnUrl, bank)).toBe('return');
    expect(paymentNavigation(`${bank.returnUrl}?vads_trans_status=AUTHORISED#x`, bank)).toBe('return');
    expect(paymentNavigation('https://portail.oph.example/v1/payments/other', bank)).toBe('deny');
  });

  it('allows plain http only for a sandbox bank on the loopback', () => {
    expect(paymentNavigation('http://127.0.0.1:8787/sandbox-psp/vads-payment/', sandbox)).toBe('allow');
    expect(paymentNavigation('http://127.0.0.1:8787/v1/payments/return', sandbox)).toBe('return');
    expect(paymentNavigation('http://127.0.0.1:9999/sandbox-psp/vads-payment/', sandbox)).toBe('deny');
    expect(paymentNavigation('http://psp.example/vads-payment/', { pspOrigin: 'http://psp.example', returnUrl: sandbox.returnUrl })).toBe('deny');
  });

  it('titles the window with the bank origin', () => {
    expect(paymentWindowTitle(bank.pspOrigin)).toBe('Paiement sécurisé — https://scelliuspaiement.labanquepostale.fr');
  });
});

describe('paymentLaunchPage', () => {
  it('posts the signed fields, escaped, to the bank only, with a CSP that allows nothing else', () => {
    const { html, csp } = paymentLaunchPage({
      formAction: 'https://scelliuspaiement.labanquepostale.fr/vads-payment/',
      pspOrigin: bank.pspOrigin,
      fields: { vads_amount: '1234', vads_order_id: '"><script>alert(1)</script>', signature: 'abc+/=' },
    });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<form id="vers-la-banque" method="post" action="https://scelliuspaiement.labanquepostale.fr/vads-payment/">');
    expect(html).toContain('<input type="hidden" name="vads_amount" value="1234">');
    expect(html).toContain('value="abc+/="');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain(bank.pspOrigin);
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action https:\/\/scelliuspaiement\.labanquepostale\.fr; base-uri 'none'; frame-ancestors 'none'$/);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
  });
});
