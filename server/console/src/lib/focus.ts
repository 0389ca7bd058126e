/**
 * Focus after navigation goes to the new page's h1. A page whose h1 waits for its data mounts it
 * later than the navigation: the request stays pending until an h1 takes it (PageTitle).
 */
let pending = false;

export function focusTitleSoon(): void {
  pending = true;
  const title = document.getElementById('page-title');
  if (title) takeFocus(title);
}

export function takeFocus(title: HTMLElement): void {
  if (!pending) return;
  pending = false;
  title.focus();
}
