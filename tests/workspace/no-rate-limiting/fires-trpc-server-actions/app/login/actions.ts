'use server';

import { z } from 'zod';

export const signIn = validatedAction(z.object({ email: z.string(), password: z.string() }), async (data) => {
  return checkPassword(data.email, data.password);
});

export const updatePassword = validatedActionWithUser(z.object({ password: z.string() }), async (data, user) => {
  return setPassword(user.id, data.password);
});

export async function signOut() {
  await clearSession();
}

export async function signInWithGithub() {
  return redirectTo(await oauthUrl('github'));
}
