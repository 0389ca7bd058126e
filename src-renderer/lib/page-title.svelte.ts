/**
 * What a page adds to the window's title (RGAA 8.6): the wizard's step ("Étape 2 : Vérification
 * de mes informations"), the request's number. App writes "Page – detail – portal title".
 */
let detail = $state<string | null>(null);

export const pageTitle = {
  get detail(): string | null {
    return detail;
  },
};

/** Call during a page's set-up: the title follows `read` while the page is shown. */
export function titleDetail(read: () => string | null): void {
  $effect(() => {
    detail = read();
    return () => {
      detail = null;
    };
  });
}
