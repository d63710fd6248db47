import { ConflictError } from '../http/errors.js';
import {
  referralStatusLabels,
  referralTransitions,
  type ReferralStatus,
} from '../../shared/referrals.js';

export class InvalidReferralTransitionError extends ConflictError {
  constructor(from: ReferralStatus, to: ReferralStatus) {
    const next = referralTransitions[from];
    const then = next.length
      ? `From "${referralStatusLabels[from]}" it can only become: ${next.join(', ')}.`
      : 'It is closed: nothing more can change.';
    super('invalid_transition', `A referral that is ${from} cannot become ${to}. ${then}`);
  }
}
