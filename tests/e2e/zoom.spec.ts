/**
 * 200 % zoom (RGAA 10.4, WCAG 1.4.4 and 1.4.10) on every screen, in French and English.
 *
 * How the zoom is made: a 1280×1024 window zoomed to 200 % is a 640×512 CSS-pixel viewport drawn
 * at two device pixels per CSS pixel. That is exactly what Chromium's own zoom (Ctrl +) does: the
 * layout viewport shrinks, `devicePixelRatio` doubles and the media queries see 640 px. Playwright's
 * `viewport` + `deviceScaleFactor` give that. CSS `zoom` on <html> would not: the viewport stays
 * 1280 px wide for the media queries and `vw`, so the narrow layouts would never be tried.
 *
 * On each screen: no sideways scrolling of the page; no text cut by its box or sticking out of the
 * window; no two texts drawn over each other; the main menu (folded behind its "Menu" button)
 * reaches every entry; a walk with Tab where every focused element is shown inside the window
 * and under no fixed or sticky box. Then text spacing (RGAA 10.12, WCAG 1.4.12) at 1280 px on the
 * signed-in screens: the same text checks with the spacing a tenant's own style sheet may set.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './a11y';
import { GUEST_SCREENS, UI_LANGUAGES, openScreen, problemsOnScreens, signInAndListPrivateScreens, startScreensStack, useLanguage } from './screens';

const ZOOMED = { width: 640, height: 512 };
test.use({ viewport: ZOOMED, deviceScaleFactor: 2 });
test.describe.configure({ mode: 'serial' });

let stack: Awaited<ReturnType<typeof startScreensStack>>;
test.beforeAll(async () => {
  stack = await startScreensStack();
});
test.afterAll(async () => stack?.close());

/** What a zoomed screen gets wrong: sideways scroll, text cut or out of the window, texts over each other. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // What shows on focus only (the skip link over the header) is the focus walk's business.
    (document.activeElement as HTMLElement | null)?.blur();
    const problems: string[] = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.classList.length ? `.${[...element.classList].join('.')}` : ''} "${(element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
    if (root.scrollWidth > width) problems.push(`the page scrolls sideways: ${root.scrollWidth} px for ${width}`);

    /** Screen-reader-only text (.visually-hidden: 1 px, clipped to nothing) is meant to be invisible. */
    const srOnly = (element: Element) => {
      for (let node: Element | null = element; node && node !== document.body; node = node.parentElement) {
        const box = node.getBoundingClientRect();
        if (getComputedStyle(node).clipPath === 'inset(50%)' || box.width <= 1 || box.height <= 1) return true;
      }
      return false;
    };
    /**
     * The part of a text's box that shows: cut to every box between it and the page that does
     * not let its content overflow (a scrolling region, the viewer's frame); null when none shows.
     */
    const shown = (rect: DOMRect, element: Element): DOMRect | null => {
      let { left, top, right, bottom } = rect;
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const outer = box.getBoundingClientRect();
        if (style.overflowX !== 'visible') [left, right] = [Math.max(left, outer.left), Math.min(right, outer.right)];
        if (style.overflowY !== 'visible') [top, bottom] = [Math.max(top, outer.top), Math.min(bottom, outer.bottom)];
      }
      return right - left > 0 && bottom - top > 0 ? new DOMRect(left, top, right - left, bottom - top) : null;
    };

    const texts: { node: Text; rects: DOMRect[] }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement;
      if (!parent || !node.data.trim() || !parent.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || srOnly(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const drawn = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
      // A box that hides what overflows it and is too small for its text: the text is cut.
      for (let box: HTMLElement | null = parent; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
        const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
        if (style.overflowX !== 'visible' && !clipsX) break; // a scrolling box: its content is reachable
        if (!clipsX && !clipsY) continue;
        const outer = box.getBoundingClientRect();
        const cut = drawn.some((rect) => (clipsX && (rect.right > outer.right + 1 || rect.left < outer.left - 1)) || (clipsY && (rect.bottom > outer.bottom + 1 || rect.top < outer.top - 1)));
        if (cut) problems.push(`text cut by ${describe(box)}: ${describe(parent)}`);
        break;
      }
      const rects = drawn.map((rect) => shown(rect, parent)).filter((rect): rect is DOMRect => rect !== null);
      if (rects.length === 0) continue;
      texts.push({ node, rects });
      if (rects.some((rect) => rect.right > width + 1 || rect.left < -1)) problems.push(`text out of the window: ${describe(parent)}`);
    }

    // Two texts drawn over each other (more than 2 px each way).
    texts.forEach((first, index) => {
      for (const second of texts.slice(index + 1)) {
        const overlap = first.rects.some((one) =>
          second.rects.some((other) => Math.min(one.right, other.right) - Math.max(one.left, other.left) > 2 && Math.min(one.bottom, other.bottom) - Math.max(one.top, other.top) > 2),
        );
        if (overlap) problems.push(`texts over each other: ${describe(first.node.parentElement!)} and ${describe(second.node.parentElement!)}`);
      }
    });
    return [...new Set(problems)];
  });
}

/** Tabs through the screen; each focused element must be inside the window and not under a fixed or sticky box. */
async function focusProblems(page: Page, steps: number): Promise<string[]> {
  const problems: string[] = [];
  await page.locator('body').focus();
  for (let step = 0; step < steps; step += 1) {
    await page.keyboard.press('Tab');
    const problem = await page.evaluate(async () => {
      await new Promise(requestAnimationFrame);
      const focused = document.activeElement as HTMLElement | null;
      if (!focused || focused === document.body) return null;
      // A visually hidden input (our file field, a styled checkbox) shows its focus on its label.
      let shown: Element = focused;
      const own = focused.getBoundingClientRect();
      if (own.width <= 1 || own.height <= 1) shown = (focused as HTMLInputElement).labels?.[0] ?? focused.parentElement ?? focused;
      const box = shown.getBoundingClientRect();
      const name = `${focused.tagName.toLowerCase()} "${(focused.getAttribute('aria-label') ?? focused.textContent ?? '').trim().slice(0, 40)}"`;
      // Whole inside the window (2 px of rounding allowed); a box taller than the window (a long
      // table's scrolling region), at least partly.
      const tall = box.height > window.innerHeight;
      const outside = tall ? box.bottom < 0 || box.top > window.innerHeight : box.top < -2 || box.bottom > window.innerHeight + 2;
      if (outside || box.left < -2 || box.right > document.documentElement.clientWidth + 2) {
        return `${name} not inside the window (${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)})`;
      }
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 10));
      if (!hit || shown.contains(hit) || hit.contains(shown)) return null;
      for (let cover: Element | null = hit; cover; cover = cover.parentElement) {
        const position = getComputedStyle(cover).position;
        if ((position === 'fixed' || position === 'sticky') && !cover.contains(focused)) return `${name} under ${cover.tagName.toLowerCase()}.${[...cover.classList].join('.')}`;
      }
      return null;
    });
    if (problem) problems.push(problem);
  }
  return [...new Set(problems)];
}

/** The main menu, folded behind its "Menu" button at this width: every entry shown whole once opened. */
async function expectMenuReachable(page: Page) {
  const menu = page.getByRole('navigation', { name: /^(Menu principal|Main menu)$/ });
  const toggle = menu.getByRole('button', { name: 'Menu' });
  await expect(toggle).toBeInViewport({ ratio: 1 });
  await toggle.click();
  const links = menu.getByRole('link');
  expect(await links.count()).toBe(7);
  for (const link of await links.all()) {
    await link.focus();
    const box = await link.boundingBox();
    const name = await link.textContent();
    expect(box, `menu entry ${name}`).not.toBeNull();
    // Whole inside the window (a pixel's rounding allowed).
    expect(box!.x, `menu entry ${name}: left`).toBeGreaterThanOrEqual(-1);
    expect(box!.y, `menu entry ${name}: top`).toBeGreaterThanOrEqual(-1);
    expect(box!.x + box!.width, `menu entry ${name}: right`).toBeLessThanOrEqual(ZOOMED.width + 1);
    expect(box!.y + box!.height, `menu entry ${name}: bottom`).toBeLessThanOrEqual(ZOOMED.height + 1);
  }
  await toggle.click();
  await expect(links.first()).toBeHidden();
}

async function checkScreens(page: Page, slugs: readonly string[], signedIn: boolean) {
  return problemsOnScreens(page, stack.baseUrl, slugs, async (slug, language) => {
    if (signedIn) await expectMenuReachable(page);
    if (slug === slugs.at(-1)) await expectNoSeriousA11yViolations(page, `#/${slug} at 200 % (${language.code})`);
    return [...(await layoutProblems(page)), ...(await focusProblems(page, 30))];
  });
}

test.afterEach(async ({ page }) => {
  if (page.url().startsWith('http')) await useLanguage(page, UI_LANGUAGES[0]);
});

test('the checks see a page that scrolls sideways, a cut text, texts over each other', async ({ page }) => {
  await openScreen(page, stack.baseUrl, 'accessibilite');
  await page.evaluate(() => {
    const main = document.querySelector('main')!;
    const wide = main.appendChild(document.createElement('p'));
    wide.textContent = 'Un texte beaucoup trop large pour la fenêtre';
    wide.style.width = '900px';
    const box = main.appendChild(document.createElement('p'));
    box.style.cssText = 'width: 5em; height: 1.5em; overflow: hidden; white-space: nowrap';
    box.textContent = 'Une ligne coupée par sa boîte';
    const over = main.appendChild(document.createElement('p'));
    over.textContent = 'Un texte posé sur un autre';
    over.style.marginTop = '-2em';
  });
  const problems = await layoutProblems(page);
  expect(problems.some((problem) => problem.startsWith('the page scrolls sideways'))).toBe(true);
  expect(problems.some((problem) => problem.startsWith('text cut by') && problem.includes('Une ligne coupée'))).toBe(true);
  expect(problems.some((problem) => problem.startsWith('texts over each other') && problem.includes('Un texte posé sur un autre'))).toBe(true);
});

test('at 200 % zoom, the signed-out screens fit the window: no sideways scroll, no text cut or overlapping, focus shown (fr, en)', async ({ page }) => {
  // The file's own stack: nobody has signed in yet.
  expect(await checkScreens(page, GUEST_SCREENS, false)).toEqual({});
});

test('at 200 % zoom, every screen of a signed-in tenant fits the window, the menu reachable, focus shown (fr, en)', async ({ page }) => {
  test.setTimeout(300_000);
  const screens = await signInAndListPrivateScreens(page, stack.baseUrl, stack.documentSha);
  expect(await checkScreens(page, screens, true)).toEqual({});
});

/** WCAG 1.4.12's text spacing, as a tenant's own style sheet would set it (CSSOM: the CSP allows it). */
async function spaceText(page: Page) {
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  // The sheet is applied: the heading's letters are spaced by 0.12em.
  const heading = page.getByRole('heading', { level: 1 });
  const [spacing, size] = await heading.evaluate((element) => [parseFloat(getComputedStyle(element).letterSpacing), parseFloat(getComputedStyle(element).fontSize)]);
  expect(spacing).toBeCloseTo(size * 0.12, 1);
}

test('with text spacing widened (RGAA 10.12, WCAG 1.4.12), no screen cuts or overlaps its text (1280 px, fr)', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 1024 });
  const screens = await signInAndListPrivateScreens(page, stack.baseUrl, stack.documentSha);
  const problems: Record<string, string[]> = {};
  for (const slug of screens) {
    await openScreen(page, stack.baseUrl, slug);
    await spaceText(page);
    const found = await layoutProblems(page);
    if (found.length > 0) problems[`#/${slug}`] = found;
  }
  expect(problems).toEqual({});
});
