import type { Page } from '@playwright/test';

/**
 * The page's alert with this text. Next.js keeps an empty role="alert" route
 * announcer on every page, so a bare getByRole('alert') would match two elements.
 */
export const alertWith = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text });
