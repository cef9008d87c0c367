import { redis } from "./redis";

export async function checkOtp(userId: string, otp: string): Promise<boolean> {
  const storedOtp = await redis.get(`otp:${userId}`);
  if (storedOtp === null) return false;
  return storedOtp === otp;
}
