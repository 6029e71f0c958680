// Walks a preview's install wizard the way a patient customer would: on each step it fills what is empty with
// a plausible value, presses Next, and where a field is refused tries the next candidate for that field, until
// "Review + create" is reached or a step cannot be passed. Used on real packages, whose forms nobody wrote for
// these tests.

import type { Page } from 'playwright-core';

const TEXT = ['contoso1', '6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f', 'contosoapp1', 'contoso-app-1', 'Contoso1', 'user1', 'cnt1', 'a1b2c3d4e5', '10.0.0.0/16', 'preview.example.com', 'https://example.com/app', 'contoso_app', 'Contoso App 1', '1', '443', 'admin@example.com', '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', '203.0.113.10'];
/** One with symbols (VM rules), one of letters and digits only (forms that forbid symbols). */
const PASSWORDS = ['Preview-Passw0rd-2026!', 'PreviewPassw0rd2026'];
const SSH_KEY = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7offerkitpreviewsamplekey preview@example';

export interface Walk {
  /** Labels of the steps passed, in order. */
  passed: string[];
  reachedReview: boolean;
  /** The message and the refused fields where a step could not be passed. */
  blocked?: string;
}

/** Fills the visible, empty fields of the current step; `attempt` picks the candidate for refused text fields. */
async function fill(page: Page, attempt: number): Promise<void> {
  await page.evaluate(({ texts, passwords, key, attempt }) => {
    const panel = document.getElementById('wizard-panel')!;
    const visible = (el: Element) => !(el as HTMLElement).closest('[hidden]') && (el as HTMLElement).offsetParent !== null;
    const fire = (el: HTMLElement, type = 'input') => el.dispatchEvent(new Event(type, { bubbles: true }));
    for (const control of Array.from(panel.querySelectorAll<HTMLElement>('.control')).filter(visible)) {
      const invalid = control.classList.contains('invalid');
      for (const el of Array.from(control.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')).filter(visible)) {
        if (el.closest('.control') !== control) continue;
        if (el instanceof HTMLSelectElement) {
          if (!el.multiple && el.value === '' && el.options.length > 1) {
            el.value = el.options[1].value;
            fire(el, 'change');
          }
        } else if (el instanceof HTMLInputElement && el.type === 'password') {
          if (!el.value || invalid) {
            el.value = passwords[attempt % passwords.length]!;
            fire(el);
          }
        } else if (el instanceof HTMLTextAreaElement && el.closest('.ssh-key')) {
          el.value = key;
          fire(el);
        } else if (el instanceof HTMLInputElement && el.type === 'checkbox') {
          if (invalid && !el.checked) {
            el.checked = true;
            fire(el, 'change');
          }
        } else if (el instanceof HTMLInputElement && el.type === 'radio') {
          const group = Array.from(control.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${el.name}"]`));
          if (!group.some((r) => r.checked)) {
            group[0].checked = true;
            fire(group[0], 'change');
          }
        } else if (el instanceof HTMLInputElement && (el.type === 'text' || el.type === '') || el instanceof HTMLTextAreaElement) {
          // Only fields the walker filled itself are changed again: a default the form gave stays.
          if (!el.value || (invalid && el.dataset.walkerFilled === 'true')) {
            el.value = texts[attempt % texts.length]!;
            el.dataset.walkerFilled = 'true';
            fire(el);
          }
        }
      }
    }
    const app = document.getElementById('basics-app-name') as HTMLInputElement | null;
    if (app && visible(app) && !app.value) {
      app.value = 'contoso-preview';
      fire(app);
    }
  }, { texts: TEXT, passwords: PASSWORDS, key: SSH_KEY, attempt });
}

export async function walkWizard(page: Page, maxAttempts = TEXT.length): Promise<Walk> {
  const walk: Walk = { passed: [], reachedReview: false };
  for (let guard = 0; guard < 50; guard++) {
    if (await page.$('#review')) {
      walk.reachedReview = true;
      return walk;
    }
    const label = await page.$eval('[role=tab][aria-selected=true]', (t) => t.textContent ?? '');
    let passed = false;
    for (let attempt = 0; attempt < maxAttempts && !passed; attempt++) {
      await fill(page, attempt);
      await page.click('#wizard-next');
      passed = (await page.$eval('[role=tab][aria-selected=true]', (t) => t.textContent ?? '')) !== label;
    }
    if (!passed) {
      const refused = await page.$$eval('.control.invalid', (els) => els.map((e) => `${e.getAttribute('data-type')} ${e.getAttribute('data-control')}: ${e.querySelector('.error')?.textContent ?? ''}`));
      walk.blocked = `${label}: ${await page.$eval('#wizard-message', (m) => m.textContent ?? '')} ${refused.join('; ')}`;
      return walk;
    }
    walk.passed.push(label);
  }
  return walk;
}
