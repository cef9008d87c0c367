import { z } from "zod";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "./trpc";

export const userRouter = createTRPCRouter({
  profile: protectedProcedure.query(({ ctx }) => ctx.session.user),
  register: publicProcedure
    .input(z.object({ email: z.string().email(), password: z.string().min(8) }))
    .mutation(async ({ input }) => createUser(input)),
  requestPasswordReset: publicProcedure
    .input(z.object({ email: z.string().email() }))
    .mutation(async ({ input }) => sendReset(input.email)),
  changePassword: protectedProcedure
    .input(z.object({ password: z.string().min(8) }))
    .mutation(async ({ ctx, input }) => setPassword(ctx.session.user.id, input.password)),
});
