import { defineAuth } from '@aws-amplify/backend';
import { postConfirmation } from '../functions/post-confirmation/resource.js';

export const auth = defineAuth({
  loginWith: {
    email: {
      verificationEmailSubject: 'Welcome! Verify your email',
      verificationEmailBody: (createCode) => `Your verification code is ${createCode()}`,
    },
  },
  multifactor: { mode: 'OPTIONAL', totp: true },
  groups: ['ADMINS'],
  triggers: { postConfirmation },
});
