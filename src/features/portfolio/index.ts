import type { Router } from '../../core/router';
import { digest } from './digest';
import { DIGEST_JOB } from './digest-schedule';
import { pending } from './pending';
import { portfolioPage } from './portfolio-page';
import { portfolioStatus } from './portfolio-status';
import { runDigest } from './run-digest';

export function registerPortfolio(router: Router): void {
  router.command(['pending', 'portfolio'], pending, { audience: 'partner' });
  router.command('digest', digest, { audience: 'partner' });
  router.verb('portfolioPage', portfolioPage, { audience: 'partner' });
  router.verb('portfolioStatus', portfolioStatus, { audience: 'partner' });
  router.job(DIGEST_JOB, runDigest);
}
