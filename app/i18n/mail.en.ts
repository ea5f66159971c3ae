// The mails Rytm sends, in English. Each is plain text paragraphs; a link stands on its own.
export const mail = {
  signOff: "— Rytm",
  signUp: {
    subject: "Finish creating your Rytm account",
    before: "Someone, probably you, asked to create a Rytm account for this address. Open this link within 24 hours to choose your name and password:",
    after: "If it was not you, ignore this mail: no account is made without the link.",
  },
  signUpExisting: {
    subject: "Someone tried to sign up with your address",
    before: (email: string) => `Someone asked to create a Rytm account for ${email}, but you have one already. If it was you, sign in here:`,
    reset: "Forgot your password? Choose a new one here:",
    after: "If it was not you, ignore this mail: nothing has changed.",
  },
  passwordReset: {
    subject: "Reset your Rytm password",
    before: "Someone, probably you, asked to reset the password of your Rytm account. Open this link within an hour to choose a new one; it works once:",
    after: "If it was not you, ignore this mail: your password stays as it is.",
  },
  passwordChanged: {
    subject: "Your Rytm password was changed",
    before: (email: string) => `The password of your Rytm account ${email} was just changed, and every other session was signed out.`,
    after: "If it was not you, reset the password now:",
  },
  twoFactorOn: {
    subject: "Two-factor sign-in is on",
    before: (email: string) => `Two-factor sign-in was just turned on for your Rytm account ${email}. Signing in now also asks for a code from your authenticator app.`,
    after: "If it was not you, reset your password now:",
  },
  twoFactorOff: {
    subject: "Two-factor sign-in is off",
    before: (email: string) => `Two-factor sign-in was just turned off for your Rytm account ${email}.`,
    after: "If it was not you, reset your password now and turn it on again:",
  },
};
